import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import type { VerlRow } from '../export/verl-row.js';
import { exportVerlRl, verlRowsFromStore } from './export-verl.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'asl-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = (n: number): VerlRow[] =>
  Array.from({ length: n }, (_, i) => ({
    data_source: 'agent-selflearn/solve',
    prompt: [{ role: 'system', content: 'sys' }, { role: 'user', content: `Question ${i}?` }],
    reward_model: { style: 'gen_rm', ground_truth: `A${i}` },
    extra_info: { index: i, run_id: 'r', round: 1, phase: 'solve', task_id: `t${i}` },
  }));

async function readBack(path: string) {
  const bytes = readFileSync(path);
  return parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
}

describe('verl exports (T10)', () => {
  it('parquet re-reads with prompt list<struct>, struct reward_model, int64 index; sha256 stable', async () => {
    const a = await exportVerlRl(rows(5), { path: join(dir, 'a.parquet'), dialect: 'verl-tool' });
    const b = await exportVerlRl(rows(5), { path: join(dir, 'b.parquet'), dialect: 'verl-tool' });
    expect(a.rows).toBe(5);
    expect(a.sha256).toBe(b.sha256);
    const back = await readBack(a.path);
    expect(back).toHaveLength(5);
    expect(back[2]!.prompt).toEqual([{ role: 'system', content: 'sys' }, { role: 'user', content: 'Question 2?' }]);
    expect(back[2]!.reward_model).toEqual({ style: 'gen_rm', ground_truth: 'A2' });
    expect(back[2]!.extra_info.index).toBe(2n);
    expect(back[2]!.extra_info).toMatchObject({ run_id: 'r', phase: 'solve', task_id: 't2', need_tools_kwargs: true });
    expect(back[2]!.extra_info.tools_kwargs).toEqual({ search: { create_kwargs: { ground_truth: 'A2', question: 'Question 2?', data_source: 'agent-selflearn/solve' } } });
    expect(back[2]).toMatchObject({ agent_name: 'tool_agent', env_name: 'Retrieval', ability: 'fact-reasoning', data_source: 'agent-selflearn/solve' });
  });
  it('search-r1 dialect emits ground_truth.target; asl dialect uses data_source "asl"', async () => {
    const s = await exportVerlRl(rows(2), { path: join(dir, 's.parquet'), dialect: 'search-r1' });
    const sr = (await readBack(s.path))[1]!;
    expect(sr.reward_model).toEqual({ style: 'rule', ground_truth: { target: ['A1'] } });
    expect(sr.extra_info.tools_kwargs.search.create_kwargs).toEqual({ ground_truth: { target: ['A1'] }, question: 'Question 1?', data_source: 'agent-selflearn/solve' });
    const j = await exportVerlRl(rows(2), { path: join(dir, 'a.jsonl'), dialect: 'asl', format: 'jsonl' });
    const first = JSON.parse(readFileSync(j.path, 'utf8').split('\n')[0]!);
    expect(first.data_source).toBe('asl');
    expect(first.extra_info.tools_kwargs.search.create_kwargs.data_source).toBe('asl');
  });
  it('a row missing prompt fails naming the row and field', async () => {
    const bad = rows(3) as Partial<VerlRow>[];
    delete bad[1]!.prompt;
    await expect(exportVerlRl(bad as VerlRow[], { path: join(dir, 'x.parquet'), dialect: 'verl-tool' })).rejects.toThrow(/row 1: prompt/);
  });
  it('exports a round’s pool from the store', async () => {
    const store = new SqliteStore(':memory:');
    store.openRun('r', '{}', 1);
    store.commitStep({ phaseId: 'r/m1', step: 0, trajectories: [], verdicts: [], rewards: [], verifyRows: [], metaPrompts: [], stats: {}, tasks: [{ id: 't0', round: 1, origin: 'generated', question: 'Which river flows through Paris?', answer: 'Seine', difficulty: 0.69, normHash: 'h' }] });
    const ref = await exportVerlRl(verlRowsFromStore(store, 'r', 1, 'solve'), { path: join(dir, 'pool.parquet'), dialect: 'verl-tool' });
    expect(ref.rows).toBe(1);
    expect((await readBack(ref.path))[0]!.prompt[1]).toEqual({ role: 'user', content: 'Which river flows through Paris?' });
    store.close();
  });
});
