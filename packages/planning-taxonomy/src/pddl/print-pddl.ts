import type { Domain, Literal, Problem, TypedName } from './ast.js';
import { ROOT_TYPE, atomKey, literalText } from './ast.js';

function typedList(items: TypedName[], untyped: boolean): string {
  if (untyped) return items.map((i) => i.name).join(' ');
  const parts: string[] = [];
  let i = 0;
  while (i < items.length) {
    const t = items[i]!.type;
    const group: string[] = [];
    while (i < items.length && items[i]!.type === t) group.push(items[i++]!.name);
    parts.push(`${group.join(' ')} - ${t}`);
  }
  return parts.join(' ');
}

function conj(lits: Literal[]): string {
  if (lits.length === 0) return '()';
  if (lits.length === 1) return literalText(lits[0]!);
  return `(and ${lits.map(literalText).join(' ')})`;
}

/** Prints a domain in canonical form; `parseDomain(printDomain(d))` deep-equals `d`. */
export function printDomain(d: Domain): string {
  const typed = d.types.length > 0;
  const lines: string[] = [`(define (domain ${d.name})`];
  if (d.requirements.length) lines.push(`  (:requirements ${d.requirements.join(' ')})`);
  if (typed) lines.push(`  (:types ${d.types.map((t) => `${t.name} - ${t.parent}`).join(' ')})`);
  if (d.constants.length) lines.push(`  (:constants ${typedList(d.constants, !typed)})`);
  if (d.predicates.length) {
    lines.push(`  (:predicates`);
    for (const p of d.predicates) {
      const ps = typedList(p.parameters, !typed || p.parameters.every((q) => q.type === ROOT_TYPE));
      lines.push(`    (${p.name}${ps ? ' ' + ps : ''})`);
    }
    lines.push('  )');
  }
  if (d.functions.length) lines.push(`  (:functions ${d.functions.map((f) => `(${f})`).join(' ')})`);
  for (const a of d.actions) {
    lines.push(`  (:action ${a.name}`);
    lines.push(`    :parameters (${typedList(a.parameters, !typed || a.parameters.every((q) => q.type === ROOT_TYPE))})`);
    lines.push(`    :precondition ${conj(a.precondition)}`);
    const eff = a.effect.map(literalText);
    if (a.cost !== undefined) eff.push(`(increase (total-cost) ${a.cost})`);
    lines.push(`    :effect ${eff.length === 0 ? '()' : eff.length === 1 ? eff[0] : `(and ${eff.join(' ')})`})`);
  }
  lines.push(')');
  return lines.join('\n') + '\n';
}

/** Prints a problem in canonical form; re-parsing gives a deep-equal value. */
export function printProblem(p: Problem): string {
  const typed = p.objects.some((o) => o.type !== ROOT_TYPE);
  const lines = [`(define (problem ${p.name})`, `  (:domain ${p.domain})`];
  if (p.objects.length) lines.push(`  (:objects ${typedList(p.objects, !typed)})`);
  lines.push(`  (:init`);
  for (const a of p.init) lines.push(`    ${atomKey(a)}`);
  if (p.metric) lines.push('    (= (total-cost) 0)');
  lines.push('  )');
  lines.push(`  (:goal ${p.goal.length <= 1 ? conj(p.goal) : `(and ${p.goal.map(literalText).join(' ')})`})`);
  if (p.metric) lines.push('  (:metric minimize (total-cost))');
  lines.push(')');
  return lines.join('\n') + '\n';
}
