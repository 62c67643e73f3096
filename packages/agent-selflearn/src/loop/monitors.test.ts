import { contentText } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../retrieval/bm25-index.js';
import { createSearchEnv } from '../rollout/tool-env.js';
import { AslConfigSchema } from './asl-config.js';
import { checkAlerts, duplicatesPer1000, grmEmGapPoints } from './monitors.js';
import { RoundOrchestrator, type OrchestratorEvent } from './orchestrator.js';
import { GENERATOR_SYSTEM } from './prompts.js';
import { SqliteStore } from '../node/sqlite-store.js';

const thresholds = AslConfigSchema.parse({}).monitors;

describe('reward-hacking monitors (spec §14, acceptance 10)', () => {
  it('GRM-vs-EM gap in points: 100 · (mean GRM − mean EM)', () => {
    expect(grmEmGapPoints([])).toBe(0);
    // GRM accepts 3 of 4, EM 1 of 4 → 50 points
    expect(grmEmGapPoints([{ grm: 1, em: 1 }, { grm: 1, em: 0 }, { grm: 1, em: 0 }, { grm: 0, em: 0 }])).toBe(50);
    expect(grmEmGapPoints([{ grm: 0, em: 1 }])).toBe(-100);
  });

  it('duplicates per 1,000: (n − distinct) · 1000 / n', () => {
    expect(duplicatesPer1000([])).toBe(0);
    expect(duplicatesPer1000(['a', 'b', 'c', 'd'])).toBe(0);
    expect(duplicatesPer1000(['a', 'a', 'a', 'b'])).toBe(500);
  });

  it('checkAlerts fires on a gap > 10 points, a duplicate flood and a falling <think> ratio, and only then', () => {
    expect(checkAlerts({ grmEmGap: 10, duplicatesPer1000: 100, thinkRatio: 0.5 }, 1, thresholds)).toEqual([]);
    const alerts = checkAlerts({ grmEmGap: 10.5, duplicatesPer1000: 101, thinkRatio: 0.49 }, 1, thresholds);
    expect(alerts.map((a) => [a.kind, a.value, a.threshold])).toEqual([
      ['grm-em-divergence', 10.5, 10],
      ['diversity-collapse', 101, 100],
      ['format-collapse', 0.49, 0.5],
    ]);
    expect(checkAlerts({ thinkRatio: 0 }, undefined, thresholds)).toEqual([]); // no baseline yet
  });

  it('the orchestrator emits alert events for a hacked judge and a generator repeating itself', async () => {
    // Generator repeats one question; the policy answers wrong; the judge accepts everything.
    const model = createScriptedTextModel({
      id: 'hacked',
      replies: (req) => {
        const system = contentText(req.messages?.[0]?.content ?? '');
        const user = contentText(req.messages?.[1]?.content ?? '');
        if (system === GENERATOR_SYSTEM) return '<think>x</think><question>Which city is the capital of the country in the story?</question><answer>Paris</answer>';
        if (user.startsWith('You are a teacher')) return '<think>ok</think><answer>conclusion: correct</answer>';
        return '<think>y</think><answer>Berlin</answer>';
      },
    });
    const index = await Bm25Index.build([{ id: '0', contents: 'Paris is the capital of France.' }]);
    const orch = new RoundOrchestrator({
      store: new SqliteStore(':memory:'),
      model,
      env: createSearchEnv(index),
      config: { runId: 'hack', topics: ['capitals'], rounds: 1, maxStepsPerPhase: 1, generate: { batch: 2, n: 2, attempts: 2, selfChecks: 2 } },
    });
    const alerts: string[] = [];
    for await (const e of orch.run() as AsyncIterable<OrchestratorEvent>) {
      if (e.type === 'alert') alerts.push(e.alert.kind);
      if (e.type === 'phase-end') break;
    }
    expect(alerts).toEqual(['grm-em-divergence', 'diversity-collapse']);
  });
});
