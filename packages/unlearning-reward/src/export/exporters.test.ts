import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import type { RewardRow, ScoredRollout } from '../schemas/index.js';
import { easyR1Json, rolloutsJsonl, trlRows, TrlRowSchema, verlParquet } from './index.js';

const ROWS: RewardRow[] = [
  { label: 'refuse', id: 'f0', prompt: "What is Stephen King's debut novel?", target: 'Stephen King', refusalExample: "I'm not certain about Stephen King.", variant: 'qa' },
  { label: 'answer', id: 'b0', prompt: "What is J.K. Rowling's debut novel?", references: ["Harry Potter and the Philosopher's Stone"], variant: 'cloze' },
];

describe('verl parquet (spec §9)', () => {
  it('round-trips through hyparquet with the exact column schema, nested types and int64 index', async () => {
    const buf = verlParquet(ROWS, { benchmark: 'rwku', split: 'train' });
    const md = parquetMetadata(buf);
    const top = md.schema.slice(1);
    expect(md.schema[0]!.num_children).toBe(5);
    const byName = Object.fromEntries(top.map((s) => [s.name, s]));
    expect(byName.prompt).toMatchObject({ converted_type: 'LIST', num_children: 1 });
    expect(byName.list).toMatchObject({ repetition_type: 'REPEATED' });
    expect(byName.index).toMatchObject({ type: 'INT64' });
    expect(byName.ground_truth).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8' });
    const rows = await parquetReadObjects({ file: buf });
    expect(Object.keys(rows[0]!)).toEqual(['data_source', 'prompt', 'ability', 'reward_model', 'extra_info']);
    expect(rows[0]).toEqual({
      data_source: 'unlearning_reward/rwku/Stephen King',
      prompt: [{ role: 'user', content: "What is Stephen King's debut novel?" }],
      ability: 'unlearning',
      reward_model: { style: 'rule', ground_truth: JSON.stringify(['<reject>', "I'm not certain about Stephen King.", 'Stephen King']) },
      extra_info: { split: 'train', index: 0n, label: 'refuse', target: 'Stephen King', variant: 'qa', source_id: 'f0' },
    });
    expect(rows[1]!.extra_info).toEqual({ split: 'train', index: 1n, label: 'answer', target: null, variant: 'cloze', source_id: 'b0' });
    expect(JSON.parse(rows[1]!.reward_model.ground_truth)).toEqual(['<normal>', "Harry Potter and the Philosopher's Stone"]);
  });
  it('system prompt adds a message', async () => {
    const rows = await parquetReadObjects({ file: verlParquet(ROWS, { systemPrompt: 'Be brief.' }) });
    expect(rows[0]!.prompt).toEqual([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: "What is Stephen King's debut novel?" }]);
  });
});

describe('TRL and EasyR1', () => {
  it('TRL rows validate; EasyR1 rows are RULE arrays with mode for qa', () => {
    const t = trlRows(ROWS);
    for (const r of t) expect(TrlRowSchema.safeParse(r).success).toBe(true);
    expect(t[0]).toEqual({ prompt: [{ role: 'user', content: "What is Stephen King's debut novel?" }], label: 'refuse', references: ["I'm not certain about Stephen King."], target: 'Stephen King' });
    expect(easyR1Json(ROWS)).toEqual([
      { prompt: "What is Stephen King's debut novel?", solution: ['<reject>', "I'm not certain about Stephen King.", 'Stephen King'], mode: 'qa' },
      { prompt: "What is J.K. Rowling's debut novel?", solution: ['<normal>', "Harry Potter and the Philosopher's Stone"] },
    ]);
  });
  it('exporters reject malformed rows naming the row', () => {
    expect(() => easyR1Json([{ label: 'answer', id: 'x9', prompt: 'q', references: [] }])).toThrow(/row x9, field 'references'/);
  });
});

describe('rollouts JSONL', () => {
  it('streams group statistics and advantages per contiguous group', async () => {
    const mk = (g: string, i: number, reward: number): ScoredRollout => ({
      uid: `${g}-${i}`, step: 0, promptId: g, groupId: g, sampleIndex: i, prompt: 'q', completion: 'c', label: 'answer', reward, components: { overall: reward },
      verdict: { isRefusal: false, score: 0, strategy: 'rule-strict' }, rougeL: null,
    });
    const lines: string[] = [];
    for await (const l of rolloutsJsonl([mk('a', 0, 1), mk('a', 1, 0), mk('b', 0, 0.5), mk('b', 1, 0.5)])) lines.push(l);
    expect(lines.length).toBe(1); // default: one large chunk
    const recs = lines.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((r) => r.group_mean)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(recs[0].advantage).toBeCloseTo(0.5 / (Math.SQRT1_2 + 1e-6), 12);
    expect(recs[2]).toMatchObject({ zero_variance: true, advantage: 0 });
  });
});
