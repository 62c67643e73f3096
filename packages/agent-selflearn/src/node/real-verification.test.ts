import { contentText, type GenerateRequest } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import { AslError } from '../errors/asl-error.js';
import { createMiniRunModel } from '../loop/mini-run-model.js';
import { RoundOrchestrator } from '../loop/orchestrator.js';
import { buildRealVerificationRows, mixVerifyBatch, type QaRow } from '../loop/real-verification.js';
import { Bm25Index } from '../retrieval/bm25-index.js';
import { createSearchEnv } from '../rollout/tool-env.js';
import { SqliteStore } from './sqlite-store.js';

const QA: QaRow[] = Array.from({ length: 200 }, (_, i) => ({ question: `Who founded company ${i}?`, golden_answers: [`Founder ${i}`, `F${i}`] }));

describe('real verification data (spec §2.5)', () => {
  it('samples rate·n rows twice, labels correct/wrong, asks the model at temperature 0, splits 90/10, deterministically', async () => {
    const requests: GenerateRequest[] = [];
    const model = createScriptedTextModel({ replies: (r) => (requests.push(r), `  Not ${contentText(r.messages!.at(-1)!.content).match(/Correct answer: (.*)/)![1]}  `) });
    const rows = await buildRealVerificationRows(QA, { wrongAnswerModel: model, sampleRate: 0.05 });
    expect(rows).toHaveLength(20);
    expect(rows.filter((r) => r.label === 'conclusion: correct')).toHaveLength(10);
    expect(rows.filter((r) => r.split === 'test')).toHaveLength(2);
    for (const r of rows) {
      const i = Number(r.question.match(/\d+/)![0]);
      expect(r.candidate).toBe(r.label === 'conclusion: correct' ? `Founder ${i}` : `Not Founder ${i}`);
    }
    expect(requests).toHaveLength(10);
    expect(requests.every((r) => r.temperature === 0 && r.maxTokens === 1024)).toBe(true);
    const again = await buildRealVerificationRows(QA, { wrongAnswerModel: model, sampleRate: 0.05 });
    expect(again).toEqual(rows);
    await expect(buildRealVerificationRows([{ question: 'q?', golden_answers: [] }], { wrongAnswerModel: model })).rejects.toMatchObject({ details: { record: 0, field: 'golden_answers' } });
  });

  it('mixVerifyBatch: round(ratio·batch) real rows first, each list cycled by step', () => {
    const self = ['s0', 's1', 's2'];
    const real = ['r0', 'r1'];
    expect(mixVerifyBatch(self, real, 0, 4, 0.5)).toEqual(['r0', 'r1', 's0', 's1']);
    expect(mixVerifyBatch(self, real, 1, 4, 0.5)).toEqual(['r0', 'r1', 's2', 's0']);
    expect(mixVerifyBatch(self, real, 1, 4, 1)).toEqual(['r0', 'r1', 'r0', 'r1']);
    expect(mixVerifyBatch([], real, 0, 3, 0.25)).toEqual(['r0', 'r1', 'r0']);
    expect(mixVerifyBatch(self, [], 1, 2, 1)).toEqual(['s2', 's0']);
  });

  it('the orchestrator trains GRM phases on real rows when injected (ratio 1 = replace), stores them, and needs them', async () => {
    const index = await Bm25Index.build(Array.from({ length: 12 }, (_, i) => ({ id: String(i), contents: `"River ${i % 3}"\nRiver ${i % 3} flows through city ${i}.` })));
    const real = [
      { question: 'Who wrote Hamlet?', candidate: 'Shakespeare', label: 'conclusion: correct' as const },
      { question: 'Who wrote Faust?', candidate: 'Schiller', label: 'conclusion: wrong' as const },
    ];
    const config = {
      runId: 'inj', topics: ['rivers'], rounds: 1, maxStepsPerPhase: 2, concurrency: 4,
      generate: { batch: 2, n: 2, attempts: 2, selfChecks: 2, threshold: 0.5, poolFirst: 2 }, verify: { batch: 2, n: 1, window: 4 }, solve: { batch: 2, n: 2, window: 4 },
      injectRealVerification: { fromRound: 1, ratio: 1 },
    };
    expect(() => new RoundOrchestrator({ store: new SqliteStore(':memory:'), model: createMiniRunModel(), env: createSearchEnv(index), config })).toThrow(AslError);
    const store = new SqliteStore(':memory:');
    for await (const _ of new RoundOrchestrator({ store, model: createMiniRunModel(), env: createSearchEnv(index), config, realVerification: real }).run());
    const grm = store.db.prepare("SELECT messages_json AS m FROM trajectories t JOIN phases p ON p.id = t.phase_id WHERE p.kind = 'verify' AND t.role = 'grm'").all() as { m: string }[];
    expect(grm).toHaveLength(4); // 2 steps × batch 2 × n 1
    expect(grm.every((g) => /Who wrote (Hamlet|Faust)\?/.test(g.m))).toBe(true);
    expect(store.verifyRows('inj', 1).filter((r) => r.labelSource === 'real').map((r) => r.label)).toEqual(['conclusion: correct', 'conclusion: wrong']);
    store.close();
  });
});
