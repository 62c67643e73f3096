import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMiniRunModel } from '../loop/mini-run-model.js';
import { RoundOrchestrator } from '../loop/orchestrator.js';
import { Bm25Index } from '../retrieval/bm25-index.js';
import { createSearchEnv } from '../rollout/tool-env.js';
import { SqliteStore } from './sqlite-store.js';
import { runReportData, writeRunReport } from './write-run-report.js';

const dir = mkdtempSync(join(tmpdir(), 'asl-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeRunReport', () => {
  it('reads phases and step stats from a stored mini run and writes HTML with SVG charts', async () => {
    const store = new SqliteStore(join(dir, 'run.db'));
    const index = await Bm25Index.build(Array.from({ length: 12 }, (_, i) => ({ id: String(i), contents: `"River ${i % 3}"\nRiver ${i % 3} flows through city ${i}.` })));
    const config = {
      runId: 'rep', topics: ['rivers'], rounds: 1, maxStepsPerPhase: 3, concurrency: 4,
      generate: { batch: 2, n: 2, attempts: 2, selfChecks: 2, threshold: 0.5, poolFirst: 2 }, verify: { batch: 2, n: 1, window: 4 }, solve: { batch: 2, n: 2, window: 4 },
    };
    for await (const _ of new RoundOrchestrator({ store, model: createMiniRunModel(), env: createSearchEnv(index), config }).run());
    const data = runReportData(store, 'rep');
    expect(data.phases.map((p) => p.kind)).toEqual(['generate', 'verify', 'solve', 'generate']);
    const gen = data.phases[0]!;
    expect(gen.stats.mean).toHaveLength(gen.steps);
    expect(gen.stats.mean).toEqual([...store.stepStats(gen.id, 'mean')].reverse());
    const path = await writeRunReport(store, 'rep', join(dir, 'report.html'));
    const html = readFileSync(path, 'utf8');
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(5);
    expect(html).toContain('data-key="grmEmGap"');
    store.close();
  });
});
