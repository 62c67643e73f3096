import { ReasonkitError } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { BLOCKSWORLD_DOMAIN } from '../bench/blocksworld-domain.js';
import { BLOCKSWORLD_VERBALIZER } from '../bench/blocksworld-verbalizer.js';
import { blocksworldProblemText } from '../bench/blocksworld-generator.js';
import { verbalizeAction } from '../bench/verbalizer.js';
import { ground, parseDomain, parseProblem } from '../pddl/index.js';
import type { GroundAction } from '../pddl/ground.js';
import { apply, applicableActions, stateAtoms } from '../pddl/state.js';
import type { State } from '../pddl/state.js';
import { createHeuristic } from '../search/index.js';
import { createScriptedLM } from '../testing/index.js';
import { validatePlan } from '../validate/index.js';
import { actionListWorldModel } from './action-list-world-model.js';
import { bestFirstSearch } from './best-first.js';
import { beamSearch } from './beam-search.js';
import { llmWorldModel } from './llm-world-model.js';
import type { LlmStepAux } from './llm-world-model.js';
import type { SearchConfig } from './search-core.js';
import { newUsage } from './search-core.js';
import { symbolicWorldModel } from './symbolic-world-model.js';
import { parseVerbalizedState, verbalizeState, verbalizedWorldModel } from './verbalized-world-model.js';

const v = BLOCKSWORLD_VERBALIZER;
const domain = parseDomain(BLOCKSWORLD_DOMAIN);
const problem = parseProblem(blocksworldProblemText('sussman', ['a', 'b', 'c'], [['a', 'c'], ['b']], [['a', 'b'], ['b', 'c']]), domain);
const task = ground(domain, problem);
const cfg: SearchConfig<State, GroundAction> = { actions: async (s) => applicableActions(task, s), reward: async () => 0 };

/** Every reachable (state, action) → the true next state, by prompt text: a faithful scripted world model. */
function faithfulReplies(): Map<string, string> {
  // The default prompt layout, written out independently of the implementation.
  const promptOf = (s: State, a: GroundAction) =>
    `${v.intro.trim()}\n\nPredict the state after the action. Describe every fact that holds, then write [END].\n[STATE]\n${verbalizeState(task, s, v)}.\n[ACTION]\n${verbalizeAction(a, v)}.\n[NEXT STATE]\n`;
  const out = new Map<string, string>();
  const seen = new Set<string>();
  const queue: State[] = [task.init];
  while (queue.length) {
    const s = queue.shift()!;
    const k = s.join();
    if (seen.has(k)) continue;
    seen.add(k);
    for (const a of applicableActions(task, s)) {
      const t = apply(s, a);
      out.set(promptOf(s, a), `${verbalizeState(task, t, v)}.\n[END]`);
      queue.push(t);
    }
  }
  return out;
}

describe('actionListWorldModel (ToT / llm-reasoners default)', () => {
  it('the state is the list of actions; steps never mutate', async () => {
    const wm = actionListWorldModel<string>();
    const s0 = await wm.init(undefined);
    expect(s0).toEqual([]);
    const { state: s1 } = await wm.step(s0, 'x');
    const { state: s2 } = await wm.step(s1, 'y');
    expect(s1).toEqual(['x']);
    expect(s2).toEqual(['x', 'y']);
    expect(s0).toEqual([]);
    expect(await wm.isTerminal(s2)).toBe(false); // default: never terminal
  });
  it('maxDepth and a terminal predicate', async () => {
    const wm = actionListWorldModel<string>({ maxDepth: 2, isTerminal: (s) => s.includes('stop') });
    expect(await wm.isTerminal(['a'])).toBe(false);
    expect(await wm.isTerminal(['a', 'b'])).toBe(true);
    expect(await wm.isTerminal(['stop'])).toBe(true);
  });
});

describe('verbalized states', () => {
  it('round-trips every reachable Sussman state (22 states)', () => {
    const seen = new Map<string, State>();
    const queue: State[] = [task.init];
    while (queue.length) {
      const s = queue.shift()!;
      if (seen.has(s.join())) continue;
      seen.set(s.join(), s);
      for (const a of applicableActions(task, s)) queue.push(apply(s, a));
    }
    expect(seen.size).toBe(22);
    for (const s of seen.values()) {
      const p = parseVerbalizedState(verbalizeState(task, s, v), task, v);
      expect(p.ok && stateAtoms(task, p.state)).toEqual(stateAtoms(task, s));
    }
  });
  it('the initial state reads as PlanBench prose', () => {
    // Sussman: c (orange) on a (red); a, b (blue) on the table; facts in fact-id order.
    expect(verbalizeState(task, task.init, v)).toBe('the hand is empty, the red block is on the table, the orange block is on top of the red block, the orange block is clear, the blue block is on the table and the blue block is clear');
  });
  it('rejects unknown clauses, unknown objects and non-facts, naming the clause', () => {
    expect(parseVerbalizedState('the hand is empty and the red block is happy', task, v)).toEqual({ ok: false, error: "unrecognised clause 'the red block is happy'" });
    const gold = parseVerbalizedState('the gold block is clear', task, v);
    expect(gold.ok).toBe(false);
    expect(!gold.ok && gold.error).toMatch(/'the gold block is clear' reads as \(clear l\), not a fact of this task/);
    expect(parseVerbalizedState('[END]', task, v)).toEqual({ ok: false, error: 'empty state description' });
  });
});

describe('llmWorldModel (RAP)', () => {
  it('a faithful scripted LM reproduces the symbolic search; predictions are cached', async () => {
    const replies = faithfulReplies();
    const lm = createScriptedLM({
      replies: (p) => {
        const r = replies.get(p);
        if (r === undefined) throw new Error(`unexpected prompt: ${p.slice(-200)}`);
        return r;
      },
    });
    const usage = newUsage();
    const wm = verbalizedWorldModel(task, { lm, verbalizer: v, usage });
    const h = createHeuristic(task, 'hmax');
    const viaLm = await bestFirstSearch<State, GroundAction>({ h }).run(wm, cfg, task.init, { usage });
    const viaSym = await bestFirstSearch<State, GroundAction>({ h }).run(symbolicWorldModel(task), cfg, task.init);
    expect(viaLm.trace.actions.map((a) => a.text)).toEqual(viaSym.trace.actions.map((a) => a.text));
    expect(viaLm.trace.actions).toHaveLength(6);
    expect(validatePlan(domain, problem, viaLm.trace.actions.map((a) => a.text).join('\n')).valid).toBe(true);
    expect(usage.llmCalls).toBe(wm.stats.steps - wm.stats.cacheHits);
    expect(wm.stats.invalid).toBe(0);
    // A second identical run hits the cache only.
    const before = usage.llmCalls;
    await beamSearch<State, GroundAction>({ beamSize: 2, maxDepth: 1 }).run(wm, cfg, task.init, { usage });
    expect(usage.llmCalls).toBe(before);
  });
  it('an invalid prediction is re-asked, then kept as the parent state with aux.invalid', async () => {
    const lm = createScriptedLM({ replies: ['the purple block is happy', 'nonsense', 'the hand is empty and the red block is sad'] });
    const wm = verbalizedWorldModel(task, { lm, verbalizer: v, retries: 2 });
    const a = applicableActions(task, task.init)[0]!;
    const r = await wm.step(task.init, a);
    const aux = r.aux as LlmStepAux;
    expect(aux.invalid).toBe(true);
    expect(aux.attempts).toBe(3);
    expect(aux.errors).toEqual(["unrecognised clause 'the purple block is happy'", "unrecognised clause 'nonsense'", "unrecognised clause 'the red block is sad'"]);
    expect(r.state).toBe(task.init);
    expect(wm.usage.llmCalls).toBe(3);
    expect(wm.stats).toEqual({ steps: 1, cacheHits: 0, invalid: 1, retries: 2 });
  });
  it('a retry that succeeds returns the parsed state; onInvalid: throw raises PROTOCOL_ERROR', async () => {
    const a = applicableActions(task, task.init).find((x) => x.text === '(unstack c a)')!;
    const truth = apply(task.init, a);
    const lm = createScriptedLM({ replies: ['no idea', `${verbalizeState(task, truth, v)}.`] });
    const r = await verbalizedWorldModel(task, { lm, verbalizer: v }).step(task.init, a);
    expect(stateAtoms(task, r.state)).toEqual(stateAtoms(task, truth));
    expect((r.aux as LlmStepAux).attempts).toBe(2);
    const bad = verbalizedWorldModel(task, { lm: createScriptedLM({ replies: () => 'junk' }), verbalizer: v, retries: 0, onInvalid: 'throw' });
    await expect(bad.step(task.init, a)).rejects.toSatisfy((e) => ReasonkitError.is(e, 'PROTOCOL_ERROR') && /unrecognised clause 'junk'/.test((e as Error).message));
  });
  it('its own llmCalls budget and the signal stop it with ABORTED', async () => {
    const wm = llmWorldModel<string, string>({
      lm: createScriptedLM({ replies: () => 'next' }),
      init: () => '',
      prompt: (s, a) => s + a,
      parse: (t, s, a) => ({ ok: true, state: `${s}${a}:${t}` }),
      isTerminal: () => false,
      budget: { llmCalls: 1 },
    });
    expect((await wm.step('', 'x')).state).toBe('x:next');
    await expect(wm.step('', 'y')).rejects.toSatisfy((e) => ReasonkitError.is(e, 'ABORTED') && (e as ReasonkitError).details?.['stopReason'] === 'budget-llm-calls');
    const ac = new AbortController();
    ac.abort();
    const wm2 = llmWorldModel<string, string>({ lm: createScriptedLM({ replies: () => 'n' }), init: () => '', prompt: (s, a) => s + a, parse: (t) => ({ ok: true, state: t }), isTerminal: () => false, signal: ac.signal });
    await expect(wm2.step('', 'x')).rejects.toSatisfy((e) => ReasonkitError.is(e, 'ABORTED'));
  });
  it('shared usage lets a search algorithm stop on llmCalls with a stopReason', async () => {
    const usage = newUsage();
    const wm = verbalizedWorldModel(task, { lm: createScriptedLM({ replies: (p) => faithful.get(p) ?? 'x' }), verbalizer: v, usage });
    const r = await bestFirstSearch<State, GroundAction>({ h: createHeuristic(task, 'hmax') }).run(wm, cfg, task.init, { usage, budget: { llmCalls: 2 } });
    expect(r.stopReason).toBe('budget-llm-calls');
    expect(usage.llmCalls).toBe(2);
    const b = await beamSearch<State, GroundAction>({ beamSize: 2, maxDepth: 6 }).run(verbalizedWorldModel(task, { lm: createScriptedLM({ replies: (p) => faithful.get(p) ?? 'x' }), verbalizer: v, usage: newUsage() }), cfg, task.init, { budget: { expansions: 1 } });
    expect(b.stopReason).toBe('budget-expansions');
  });
  it('rejects bad options with the field named', () => {
    expect(() => verbalizedWorldModel(task, { lm: createScriptedLM({ replies: [] }), verbalizer: v, retries: -1 })).toThrow(/llmWorldModel: retries:/);
  });
});
const faithful = faithfulReplies();
