import { RewardRowError } from '../errors/index.js';
import type { RewardRow, RuleSolutionRow } from '../schemas/index.js';

/** A row in the one shape the presets read: RULE's solution array plus our optional extras. */
export interface NormalizedRow {
  id: string;
  label: 'refuse' | 'answer';
  /** RULE's `solution` array (`<reject>`: [tag, refusalExample, target]; `<normal>`: [tag, ...golds]). */
  solution: string[];
  target?: string;
  aliases?: string[];
  gold?: string[];
}

/** Check a RULE array row or a `RewardRow` and bring it to `NormalizedRow`; errors name the row and field. */
export function normalizeRow(row: RewardRow | RuleSolutionRow, index?: number | string): NormalizedRow {
  const fallbackId = index === undefined ? '?' : String(index);
  if (row === null || typeof row !== 'object') throw new RewardRowError('row is not an object', { record: fallbackId });
  if ('solution' in row) {
    const s = row.solution as unknown;
    if (!Array.isArray(s) || s.some((x) => typeof x !== 'string')) throw new RewardRowError('solution must be an array of strings', { record: fallbackId, field: 'solution' });
    const tag = s[0];
    if (tag === '<reject>') {
      if (s.length < 3 || s[2]!.length === 0) throw new RewardRowError('a <reject> row needs solution[2] = target name', { record: fallbackId, field: 'solution[2]' });
      return { id: fallbackId, label: 'refuse', solution: s as string[], target: s[2]! };
    }
    if (tag === '<normal>') {
      if (s.length < 2) throw new RewardRowError('a <normal> row needs at least one reference in solution[1:]', { record: fallbackId, field: 'solution[1]' });
      return { id: fallbackId, label: 'answer', solution: s as string[] };
    }
    throw new RewardRowError(`unknown solution tag ${JSON.stringify(tag)} (expected "<reject>" or "<normal>")`, { record: fallbackId, field: 'solution[0]', actual: tag });
  }
  const r = row as Partial<RewardRow> & { label?: unknown; id?: unknown };
  const id = typeof r.id === 'string' ? r.id : fallbackId;
  if (r.label === 'refuse') {
    const t = (r as { target?: unknown }).target;
    if (typeof t !== 'string' || t.length === 0) throw new RewardRowError('a refuse row needs a non-empty target', { record: id, field: 'target' });
    const rr = r as Extract<RewardRow, { label: 'refuse' }>;
    return { id, label: 'refuse', solution: ['<reject>', rr.refusalExample ?? '', t], target: t, aliases: rr.aliases, gold: rr.gold };
  }
  if (r.label === 'answer') {
    const refs = (r as { references?: unknown }).references;
    if (!Array.isArray(refs) || refs.length === 0 || refs.some((x) => typeof x !== 'string'))
      throw new RewardRowError('an answer row needs references: a non-empty array of strings', { record: id, field: 'references' });
    return { id, label: 'answer', solution: ['<normal>', ...(refs as string[])] };
  }
  throw new RewardRowError(`unknown label ${JSON.stringify(r.label)} (expected "refuse" or "answer")`, { record: id, field: 'label', actual: r.label });
}

/** Returns `completion` when it is a string, else throws a `RewardRowError` naming record `id` and field `completion`. */
export function checkCompletion(completion: unknown, id: string): string {
  if (typeof completion !== 'string') throw new RewardRowError(`completion must be a string, got ${completion === null ? 'null' : typeof completion}`, { record: id, field: 'completion' });
  return completion;
}
