import { describe, expect, it } from 'vitest';
import { BLOCKSWORLD_DOMAIN } from '../bench/blocksworld-domain.js';
import { blocksworldProblemText, generateBlocksworldInstances } from '../bench/blocksworld-generator.js';
import { ground, parseDomain, parseProblem } from '../pddl/index.js';
import type { GroundAction } from '../pddl/ground.js';
import { applicableActions } from '../pddl/state.js';
import type { State } from '../pddl/state.js';
import { bfs, createHeuristic } from '../search/index.js';
import { validatePlan } from '../validate/index.js';
import { bestFirstSearch } from './best-first.js';
import { actionListWorldModel } from './action-list-world-model.js';
import type { SearchConfig, SearchEvent, WorldModel } from './search-core.js';
import { newUsage } from './search-core.js';
import { symbolicWorldModel } from './symbolic-world-model.js';

// Hand-built weighted graph: S→A (1), A→C (1), C→G (1) [cost 3]; S→B (2), B→G (5) [cost 7].
// h: S 3, A 2, C 1, B 0.5, G 0 (admissible). GBFS follows the lowest h: S, B, G (cost 7).
// A*: f(A) = 3, f(B) = 2.5 → expand B, G enters at f = 7; then A (3), C (3), G reopened at g = 3.
const EDGES: Record<string, [string, number][]> = { S: [['A', 1], ['B', 2]], A: [['C', 1]], B: [['G', 5]], C: [['G', 1]], G: [] };
const H: Record<string, number> = { S: 3, A: 2, C: 1, B: 0.5, G: 0 };
const graphWm: WorldModel<string, string> = { init: () => 'S', step: async (_s, a) => ({ state: a }), isTerminal: (s) => s === 'G' };
const graphCfg: SearchConfig<string, string> = { actions: async (s) => EDGES[s]!.map(([t]) => t), reward: async () => 0 };
const cost = (s: string, a: string) => EDGES[s]!.find(([t]) => t === a)![1];

describe('bestFirstSearch on a hand-built graph', () => {
  it('A* returns the cheapest path S, A, C, G (reopening G at g = 3)', async () => {
    const r = await bestFirstSearch<string, string>({ mode: 'astar', h: (s) => H[s]!, cost }).run(graphWm, graphCfg, 'S');
    expect(r.trace.states).toEqual(['S', 'A', 'C', 'G']);
    expect(r.stopReason).toBe('terminal');
    expect(r.terminal).toBe(true);
    expect(r.expansions).toBe(4); // S, B, A, C are expanded; G is popped and is terminal
  });
  it('GBFS follows h: S, B, G', async () => {
    const r = await bestFirstSearch<string, string>({ mode: 'gbfs', h: (s) => H[s]!, cost }).run(graphWm, graphCfg, 'S');
    expect(r.trace.states).toEqual(['S', 'B', 'G']);
    expect(r.expansions).toBe(2);
  });
  it('an unreachable goal exhausts the space; the trace is the lowest-h node', async () => {
    const wm: WorldModel<string, string> = { ...graphWm, isTerminal: (s) => s === 'Z' };
    const r = await bestFirstSearch<string, string>({ mode: 'astar', h: (s) => H[s]!, cost }).run(wm, graphCfg, 'S');
    expect(r.stopReason).toBe('exhausted');
    expect(r.terminal).toBe(false);
    expect(r.trace.states.at(-1)).toBe('G');
  });
  it('maxDepth prunes and reports depth-limit', async () => {
    const r = await bestFirstSearch<string, string>({ mode: 'astar', h: (s) => H[s]!, cost, maxDepth: 2 }).run(graphWm, graphCfg, 'S');
    expect(r.trace.states).toEqual(['S', 'B', 'G']); // the 3-step path is cut
    const r1 = await bestFirstSearch<string, string>({ mode: 'astar', h: (s) => H[s]!, cost, maxDepth: 1 }).run(graphWm, graphCfg, 'S');
    expect(r1.stopReason).toBe('depth-limit');
    expect(r1.terminal).toBe(false);
  });
  it('h = Infinity prunes a dead end', async () => {
    const r = await bestFirstSearch<string, string>({ mode: 'astar', h: (s) => (s === 'A' ? Infinity : H[s]!), cost }).run(graphWm, graphCfg, 'S');
    expect(r.trace.states).toEqual(['S', 'B', 'G']);
  });
  it('rejects a bad weight with the field named', () => {
    expect(() => bestFirstSearch<string, string>({ h: () => 0, weight: -1 })).toThrow(/bestFirstSearch: weight:/);
  });
});

describe('bestFirstSearch budgets (acceptance 16)', () => {
  const h = (s: string) => H[s]!;
  it('expansions', async () => {
    const r = await bestFirstSearch<string, string>({ h, cost }).run(graphWm, graphCfg, 'S', { budget: { expansions: 1 } });
    expect(r.stopReason).toBe('budget-expansions');
    expect(r.expansions).toBe(1);
    expect(r.terminal).toBe(false);
  });
  it('llmCalls counted through the shared usage (an LM-backed heuristic)', async () => {
    const usage = newUsage();
    const lmH = (s: string) => {
      usage.llmCalls++;
      return H[s]!;
    };
    const r = await bestFirstSearch<string, string>({ h: lmH, cost }).run(graphWm, graphCfg, 'S', { usage, budget: { llmCalls: 3 } });
    expect(r.stopReason).toBe('budget-llm-calls');
    expect(usage.llmCalls).toBe(3);
  });
  it('an aborted signal, before and during the run', async () => {
    const pre = new AbortController();
    pre.abort();
    const r0 = await bestFirstSearch<string, string>({ h, cost }).run(graphWm, graphCfg, 'S', { signal: pre.signal });
    expect(r0.stopReason).toBe('aborted');
    expect(r0.expansions).toBe(0);
    const ac = new AbortController();
    const events: SearchEvent['type'][] = [];
    const r1 = await bestFirstSearch<string, string>({ h, cost }).run(graphWm, graphCfg, 'S', {
      signal: ac.signal,
      onEvent: (e) => {
        events.push(e.type);
        if (e.type === 'expand') ac.abort();
      },
    });
    expect(r1.stopReason).toBe('aborted');
    expect(r1.expansions).toBe(1);
    expect(events.slice(0, 2)).toEqual(['evaluate', 'expand']);
  });
});

describe('bestFirstSearch over PDDL world models', () => {
  const domain = parseDomain(BLOCKSWORLD_DOMAIN);
  const cfgOf = (task: ReturnType<typeof ground>): SearchConfig<State, GroundAction> => ({ actions: async (s) => applicableActions(task, s), reward: async () => 0 });
  it('Sussman: A*/h_max finds a 6-step valid plan (h* = 6)', async () => {
    const text = blocksworldProblemText('sussman', ['a', 'b', 'c'], [['a', 'c'], ['b']], [['a', 'b'], ['b', 'c']]);
    const problem = parseProblem(text, domain);
    const task = ground(domain, problem);
    const r = await bestFirstSearch<State, GroundAction>({ h: createHeuristic(task, 'hmax') }).run(symbolicWorldModel(task), cfgOf(task), task.init);
    expect(r.trace.actions).toHaveLength(6);
    expect(validatePlan(domain, problem, r.trace.actions.map((a) => a.text).join('\n')).valid).toBe(true);
  });
  it('A*/h_max cost equals the BFS planner on 30 generated instances; GBFS/h_FF plans validate', async () => {
    for (const g of generateBlocksworldInstances(30, { seed: 7, minBlocks: 3, maxBlocks: 5 })) {
      const problem = parseProblem(g.pddl, domain);
      const task = ground(domain, problem);
      const ref = bfs(task);
      expect(ref.status).toBe('solved');
      const a = await bestFirstSearch<State, GroundAction>({ h: createHeuristic(task, 'hmax') }).run(symbolicWorldModel(task), cfgOf(task), task.init);
      expect(a.trace.actions.length, g.id).toBe(ref.status === 'solved' ? ref.cost : -1);
      const gb = await bestFirstSearch<State, GroundAction>({ mode: 'gbfs', h: createHeuristic(task, 'hff') }).run(symbolicWorldModel(task), cfgOf(task), task.init);
      expect(gb.terminal).toBe(true);
      expect(validatePlan(domain, problem, gb.trace.actions.map((x) => x.text).join('\n')).valid, g.id).toBe(true);
    }
  });
  it('works over actionListWorldModel (state = action list, keyed by content)', async () => {
    // Reach the list [1, 2, 3] from [] with actions 1..3; h = number of wrong/missing positions.
    const target = [1, 2, 3];
    const wm = actionListWorldModel<number>({ isTerminal: (s) => s.join() === target.join() });
    const cfg: SearchConfig<readonly number[], number> = { actions: async (s) => (s.length < 3 ? [3, 2, 1] : []), reward: async () => 0 };
    const h = (s: readonly number[]) => (s.every((x, i) => x === target[i]) ? target.length - s.length : Infinity);
    const r = await bestFirstSearch<readonly number[], number>({ h }).run(wm, cfg, [] as readonly number[]);
    expect(r.trace.actions).toEqual([1, 2, 3]);
    expect(r.trace.states.at(-1)).toEqual([1, 2, 3]);
  });
});
