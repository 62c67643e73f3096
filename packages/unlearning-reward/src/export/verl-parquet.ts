import { parquetWriteBuffer } from 'hyparquet-writer';
import { normalizeRow } from '../reward/normalize-row.js';
import type { RewardRow } from '../schemas/index.js';

/**
 * One column of a hyparquet-writer schema (the element type of `parquetWriteBuffer`'s `schema`).
 *
 * @inline
 */
type SchemaElement = Parameters<typeof parquetWriteBuffer>[0]['schema'] extends (infer E)[] | undefined ? E : never;

const str = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }) as SchemaElement;

/** The verl column schema (spec §9): 5 columns, `prompt` list<struct<role, content>>, two structs, int64 `index`. */
export const VERL_PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 5 } as SchemaElement,
  str('data_source'),
  { name: 'prompt', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 } as SchemaElement,
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 } as SchemaElement,
  { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 } as SchemaElement,
  str('role'),
  str('content'),
  str('ability'),
  { name: 'reward_model', repetition_type: 'OPTIONAL', num_children: 2 } as SchemaElement,
  str('style'),
  str('ground_truth'),
  { name: 'extra_info', repetition_type: 'OPTIONAL', num_children: 6 } as SchemaElement,
  str('split'),
  { name: 'index', type: 'INT64', repetition_type: 'OPTIONAL' } as SchemaElement,
  str('label'),
  str('target'),
  str('variant'),
  str('source_id'),
];

/** One row of a verl training parquet file. */
export interface VerlRow {
  data_source: string;
  prompt: { role: string; content: string }[];
  ability: string;
  reward_model: { style: 'rule'; ground_truth: string };
  extra_info: { split: string; index: bigint; label: string; target: string | null; variant: string | null; source_id: string };
}

/** Rows in verl's layout; `ground_truth` is the JSON string of RULE's solution array. */
/** `target` names the unlearning target in `data_source` for answer rows (refuse rows carry their own). */
export function verlRows(rows: readonly RewardRow[], o: { benchmark?: string; split?: string; systemPrompt?: string; target?: string } = {}): VerlRow[] {
  return rows.map((row, i) => {
    const n = normalizeRow(row, row.id ?? i);
    const target = row.label === 'refuse' ? row.target : null;
    const solution = row.label === 'refuse' ? ['<reject>', row.refusalExample ?? row.gold?.[0] ?? '', row.target] : n.solution;
    return {
      data_source: `unlearning_reward/${o.benchmark ?? 'rwku'}/${target ?? o.target ?? 'boundary'}`,
      prompt: [...(o.systemPrompt ? [{ role: 'system', content: o.systemPrompt }] : []), { role: 'user', content: row.prompt }],
      ability: 'unlearning',
      reward_model: { style: 'rule', ground_truth: JSON.stringify(solution) },
      extra_info: { split: o.split ?? 'train', index: BigInt(i), label: row.label, target, variant: row.variant ?? null, source_id: row.id },
    };
  });
}

/**
 * verl training parquet (spec §9) as bytes, written with `hyparquet-writer` and an explicit schema.
 * Pair with the Python shim `python/verl_reward.py` (`custom_reward_function.path/name=compute_score`).
 */
export function verlParquet(rows: readonly RewardRow[], o: { benchmark?: string; split?: string; systemPrompt?: string; target?: string; rowGroupSize?: number } = {}): ArrayBuffer {
  const vr = verlRows(rows, o);
  return parquetWriteBuffer({
    schema: VERL_PARQUET_SCHEMA,
    rowGroupSize: o.rowGroupSize,
    columnData: [
      { name: 'data_source', data: vr.map((r) => r.data_source) },
      { name: 'prompt', data: vr.map((r) => r.prompt) },
      { name: 'ability', data: vr.map((r) => r.ability) },
      { name: 'reward_model', data: vr.map((r) => r.reward_model) },
      { name: 'extra_info', data: vr.map((r) => r.extra_info) },
    ],
  });
}
