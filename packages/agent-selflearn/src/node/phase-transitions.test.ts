import { describe, expect, it } from 'vitest';
import { RoundOrchestrator } from '../loop/orchestrator.js';
import type { StepWrite } from '../loop/store.js';
import { createMiniRunModel } from '../loop/mini-run-model.js';
import { SqliteStore } from './sqlite-store.js';

const empty = (phaseId: string, step: number): StepWrite => ({ phaseId, step, trajectories: [], verdicts: [], rewards: [], tasks: [], verifyRows: [], metaPrompts: [], stats: {} });

describe('phase transitions on a synthetic reward curve with the paper preset (acceptance 3)', () => {
  it('PG ends at pool > 2,000, GRM on plateau (window 200), Policy on plateau (window 400), PG again needs > 5,000', () => {
    const store = new SqliteStore(':memory:');
    const orch = new RoundOrchestrator({ store, model: createMiniRunModel(), env: { execute: async () => [] }, config: { runId: 'r', rounds: 2 } });
    store.openRun('r', '{}', 37);
    let taskSeq = 0;
    const runPhase = (curve: (step: number) => number, tasksPerStep: number, round: number) => {
      let phase = store.currentPhase('r');
      for (;;) {
        const reason = orch.stopReason(phase);
        if (reason) return { reason, steps: phase.steps, pool: store.taskCount('r', round) };
        const w = empty(phase.id, phase.steps);
        w.stats.mean = curve(phase.steps);
        for (let i = 0; i < tasksPerStep; i++) {
          const n = taskSeq++;
          w.tasks.push({ id: `t${n}`, round, origin: 'generated', question: `Question number ${n} about rivers?`, answer: 'x', difficulty: 0.6, normHash: `h${n}` });
          if (round === 1) w.verifyRows.push({ id: `v${n}`, round, question: 'q', candidate: 'c', label: n % 2 ? 'correct' : 'wrong', labelSource: 'self' });
        }
        store.commitStep(w);
        phase = store.currentPhase('r');
      }
    };
    // round 1 PG: 128 candidates per step, ~100 kept
    const pg1 = runPhase(() => 0.3, 100, 1);
    expect(pg1).toEqual({ reason: 'pool-size', steps: 21, pool: 2100 });
    expect(store.endPhase('r', 'r/m1', pg1.reason).kind).toBe('verify');
    // GRM: rises for 300 steps then flat → plateau needs > 200 values and both relative changes < 0.005
    const grm = runPhase((s) => (s < 300 ? 0.5 + 0.4 * (s / 300) : 0.9), 0, 1);
    expect(grm.reason).toBe('plateau');
    expect(grm.steps).toBeGreaterThan(300);
    expect(grm.steps).toBeLessThanOrEqual(300 + 201);
    expect(store.endPhase('r', 'r/m2', grm.reason).kind).toBe('solve');
    const solve = runPhase((s) => (s < 100 ? 0.2 + 0.5 * (s / 100) : 0.7), 0, 1);
    expect(solve.reason).toBe('plateau');
    expect(solve.steps).toBeGreaterThan(400); // window 400 needs more than 400 values
    const next = store.endPhase('r', 'r/m3', solve.reason);
    expect(next).toMatchObject({ metaIter: 4, kind: 'generate', round: 2 });
    const pg2 = runPhase(() => 0.3, 250, 2);
    expect(pg2).toEqual({ reason: 'pool-size', steps: 21, pool: 5250 });
    store.close();
  });
});
