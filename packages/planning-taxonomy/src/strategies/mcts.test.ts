import { describe, expect, it } from 'vitest';
import { backpropagate, mcts, uct } from './mcts.js';
import { beamSearch } from './beam-search.js';
import type { SearchConfig, WorldModel } from './search-core.js';
import { softmax } from './search-core.js';
import { rapFastReward, rapReward, totValue } from './index.js';

describe('G3 — search maths', () => {
  it('UCT with Q = 0.5, N(parent) = 3, N(c) = 1, w = 1 is 1.5481', () => {
    expect(uct(0.5, 3, 1, 1)).toBeCloseTo(1.5481, 4);
  });
  it('backprop of path rewards (0, 1, 2) appends 2, 3, 3 (leaf first)', () => {
    const path = [0, 1, 2].map((reward) => ({ reward, cumRewards: [] as number[] }));
    backpropagate(path);
    expect(path.map((n) => n.cumRewards[0])).toEqual([3, 3, 2]);
  });
  it('softmax([1, 0]) at τ = 1', () => {
    const p = softmax([1, 0]);
    expect(p[0]).toBeCloseTo(0.7311, 4);
    expect(p[1]).toBeCloseTo(0.2689, 4);
  });
  it('ToT value of (sure, likely, impossible) is 21.001', () => {
    expect(totValue(['... sure', 'likely', 'impossible'])).toBeCloseTo(21.001, 9);
  });
  it('ToT labels match whole words: "unsure" is not "sure", "unlikely" is not "likely"', () => {
    // unsure → no label (0); unlikely → no label (0); "sure." → 20; "Likely" → 1.
    expect(totValue(['I am unsure'])).toBe(0);
    expect(totValue(['that is unlikely'])).toBe(0);
    expect(totValue(['sure, or maybe unsure'])).toBe(20); // the last whole-word label is "sure"
    expect(totValue(['unsure... impossible'])).toBeCloseTo(0.001, 12);
    expect(totValue(['Sure.', 'Likely!', 'unlikely'])).toBe(21);
    // the confidence map (tot-dfs) works the same way: "lower" is not "low"
    expect(totValue(['lower'], { low: 0.1 })).toBe(0);
  });
  it('RAP rewards: −1.0, 48.75 at the goal, fast −1.25', () => {
    const fast = rapFastReward(0.5, -2, -0.5);
    expect(fast).toBe(-1.25);
    expect(rapReward(0.5, fast, 0.5, false)).toBe(-1);
    expect(rapReward(0.5, fast, 0.5, true)).toBe(48.75);
  });
});

// Hand-built tree: root → A, B; each → two terminal leaves. reward = fast reward = table value.
const R: Record<string, number> = { A: 0, B: 1, AA: 10, AB: 0, BA: 0, BB: 2 };
const wm: WorldModel<string, string> = { init: () => '', step: async (s, a) => ({ state: s + a }), isTerminal: (s) => s.length === 2 };
const cfg: SearchConfig<string, string> = { actions: async () => ['A', 'B'], fastReward: async (s, a) => R[s + a]!, reward: async (s, a) => R[s + a]! };
const run = async (nIters: number, output: 'max_reward' | 'follow_max' | 'max_visit' | 'max_iter' | 'last_iter' | 'last_terminal_iter') =>
  (await mcts<string, string>({ wExp: 10, depthLimit: 5, nIters, output }).run(wm, cfg, '')).trace.actions.join('');

describe('MCTS on a hand-built tree (hand-traced iterations)', () => {
  it('3 iterations: B·BB, B·BB, then exploration tries B·BA', async () => {
    expect(await run(3, 'max_reward')).toBe('BB');
    expect(await run(3, 'max_iter')).toBe('BB');
    expect(await run(3, 'last_iter')).toBe('BA');
    expect(await run(3, 'last_terminal_iter')).toBe('BA');
  });
  it('4 iterations: exploration reaches A·AA (cumulative reward 10)', async () => {
    expect(await run(4, 'max_reward')).toBe('AA');
    expect(await run(4, 'max_iter')).toBe('AA');
    expect(await run(4, 'last_iter')).toBe('AA');
    expect(await run(4, 'last_terminal_iter')).toBe('AA');
    expect(await run(4, 'follow_max')).toBe('BB');
    expect(await run(4, 'max_visit')).toBe('BB');
  });
  it('max_iter returns the best terminal iteration, not a higher-reward dead end (llm-reasoners)', async () => {
    // root → D (reward 5, no actions, not terminal: a dead end) and E (reward 1) → EE (reward 1, terminal).
    // Iteration 1 (fast rewards D 5 > E 1): select root, expand, simulate into D: cum 5, not terminal.
    // Iteration 2: UCT(D) = 5 + 10·√(ln 1 / 1) = 5, UCT(E) = 1 + 0 = 1 → D again (cum 5, dead end).
    // Iteration 3: N(root) = 2, UCT(D) = 5 + 10·√(ln 2 / 2) = 10.9, UCT(E) = 1 + 10·√(ln 2) = 9.3 → D.
    // Iteration 4: UCT(D) = 5 + 10·√(ln 3 / 3) = 11.05, UCT(E) = 1 + 10·√(ln 3) = 11.48 → E, simulate to EE: cum 2, terminal.
    const R2: Record<string, number> = { D: 5, E: 1, EE: 1 };
    const wm2: WorldModel<string, string> = { init: () => '', step: async (s, a) => ({ state: s + a }), isTerminal: (s) => s === 'EE' };
    const cfg2: SearchConfig<string, string> = {
      actions: async (s) => (s === '' ? ['D', 'E'] : s === 'E' ? ['E'] : []),
      fastReward: async (s, a) => R2[s + a]!,
      reward: async (s, a) => R2[s + a]!,
    };
    const r = await mcts<string, string>({ wExp: 10, depthLimit: 5, nIters: 4, output: 'max_iter' }).run(wm2, cfg2, '');
    expect(r.trace.actions.join('')).toBe('EE');
    expect(r.terminal).toBe(true);
    // with no terminal iteration at all (3 iterations, all into D) there is no answer: the root alone
    const r3 = await mcts<string, string>({ wExp: 10, depthLimit: 5, nIters: 3, output: 'max_iter' }).run(wm2, cfg2, '');
    expect(r3.trace.actions).toEqual([]);
    expect(r3.terminal).toBe(false);
  });
  it('budgets and abort stop with a stopReason', async () => {
    const ac = new AbortController();
    ac.abort();
    expect((await mcts<string, string>({ nIters: 5 }).run(wm, cfg, '', { signal: ac.signal })).stopReason).toBe('aborted');
    expect((await mcts<string, string>({ nIters: 50 }).run(wm, cfg, '', { budget: { expansions: 1 } })).stopReason).toBe('budget-expansions');
    expect((await beamSearch<string, string>({ beamSize: 2, maxDepth: 5 }).run(wm, cfg, '', { budget: { expansions: 1 } })).stopReason).toBe('budget-expansions');
    const usage = { llmCalls: 3, promptTokens: 0, completionTokens: 0 };
    expect((await beamSearch<string, string>({ beamSize: 2, maxDepth: 5 }).run(wm, cfg, '', { usage, budget: { llmCalls: 3 } })).stopReason).toBe('budget-llm-calls');
  });
  it('beam 2 keeps A alive and finds AA (10); beam 1 (greedy) commits to B and ends at BB', async () => {
    const r2 = await beamSearch<string, string>({ beamSize: 2, maxDepth: 2 }).run(wm, cfg, '');
    expect(r2.trace.actions.join('')).toBe('AA');
    expect(r2.terminal).toBe(true);
    const r1 = await beamSearch<string, string>({ beamSize: 1, maxDepth: 2 }).run(wm, cfg, '');
    expect(r1.trace.actions.join('')).toBe('BB');
  });
});
