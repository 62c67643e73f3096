import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { AslError } from '../errors/asl-error.js';
import { createMiniRunModel } from '../loop/mini-run-model.js';
import { RoundOrchestrator } from '../loop/orchestrator.js';
import { Bm25Index } from '../retrieval/bm25-index.js';
import { createSearchEnv } from '../rollout/tool-env.js';
import { exportVerlSft, sftSourcesFromStore, type SftSource } from './export-verl-sft.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'asl-sft-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readBack(path: string) {
  const bytes = readFileSync(path);
  return parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
}

const traj = (i: number, reward: number): SftSource => ({
  id: `t${i}`,
  role: 'policy',
  reward,
  messages: [
    { role: 'system', content: 'sys' },
    { role: 'user', content: `Q${i}?` },
    { role: 'assistant', content: '<think>s</think><tool_call>{"name":"retrieve","arguments":{"query":"q"}}</tool_call>' },
    { role: 'tool', content: '\nid: 1\ncontent:\nx\n' },
    { role: 'assistant', content: `<answer>A${i}</answer>` },
  ],
});

describe('exportVerlSft', () => {
  it('parquet re-reads as messages list<struct<role, content>> with tool turns; minReward filters; sha256 stable', async () => {
    const src = [traj(0, 1), traj(1, 0), traj(2, 1.5), traj(3, 0.99)];
    const a = await exportVerlSft(src, { path: join(dir, 'a.parquet'), minReward: 1 });
    const b = await exportVerlSft(src, { path: join(dir, 'b.parquet'), minReward: 1 });
    expect(a.rows).toBe(2);
    expect(a.sha256).toBe(b.sha256);
    const back = await readBack(a.path);
    expect(back.map((r) => r.extra_info.traj_id)).toEqual(['t0', 't2']);
    expect(back[1]!.messages).toEqual(traj(2, 0).messages);
    expect(back[1]!.extra_info).toEqual({ index: 1n, traj_id: 't2', role: 'policy', reward: 1.5 });
    const all = await exportVerlSft(src, { path: join(dir, 'all.jsonl'), format: 'jsonl' });
    expect(all.rows).toBe(4);
    expect(readFileSync(all.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l).extra_info.reward)).toEqual([1, 0, 1.5, 0.99]);
  });

  it('drops trajectories ending in an observation; bad input names the trajectory and field', async () => {
    const cut = { ...traj(0, 1), messages: traj(0, 1).messages.slice(0, 4) };
    expect((await exportVerlSft([cut, traj(1, 1)], { path: join(dir, 'c.parquet') })).rows).toBe(1);
    await expect(exportVerlSft([traj(0, 1), { messages: traj(1, 1).messages }], { path: join(dir, 'd.parquet'), minReward: 0 })).rejects.toMatchObject({ details: { record: 1, field: 'reward' } });
    const bad = { messages: [{ role: 'developer', content: 'x' }, { role: 'assistant', content: 'y' }] } as unknown as SftSource;
    const err = await exportVerlSft([bad], { path: join(dir, 'e.parquet') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AslError);
    expect((err as AslError).details).toMatchObject({ record: 0, field: 'messages.0.role' });
  });

  it('exports the policy trajectories of a stored mini run with their rewards', async () => {
    const store = new SqliteStore(join(dir, 'run.db'));
    const index = await Bm25Index.build(Array.from({ length: 12 }, (_, i) => ({ id: String(i), contents: `"River ${i % 3}"\nRiver ${i % 3} flows through city ${i}.` })));
    const config = {
      runId: 'sft', topics: ['rivers'], rounds: 1, maxStepsPerPhase: 3, concurrency: 4,
      generate: { batch: 2, n: 2, attempts: 2, selfChecks: 2, threshold: 0.5, poolFirst: 2 }, verify: { batch: 2, n: 1, window: 4 }, solve: { batch: 2, n: 2, window: 4 },
    };
    for await (const _ of new RoundOrchestrator({ store, model: createMiniRunModel(), env: createSearchEnv(index), config }).run());
    const sources = [...sftSourcesFromStore(store, 'sft', { phase: 'solve' })];
    const stored = store.db.prepare("SELECT count(*) AS n FROM trajectories t JOIN phases p ON p.id = t.phase_id WHERE p.kind = 'solve' AND t.role = 'policy'").get() as { n: number };
    expect(sources).toHaveLength(stored.n);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((s) => s.role === 'policy' && typeof s.reward === 'number')).toBe(true);
    const ref = await exportVerlSft(sources, { path: join(dir, 'run.parquet'), minReward: 1 });
    expect(ref.rows).toBe(sources.filter((s) => s.reward! >= 1 && s.messages.at(-1)?.role === 'assistant').length);
    store.close();
  });
});
