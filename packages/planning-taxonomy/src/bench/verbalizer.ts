import type { Atom, Problem } from '../pddl/ast.js';
import type { PlanStep } from '../pddl/parse-plan.js';

/**
 * A domain's natural-language rendering, as plain config (no domain code): an intro, one
 * template per action and predicate (`{}` = next argument), and display names for objects.
 *
 * @inline
 */
export interface DomainVerbalizer {
  intro: string;
  actions: Record<string, string>;
  predicates: Record<string, string>;
  objectNames: Record<string, string>;
}

function fill(template: string, args: string[], v: DomainVerbalizer): string {
  let i = 0;
  return template.replace(/\{\}/g, () => {
    const a = args[i++] ?? '?';
    return v.objectNames[a] ?? a;
  });
}

export function verbalizeAtom(a: Atom, v: DomainVerbalizer): string {
  const t = v.predicates[a.predicate];
  return t ? fill(t, a.args, v) : `${a.predicate}(${a.args.join(', ')})`;
}

export function verbalizeAction(step: { name: string; args: string[] }, v: DomainVerbalizer): string {
  const t = v.actions[step.name];
  return t ? fill(t, step.args, v) : `${step.name} ${step.args.join(' ')}`;
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `[STATEMENT]` block: initial conditions and goal, PlanBench layout. */
export function renderStatement(problem: Problem, v: DomainVerbalizer): string {
  const init = joinAnd(problem.init.map((a) => verbalizeAtom(a, v)));
  const goal = joinAnd(problem.goal.filter((l) => !l.negated).map((l) => verbalizeAtom(l.atom, v)));
  return `[STATEMENT]\nAs initial conditions I have that, ${init}.\nMy goal is to have that ${goal}.\n\nMy plan is as follows:\n\n[PLAN]`;
}

/** A one-shot t1 prompt: intro, one solved example, then the query statement ending at `[PLAN]`. */
export function renderPrompt(query: Problem, v: DomainVerbalizer, examples: { problem: Problem; plan: PlanStep[] | { name: string; args: string[] }[] }[] = []): string {
  const parts = [v.intro.trim(), ''];
  for (const ex of examples) {
    parts.push(renderStatement(ex.problem, v));
    for (const s of ex.plan) parts.push(verbalizeAction(s, v));
    parts.push('[PLAN END]', '');
  }
  parts.push(renderStatement(query, v));
  return parts.join('\n');
}

/** Stop sequence for generation (our choice). */
export const PLAN_END = '[PLAN END]';
