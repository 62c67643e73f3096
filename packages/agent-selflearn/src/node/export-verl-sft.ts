import { createHash } from 'node:crypto';
import { contentText, type ChatMessage } from '@reasonkit/core';
import { writeFileAtomic } from '@reasonkit/core/node';
import { parquetWriteBuffer } from 'hyparquet-writer';
import * as z from 'zod';
import { AslError } from '../errors/asl-error.js';
import type { ExportRef } from './export-verl.js';
import type { SqliteStore } from './sqlite-store.js';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];
const utf8 = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }) as SchemaElement;

/** One trajectory to export for SFT: a `Trajectory` from `runEpisode` fits, as do rows from `sftSourcesFromStore`. */
export interface SftSource {
  /** Trajectory id (kept in `extra_info.traj_id`). */
  id?: string;
  /** Role of the trajectory in the loop (`policy`, `generator`, …), kept in `extra_info.role`. */
  role?: string;
  /** The whole conversation: prompt, model turns and tool observations. */
  messages: readonly ChatMessage[];
  /** The trajectory's reward; needed when `minReward` is set. */
  reward?: number;
}

const SftMessageSchema = z.object({ role: z.enum(['system', 'user', 'assistant', 'tool']), content: z.string() });

/** One row of verl's multi-turn SFT dataset (`messages` list<struct<role, content>>) plus our bookkeeping in `extra_info`. */
export interface VerlSftRow {
  messages: { role: 'system' | 'user' | 'assistant' | 'tool'; content: string }[];
  extra_info: { index: number; traj_id: string; role: string; reward: number | null };
}

/** Options of `exportVerlSft`. */
export interface ExportVerlSftOptions {
  /** Output file (written atomically). */
  path: string;
  /** `parquet` (default; verl's SFT dataset reads parquet) or `jsonl`. */
  format?: 'parquet' | 'jsonl';
  /** Keep only trajectories with `reward >= minReward` (a trajectory without a reward is then an error). Default: keep all. */
  minReward?: number;
  /** Keep only trajectories that end with an assistant turn. Default true (ours: a trailing observation teaches nothing). */
  requireFinalAssistant?: boolean;
}

function sftRow(src: SftSource, index: number, record: number): VerlSftRow {
  const messages: VerlSftRow['messages'] = [];
  src.messages.forEach((m, i) => {
    const parsed = SftMessageSchema.safeParse({ role: m.role, content: contentText(m.content) });
    if (!parsed.success) throw new AslError('export', `verl SFT export trajectory ${record}: messages.${i}.role: unsupported role "${m.role}"`, { record, field: `messages.${i}.role` });
    messages.push(parsed.data);
  });
  if (!messages.some((m) => m.role === 'assistant')) throw new AslError('export', `verl SFT export trajectory ${record}: messages: no assistant turn`, { record, field: 'messages' });
  return { messages, extra_info: { index, traj_id: src.id ?? String(record), role: src.role ?? '', reward: src.reward ?? null } };
}

/** Parquet bytes of SFT rows: `messages` list<struct<role, content>>, struct `extra_info` with int64 `index` and double `reward`. */
export function verlSftParquetBytes(rows: readonly VerlSftRow[]): Uint8Array {
  const schema: SchemaElement[] = [
    { name: 'root', num_children: 2 } as SchemaElement,
    { name: 'messages', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 } as SchemaElement,
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 } as SchemaElement,
    { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 } as SchemaElement,
    utf8('role'),
    utf8('content'),
    { name: 'extra_info', repetition_type: 'OPTIONAL', num_children: 4 } as SchemaElement,
    { name: 'index', type: 'INT64', repetition_type: 'OPTIONAL' } as SchemaElement,
    utf8('traj_id'),
    utf8('role'),
    { name: 'reward', type: 'DOUBLE', repetition_type: 'OPTIONAL' } as SchemaElement,
  ];
  const buf = parquetWriteBuffer({
    schema,
    columnData: [
      { name: 'messages', data: rows.map((r) => r.messages) },
      { name: 'extra_info', data: rows.map((r) => ({ ...r.extra_info, index: BigInt(r.extra_info.index) })) },
    ],
  });
  return new Uint8Array(buf);
}

/**
 * Writes trajectories as verl's multi-turn SFT dataset (spec §9.1, §11 `exportVerlSft`): one row
 * per kept trajectory with its whole conversation in `messages` (tool observations as `tool`
 * messages), filtered by `minReward`; parquet through the same writer as `exportVerlRl`, or JSONL.
 * Returns the row count and sha256 (same trajectories → same hash). Bad input throws naming the
 * trajectory and field.
 */
export async function exportVerlSft(trajectories: Iterable<SftSource> | AsyncIterable<SftSource>, o: ExportVerlSftOptions): Promise<ExportRef> {
  const rows: VerlSftRow[] = [];
  let record = 0;
  for await (const t of trajectories as AsyncIterable<SftSource>) {
    const at = record++;
    if (o.minReward !== undefined) {
      if (typeof t.reward !== 'number' || Number.isNaN(t.reward)) throw new AslError('export', `verl SFT export trajectory ${at}: reward: needed for minReward`, { record: at, field: 'reward' });
      if (t.reward < o.minReward) continue;
    }
    if ((o.requireFinalAssistant ?? true) && t.messages.at(-1)?.role !== 'assistant') continue;
    rows.push(sftRow(t, rows.length, at));
  }
  const format = o.format ?? 'parquet';
  const bytes = format === 'parquet' ? verlSftParquetBytes(rows) : new TextEncoder().encode(rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
  await writeFileAtomic(o.path, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { id: sha256.slice(0, 16), path: o.path, format, rows: rows.length, sha256 };
}

/** Stored trajectories of a run (optionally one phase kind and some roles) with their total reward, in commit order, for `exportVerlSft`. */
export function* sftSourcesFromStore(store: SqliteStore, runId: string, options: { roles?: readonly string[]; phase?: 'generate' | 'verify' | 'solve' } = {}): Iterable<SftSource> {
  const roles = options.roles ?? ['policy'];
  const sql = `SELECT t.id AS id, t.role AS role, t.messages_json AS messages, r.total AS reward FROM trajectories t
    JOIN phases p ON p.id = t.phase_id LEFT JOIN rewards r ON r.traj_id = t.id
    WHERE p.run_id = ? ${options.phase ? 'AND p.kind = ?' : ''} AND t.role IN (${roles.map(() => '?').join(',')})
    ORDER BY p.meta_iter, t.step, t.role, t.sample_idx`;
  const args: unknown[] = [runId, ...(options.phase ? [options.phase] : []), ...roles];
  for (const r of store.db.prepare(sql).iterate(...args) as Iterable<{ id: string; role: string; messages: string; reward: number | null }>) {
    yield { id: r.id, role: r.role, messages: JSON.parse(r.messages) as ChatMessage[], ...(r.reward !== null ? { reward: r.reward } : {}) };
  }
}
