import { RewardRowError } from '../errors/index.js';
import { normalizeRow } from '../reward/normalize-row.js';
import { RuleSolutionRowSchema, RuleSourceRowSchema, type RewardRow, type RuleSolutionRow, type RuleSourceRow } from '../schemas/index.js';
import type { SynthItem } from './synth-item.js';

function parseArray<T>(data: unknown, schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, file: string): T[] {
  if (!Array.isArray(data)) throw new RewardRowError(`${file}: expected a JSON array`, { field: '$' });
  return data.map((row, i) => {
    const r = schema.safeParse(row);
    if (!r.success) {
      const iss = r.error.issues[0]!;
      throw new RewardRowError(`${file}: ${iss.message}`, { record: i, field: iss.path.map(String).join('.') || '$' });
    }
    return r.data;
  });
}

/**
 * Import RULE's RL/eval JSON (`[{prompt, solution}]`) as `RewardRow`s with ids `<prefix>-<index>`. In an
 * `eval` file a reject row's `solution[1]` is the probe's gold answer (spec §3.3): it goes to `gold`.
 */
export function fromRuleJson(data: unknown, o: { file?: string; kind?: 'train' | 'eval'; idPrefix?: string } = {}): RewardRow[] {
  const file = o.file ?? '<rule json>';
  const rows = parseArray<RuleSolutionRow>(data, RuleSolutionRowSchema, file);
  return rows.map((row, i) => {
    const id = `${o.idPrefix ?? 'row'}-${i}`;
    const n = normalizeRow(row, id);
    const variant = row.mode;
    if (n.label === 'refuse') {
      const base = { label: 'refuse' as const, id, prompt: row.prompt, target: n.target!, ...(variant ? { variant } : {}) };
      return o.kind === 'eval' ? { ...base, gold: [row.solution[1]!] } : { ...base, refusalExample: row.solution[1]! };
    }
    return { label: 'answer' as const, id, prompt: row.prompt, references: row.solution.slice(1), ...(variant ? { variant } : {}) };
  });
}

/** RULE's source rows (`reject_with_fb_neighbor_target.json`) as four items each: forget QA, forget cloze, boundary QA, boundary cloze. */
export function fromRuleSource(data: unknown, o: { file?: string } = {}): SynthItem[] {
  const rows = parseArray<RuleSourceRow>(data, RuleSourceRowSchema, o.file ?? '<rule source json>');
  return rows.flatMap((r, i): SynthItem[] => [
    { id: `f${i}-qa`, kind: 'forget', variant: 'qa', question: r.instruction, target: r.subject },
    { id: `f${i}-cloze`, kind: 'forget', variant: 'cloze', question: r.FB_instruction, target: r.subject },
    { id: `b${i}-qa`, kind: 'boundary', variant: 'qa', question: r.neighbor_question.question, answer: r.neighbor_question.answer, target: r.subject, sourceId: `f${i}-qa` },
    { id: `b${i}-cloze`, kind: 'boundary', variant: 'cloze', question: r.FB_neighbor_question.question, answer: r.FB_neighbor_question.answer, target: r.subject, sourceId: `f${i}-cloze` },
  ]);
}
