import { createHash } from 'node:crypto';
import { writeFileAtomic } from '@reasonkit/core/node';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { POLICY_SYSTEM, GENERATOR_SYSTEM, grmUserPrompt } from '../loop/prompts.js';
import type { Store } from '../loop/store.js';
import { validateVerlRow, type ExportDialect, type ResolvedVerlRow, type VerlRow } from '../export/verl-row.js';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];
const utf8 = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }) as SchemaElement;

function schemaFor(dialect: ExportDialect): SchemaElement[] {
  const groundTruth = (): SchemaElement[] =>
    dialect === 'search-r1'
      ? [
          { name: 'ground_truth', repetition_type: 'OPTIONAL', num_children: 1 } as SchemaElement,
          { name: 'target', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 } as SchemaElement,
          { name: 'list', repetition_type: 'REPEATED', num_children: 1 } as SchemaElement,
          utf8('element'),
        ]
      : [utf8('ground_truth')];
  const gt = groundTruth();
  return [
    { name: 'root', num_children: 7 } as SchemaElement,
    utf8('data_source'),
    { name: 'prompt', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 } as SchemaElement,
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 } as SchemaElement,
    { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 } as SchemaElement,
    utf8('role'),
    utf8('content'),
    utf8('ability'),
    { name: 'reward_model', repetition_type: 'OPTIONAL', num_children: 2 } as SchemaElement,
    utf8('style'),
    ...gt,
    { name: 'extra_info', repetition_type: 'OPTIONAL', num_children: 8 } as SchemaElement,
    utf8('split'),
    { name: 'index', type: 'INT64', repetition_type: 'OPTIONAL' } as SchemaElement,
    utf8('run_id'),
    { name: 'round', type: 'INT64', repetition_type: 'OPTIONAL' } as SchemaElement,
    utf8('phase'),
    utf8('task_id'),
    { name: 'need_tools_kwargs', type: 'BOOLEAN', repetition_type: 'OPTIONAL' } as SchemaElement,
    { name: 'tools_kwargs', repetition_type: 'OPTIONAL', num_children: 1 } as SchemaElement,
    { name: 'search', repetition_type: 'OPTIONAL', num_children: 1 } as SchemaElement,
    { name: 'create_kwargs', repetition_type: 'OPTIONAL', num_children: 3 } as SchemaElement,
    ...groundTruth(),
    utf8('question'),
    utf8('data_source'),
    utf8('agent_name'),
    utf8('env_name'),
  ];
}

/** An immutable export: path, format, row count and sha256 of the bytes (same data → same hash). */
export interface ExportRef {
  id: string;
  path: string;
  format: 'parquet' | 'jsonl';
  rows: number;
  sha256: string;
}

/** Parquet bytes for validated rows (explicit schema: `prompt` list<struct<role, content>>, int64 `index`). */
export function verlParquetBytes(rows: readonly ResolvedVerlRow[], dialect: ExportDialect): Uint8Array {
  const buf = parquetWriteBuffer({
    schema: schemaFor(dialect),
    columnData: [
      { name: 'data_source', data: rows.map((r) => r.data_source) },
      { name: 'prompt', data: rows.map((r) => r.prompt) },
      { name: 'ability', data: rows.map((r) => r.ability) },
      { name: 'reward_model', data: rows.map((r) => r.reward_model) },
      { name: 'extra_info', data: rows.map((r) => ({ ...r.extra_info, index: BigInt(r.extra_info.index), round: BigInt(r.extra_info.round) })) },
      { name: 'agent_name', data: rows.map((r) => r.agent_name) },
      { name: 'env_name', data: rows.map((r) => r.env_name) },
    ],
  });
  return new Uint8Array(buf);
}

/**
 * Writes verl RL rows (spec §9) as parquet (default; what older verl forks read) or JSONL,
 * atomically, and returns a reference with the row count and sha256 (same rows → same hash).
 * Rows are validated with zod; a bad row throws naming its index and field.
 */
export async function exportVerlRl(rows: Iterable<VerlRow> | AsyncIterable<VerlRow>, o: { path: string; format?: 'parquet' | 'jsonl'; dialect: ExportDialect }): Promise<ExportRef> {
  const list: ResolvedVerlRow[] = [];
  for await (const row of rows as AsyncIterable<VerlRow>) list.push(validateVerlRow(row, list.length, o.dialect));
  const format = o.format ?? 'parquet';
  const bytes = format === 'parquet' ? verlParquetBytes(list, o.dialect) : new TextEncoder().encode(list.map((r) => JSON.stringify(r)).join('\n') + (list.length ? '\n' : ''));
  await writeFileAtomic(o.path, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { id: sha256.slice(0, 16), path: o.path, format, rows: list.length, sha256 };
}

/** The phase dataset of a round from the store: `generate` = meta-prompts, `verify` = GRM rows, `solve` = pool tasks. */
export function* verlRowsFromStore(store: Store, runId: string, round: number, phase: 'generate' | 'verify' | 'solve'): Iterable<VerlRow> {
  const base = (index: number, taskId: string) => ({ split: 'train', index, run_id: runId, round, phase, task_id: taskId, need_tools_kwargs: true });
  if (phase === 'solve') {
    let i = 0;
    for (const t of store.tasks(runId, round)) {
      yield { data_source: 'agent-selflearn/solve', prompt: [{ role: 'system', content: POLICY_SYSTEM }, { role: 'user', content: t.question }], reward_model: { style: 'gen_rm', ground_truth: t.answer }, extra_info: base(i++, t.id) };
    }
  } else if (phase === 'verify') {
    let i = 0;
    for (const v of store.verifyRows(runId, round)) {
      yield { data_source: 'agent-selflearn/verify', prompt: [{ role: 'system', content: POLICY_SYSTEM }, { role: 'user', content: grmUserPrompt(v.question, v.candidate) }], reward_model: { style: 'rule', ground_truth: v.label }, extra_info: base(i++, v.id) };
    }
  } else {
    let i = 0;
    for (const m of store.metaPrompts(runId, round)) {
      yield { data_source: 'agent-selflearn/generate', prompt: [{ role: 'system', content: GENERATOR_SYSTEM }, { role: 'user', content: m.text }], reward_model: { style: 'meta', ground_truth: m.referenceAnswer ?? '' }, extra_info: base(i++, m.id) };
    }
  }
}
