import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32, ReasonkitError } from '@reasonkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { AslConfig } from '../loop/asl-config.js';
import { createMiniRunModel } from '../loop/mini-run-model.js';
import { RoundOrchestrator, type OrchestratorEvent } from '../loop/orchestrator.js';
import { Bm25Index } from '../retrieval/bm25-index.js';
import { createSearchEnv } from '../rollout/tool-env.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'asl-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG: AslConfig = {
  runId: 'mini',
  topics: ['rivers', 'cities', 'mountains'],
  generate: { batch: 2, n: 2, attempts: 4, selfChecks: 2, threshold: 0.5, poolFirst: 6 },
  verify: { batch: 2, n: 1, window: 4 },
  solve: { batch: 2, n: 2, window: 4 },
  maxStepsPerPhase: 25,
  concurrency: 8,
};

async function env() {
  const index = await Bm25Index.build(Array.from({ length: 30 }, (_, i) => ({ id: String(i), contents: `"River ${i % 3}"\nRiver ${i % 3} flows through city ${i}.` })));
  return createSearchEnv(index);
}

async function drain(it: AsyncIterable<OrchestratorEvent>): Promise<OrchestratorEvent[]> {
  const out: OrchestratorEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('RoundOrchestrator resume (T9)', () => {
  it('a 3-phase mini run: PG → GRM → Policy with the configured stop rules', async () => {
    const store = new SqliteStore(join(dir, 'straight.db'));
    const events = await drain(new RoundOrchestrator({ store, model: createMiniRunModel(), env: await env(), config: CONFIG }).run());
    const ends = events.filter((e) => e.type === 'phase-end').map((e) => [e.type === 'phase-end' && e.phase.kind, e.type === 'phase-end' && e.reason]);
    expect(ends).toEqual([['generate', 'pool-size'], ['verify', expect.stringMatching(/plateau|steps/)], ['solve', expect.stringMatching(/plateau|steps/)]]);
    expect(store.taskCount('mini', 1)).toBeGreaterThan(6);
    expect(store.metaPrompts('mini', 2).length).toBeGreaterThan(0);
    expect(events.at(-1)).toEqual({ type: 'done', metaIter: 4 });
    store.close();
  });

  it('20 injected crashes (aborts mid-step and failed commits) resume to the identical store hash, no duplicates', async () => {
    const straight = new SqliteStore(join(dir, 'ref.db'));
    let calls = 0;
    const steps = (await drain(new RoundOrchestrator({ store: straight, model: createMiniRunModel({ onRequest: () => calls++ }), env: await env(), config: CONFIG }).run())).filter(
      (e) => e.type === 'step',
    ).length;
    const want = straight.contentHash();
    const counts = straight.counts();
    straight.close();
    expect(steps).toBeGreaterThanOrEqual(12);

    const random = mulberry32(2026);
    const abortAt = new Set(Array.from({ length: 10 }, () => 1 + Math.floor(random() * calls)));
    const failCommitAt = new Set(Array.from({ length: 10 }, () => Math.floor(random() * steps)));
    const path = join(dir, 'crashy.db');
    let crashes = 0;
    let commitTries = 0;
    let modelCalls = 0;
    for (let attempt = 0; attempt < 100; attempt++) {
      const ac = new AbortController();
      const store = new SqliteStore(path, {
        beforeCommit: () => {
          if (failCommitAt.delete(commitTries++)) throw new Error('simulated crash before commit');
        },
      });
      const model = createMiniRunModel({
        onRequest: () => {
          if (abortAt.delete(++modelCalls)) ac.abort(new Error('simulated crash'));
        },
      });
      try {
        await drain(new RoundOrchestrator({ store, model, env: await env(), config: CONFIG }).run({ signal: ac.signal }));
        store.close();
        break;
      } catch (error) {
        crashes++;
        expect(ReasonkitError.is(error, 'ABORTED') || /simulated crash/.test((error as Error).message)).toBe(true);
        store.close();
      }
    }
    expect(crashes).toBeGreaterThanOrEqual(15); // a few planned points may coincide or fall after the end
    const resumed = new SqliteStore(path);
    expect(resumed.counts()).toEqual(counts);
    expect(resumed.contentHash()).toBe(want);
    const dup = resumed.db.prepare('SELECT COUNT(*) AS n FROM (SELECT phase_id, step, sample_idx, role FROM trajectories GROUP BY 1,2,3,4 HAVING COUNT(*) > 1)').get() as { n: number };
    expect(dup.n).toBe(0);
    resumed.close();
  });

  it('refuses to replay a committed step and to reuse a run id with another config', async () => {
    const store = new SqliteStore(join(dir, 'conflict.db'));
    await drain(new RoundOrchestrator({ store, model: createMiniRunModel(), env: await env(), config: { ...CONFIG, maxStepsPerPhase: 1 } }).run());
    expect(() => store.commitStep({ phaseId: 'mini/m1', step: 0, trajectories: [], verdicts: [], rewards: [], tasks: [], verifyRows: [], metaPrompts: [], stats: {} })).toThrow(/not the next step/);
    await expect(drain(new RoundOrchestrator({ store, model: createMiniRunModel(), env: await env(), config: { ...CONFIG, seed: 1 } }).run())).rejects.toThrow(/different config/);
    store.close();
  });

  it('rejects a config with window <= 0 or threshold outside [0, 1], naming the field', () => {
    const store = new SqliteStore(':memory:');
    expect(() => new RoundOrchestrator({ store, model: createMiniRunModel(), env: { execute: async () => [] }, config: { verify: { window: 0 } } })).toThrow(/verify\.window/);
    expect(() => new RoundOrchestrator({ store, model: createMiniRunModel(), env: { execute: async () => [] }, config: { generate: { threshold: 1.2 } } })).toThrow(/generate\.threshold/);
    store.close();
  });
});
