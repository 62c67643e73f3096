import type { DomainVerbalizer } from './verbalizer.js';

export interface ExtractedPlan {
  /** Actions as `(name arg ...)`. */
  plan: string[];
  /** Lines that looked like actions but could not be mapped (unknown phrase, wrong object count). */
  skippedLines: string[];
}

/**
 * Extracts a plan from model output.
 * - `pddl`: strips code fences, trailing `\` and `;` comments, joins actions split over lines,
 *   and takes every `( … )`.
 * - `nl`: inverse templates (longest phrase first, so "stack" never matches inside "unstack"),
 *   objects in order of appearance; stops at `[PLAN END]` or `[COST]`; wrong-arity lines are
 *   recorded in `skippedLines` (never silently dropped).
 */
export function extractPlan(text: string, options: { mode: 'pddl' | 'nl'; verbalizer?: DomainVerbalizer }): ExtractedPlan {
  if (options.mode === 'pddl') return extractPddl(text);
  if (!options.verbalizer) throw new TypeError('extractPlan: nl mode needs a verbalizer');
  return extractNl(text, options.verbalizer);
}

function extractPddl(text: string): ExtractedPlan {
  const cleaned = text
    .split(/\r?\n/)
    .filter((l) => !/^\s*```/.test(l))
    .map((l) => l.replace(/;.*$/, '').replace(/\\\s*$/, ''))
    .join(' ');
  const plan: string[] = [];
  const skippedLines: string[] = [];
  const re = /\(([^()]*)\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(cleaned))) {
    const toks = m[1]!.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (toks.length === 0) continue;
    if (toks.every((t) => /^[a-z0-9_][a-z0-9_\-.]*$/.test(t))) plan.push(`(${toks.join(' ')})`);
    else skippedLines.push(m[0]);
  }
  return { plan, skippedLines };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function extractNl(text: string, v: DomainVerbalizer): ExtractedPlan {
  const phrases = Object.entries(v.actions)
    .map(([name, t]) => ({ name, phrase: t.split('{}')[0]!.replace(/\bthe\s*$/, '').trim().toLowerCase(), arity: (t.match(/\{\}/g) ?? []).length }))
    .sort((a, b) => b.phrase.length - a.phrase.length);
  // Object display names without a shared trailing noun ("red block" → "red").
  const names = Object.entries(v.objectNames).map(([id, n]) => ({ id, key: n.toLowerCase().replace(/\s+block$/, '') }));
  names.sort((a, b) => b.key.length - a.key.length);
  const objRe = new RegExp(`\\b(${names.map((n) => escape(n.key)).join('|')})\\b`, 'g');
  const plan: string[] = [];
  const skippedLines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().toLowerCase();
    if (line.startsWith('[plan end]') || line.startsWith('[cost]')) break;
    if (!line || line === '[plan]') continue;
    const act = phrases.find((p) => new RegExp(`(^|[^a-z-])${escape(p.phrase)}\\b`).test(line));
    if (!act) continue; // prose
    const after = line.slice(line.search(new RegExp(`${escape(act.phrase)}\\b`)) + act.phrase.length);
    const objs = [...after.matchAll(objRe)].map((m) => names.find((n) => n.key === m[1])!.id);
    if (objs.length !== act.arity) {
      skippedLines.push(raw.trim());
      continue;
    }
    plan.push(`(${[act.name, ...objs].join(' ')})`);
  }
  return { plan, skippedLines };
}
