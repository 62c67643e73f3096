import { describe, expect, it } from 'vitest';
import { BLOCKSWORLD_DOMAIN } from '../bench/blocksworld-domain.js';
import { BLOCKSWORLD_VERBALIZER } from '../bench/blocksworld-verbalizer.js';
import { blocksworldProblemText } from '../bench/blocksworld-generator.js';
import { parseDomain, parseProblem, parsePlan } from '../pddl/index.js';
import { createScriptedLM } from '../testing/index.js';
import { apply } from '../pddl/state.js';
import { ground } from '../pddl/index.js';
import { extractPlan } from '../bench/extract-plan.js';
import { parseVerbalizedState, verbalizeState } from './verbalized-world-model.js';
import { backprompt, constrainedDecoding, exportTrajectories, llmAsPlanner, llmPlusP, memoryFewShot, rapMcts, selfEvalBeam, totBfs, totDfs } from './index.js';
import type { PlanningInstance } from './index.js';

const domain = parseDomain(BLOCKSWORLD_DOMAIN);
const sussmanText = blocksworldProblemText('sussman', ['a', 'b', 'c'], [['a', 'c'], ['b']], [['a', 'b'], ['b', 'c']]);
const sussman = parseProblem(sussmanText, domain);
const swap = parseProblem(blocksworldProblemText('swap', ['a', 'b'], [['b', 'a']], [['b', 'a']]), domain);
const inst: PlanningInstance = {
  id: 'sussman',
  domain,
  problem: sussman,
  verbalizer: BLOCKSWORLD_VERBALIZER,
  examples: [{ problem: swap, plan: parsePlan('(unstack a b)\n(put-down a)\n(pick-up b)\n(stack b a)') }],
  optimalLength: 6,
};
const NL_OK = 'unstack the orange block from on top of the red block\nput down the orange block\npick up the blue block\nstack the blue block on top of the orange block\npick up the red block\nstack the red block on top of the blue block\n[PLAN END]';

describe('llmAsPlanner', () => {
  it('renders the one-shot prompt, extracts and validates', async () => {
    const lm = createScriptedLM({ replies: [NL_OK] });
    const r = await llmAsPlanner()(inst, lm);
    expect(r.report.valid).toBe(true);
    expect(r.plan[0]).toBe('(unstack c a)');
    expect(lm.prompts[0]).toMatch(/\[STATEMENT\]\nAs initial conditions I have that, the hand is empty, /);
    expect(lm.prompts[0]!.trim().endsWith('[PLAN]')).toBe(true);
    expect(lm.prompts[0]).toContain('[PLAN END]'); // the example
  });
});

describe('backprompt (ScriptedLM)', () => {
  it('stops at round 3; feedback names the step and the unmet atoms', async () => {
    const lm = createScriptedLM({
      replies: [
        'pick up the red block\n[PLAN END]',
        'unstack the orange block from on top of the red block\nput down the orange block\npick up the blue block\nstack the blue block on top of the orange block\n[PLAN END]',
        NL_OK,
        'should never be asked',
      ],
    });
    const r = await backprompt({ maxRounds: 15 })(inst, lm);
    expect(r.report.valid).toBe(true);
    const t = r.trace as { rounds: { round: number; status: string; feedback?: string }[]; stopReason: string };
    expect(t.rounds.map((x) => x.status)).toEqual(['precondition', 'goal', 'valid']);
    expect(t.stopReason).toBe('valid');
    expect(t.rounds[0]!.feedback).toBe('The plan is invalid.\nStep 1 (pick up the red block) cannot be executed.\nUnmet preconditions: the red block is clear.');
    expect(t.rounds[1]!.feedback).toMatch(/Unmet goals: the red block is on top of the blue block\./);
    expect(lm.prompts).toHaveLength(3);
    expect(lm.prompts[1]).toContain('[FEEDBACK]\nThe plan is invalid.\nStep 1 (pick up the red block)');
    expect(r.usage.llmCalls).toBe(3);
  });
  it('binary feedback and an llmCalls budget stop early', async () => {
    const lm = createScriptedLM({ replies: () => 'pick up the red block\n[PLAN END]' });
    const r = await backprompt({ feedback: 'binary', budget: { llmCalls: 2 } })(inst, lm);
    expect((r.trace as { stopReason: string }).stopReason).toBe('budget-llm-calls');
    expect(lm.prompts[1]).toContain('[FEEDBACK]\nThe plan is invalid.\nPlease');
  });
});

describe('llmPlusP (ScriptedLM)', () => {
  const task = { id: 'sussman', domain, nl: 'Block c is on a; a and b are on the table; hand empty. Goal: a on b and b on c.', context: { nl: 'b on a; goal: b on a... swapped', problemPddl: blocksworldProblemText('swap', ['a', 'b'], [['b', 'a']], [['b', 'a']]) }, goldProblem: sussman };
  it('logs a parse error as a translation failure and repairs it in round 2', async () => {
    const lm = createScriptedLM({ replies: ['```pddl\n(define (problem s) (:domain blocksworld-4ops) (:objects a b c) (:init (on c a) (clear c)\n```', '```pddl\n' + sussmanText + '```'] });
    const r = await llmPlusP({ repairRounds: 1 })(task, lm);
    expect(r.report.valid).toBe(true);
    expect(r.plan).toHaveLength(6);
    expect(r.translationFailures).toHaveLength(1);
    expect(r.translationFailures[0]).toMatchObject({ round: 1, kind: 'parse-error' });
    // Points at the innermost unclosed '(' — the (:init list.
    const col = '(define (problem s) (:domain blocksworld-4ops) (:objects a b c) (:init'.indexOf('(:init') + 1;
    expect(r.translationFailures[0]!.message).toContain(`generated-problem.pddl:1:${col}: unbalanced parentheses`);
    expect(lm.prompts[1]).toContain(`That problem file failed: generated-problem.pddl:1:${col}`);
    expect(lm.prompts[0]).toContain('(define (domain blocksworld-4ops)');
    expect(lm.prompts[0]).toContain('An example task:');
  });
  it('with repairRounds 0, a failure is final; a wrong translation is judged on the gold problem', async () => {
    const bad = await llmPlusP()(task, createScriptedLM({ replies: ['(define (problem s) (:domain blocksworld-4ops) (:objects a b c) (:init (ontable a) (on a q)) (:goal (on a b)))'] }));
    expect(bad.report.valid).toBe(false);
    expect(bad.translationFailures[0]!.message).toMatch(/undeclared object or constant 'q'/);
    const wrongGoal = blocksworldProblemText('s', ['a', 'b', 'c'], [['a', 'c'], ['b']], [['b', 'c']]);
    const r = await llmPlusP()(task, createScriptedLM({ replies: [wrongGoal] }));
    expect(r.plan.length).toBeGreaterThan(0);
    expect(r.report.status).toBe('goal');
  });
  it('planner failure is a translation failure too', async () => {
    const impossible = blocksworldProblemText('s', ['a', 'b', 'c'], [['a', 'c'], ['b']], [['a', 'a']]);
    const r = await llmPlusP({ repairRounds: 0 })(task, createScriptedLM({ replies: [impossible] }));
    expect(r.translationFailures[0]).toMatchObject({ kind: 'planner-failure' });
  });
});

describe('rapMcts', () => {
  it('without loglikelihood records a fallback; requireExact throws', async () => {
    const lm = createScriptedLM({ replies: () => 'yes' });
    const r = await rapMcts({ nIters: 3 })(inst, lm);
    expect(r.fallbacks[0]).toMatch(/no exact log-likelihoods/);
    await expect(rapMcts({ requireExact: true })(inst, lm)).rejects.toThrow(/requireExact is set but the model has no exact log-likelihoods/);
  });
  it('with exact loglikelihoods uses them (no fallback) and can solve Sussman', async () => {
    const gold = ['unstack the orange block from on top of the red block', 'put down the orange block', 'pick up the blue block', 'stack the blue block on top of the orange block', 'pick up the red block', 'stack the red block on top of the blue block'];
    const lm = createScriptedLM({
      replies: [],
      loglikelihood: (prefix, c) => {
        if (c === 'good') return -0.1;
        const done = gold.filter((g) => prefix.includes(`[PLAN]\n${g}`) || prefix.includes(`\n${g}\n`) || prefix.endsWith(`\n${g}`)).length;
        return c === gold[Math.min(done, gold.length - 1)] ? -0.1 : -5;
      },
    });
    const r = await rapMcts({ nIters: 10 })(inst, lm);
    expect(r.fallbacks).toEqual([]);
    expect(r.report.valid).toBe(true);
  });
  it('worldModel: llm — a faithful LM world model gives the same plan as the symbolic one; a broken one cannot reach the goal', async () => {
    const gold = ['unstack the orange block from on top of the red block', 'put down the orange block', 'pick up the blue block', 'stack the blue block on top of the orange block', 'pick up the red block', 'stack the red block on top of the blue block'];
    const loglikelihood = (prefix: string, c: string) => {
      if (c === 'good') return -0.1;
      const done = gold.filter((g) => prefix.includes(`[PLAN]\n${g}`) || prefix.includes(`\n${g}\n`) || prefix.endsWith(`\n${g}`)).length;
      return c === gold[Math.min(done, gold.length - 1)] ? -0.1 : -5;
    };
    const task = ground(domain, sussman);
    // A faithful world model: read [STATE] and [ACTION] back, simulate, verbalize.
    const faithful = (p: string) => {
      const m = /\[STATE\]\n([\s\S]*?)\n\[ACTION\]\n(.*)\.\n\[NEXT STATE\]/.exec(p)!;
      const st = parseVerbalizedState(m[1]!, task, BLOCKSWORLD_VERBALIZER);
      const act = extractPlan(m[2]!, { mode: 'nl', verbalizer: BLOCKSWORLD_VERBALIZER }).plan[0]!;
      if (!st.ok) throw new Error(st.error);
      return `${verbalizeState(task, apply(st.state, task.actions.find((a) => a.text === act)!), BLOCKSWORLD_VERBALIZER)}.\n[END]`;
    };
    const sym = await rapMcts({ nIters: 10 })(inst, createScriptedLM({ replies: [], loglikelihood }));
    const lmWm = createScriptedLM({ replies: faithful, loglikelihood });
    const viaLlm = await rapMcts({ nIters: 10, worldModel: 'llm' })(inst, lmWm);
    expect(viaLlm.plan).toEqual(sym.plan);
    expect(viaLlm.report.valid).toBe(true);
    expect(viaLlm.fallbacks[0]).toMatch(/LLM world model/);
    expect(lmWm.prompts.filter((p) => p.includes('[NEXT STATE]')).length).toBeGreaterThan(0);
    expect(viaLlm.usage.llmCalls).toBeGreaterThan(sym.usage.llmCalls);
    const broken = await rapMcts({ nIters: 5, worldModel: 'llm' })(inst, createScriptedLM({ replies: () => 'the hand is happy', loglikelihood }));
    expect(broken.report.valid).toBe(false);
  });
});

describe('totBfs (ScriptedLM)', () => {
  it('proposes, values (sure/likely/impossible) and keeps the best; stops when a plan validates', async () => {
    const swapInst: PlanningInstance = { ...inst, id: 'swap', problem: swap, examples: [] };
    const steps = ['unstack the red block from on top of the blue block', 'put down the red block', 'pick up the blue block', 'stack the blue block on top of the red block'];
    const lm = createScriptedLM({
      replies: (p) => {
        const done = steps.filter((s) => p.includes(`\n${s}\n`)).length;
        if (p.includes('[PROPOSE')) return `${steps[done]}\nput down the blue block\nstack the blue block on top of the blue block`;
        const last = p.split('\n[EVALUATE')[0]!.split('\n').pop()!;
        return steps.includes(last) ? 'sure' : 'impossible';
      },
    });
    const r = await totBfs({ b: 1, nEvaluate: 3 })(swapInst, lm);
    expect(r.report.valid).toBe(true);
    expect(r.plan).toEqual(['(unstack a b)', '(put-down a)', '(pick-up b)', '(stack b a)']);
    expect(r.skippedLines).toEqual([]);
    const budgeted = await totBfs({ b: 1, budget: { llmCalls: 1 } })(swapInst, lm);
    expect((budgeted.trace as { stopReason: string }).stopReason).toBe('budget-llm-calls');
  });
});

describe('memoryFewShot and trajectory export', () => {
  it('retrieves the k most similar solved examples (Jaccard, ties by id)', async () => {
    const store = [
      { id: 'z-swap', problem: swap, plan: parsePlan('(unstack a b)\n(put-down a)\n(pick-up b)\n(stack b a)') },
      { id: 'a-sussman-copy', problem: sussman, plan: parsePlan(NL_OK.split('\n').length ? '(unstack c a)\n(put-down c)\n(pick-up b)\n(stack b c)\n(pick-up a)\n(stack a b)' : '') },
    ];
    const lm = createScriptedLM({ replies: [NL_OK] });
    const r = await memoryFewShot({ store, k: 1 })(inst, lm);
    expect((r.trace as { memoryIds: string[] }).memoryIds).toEqual(['a-sussman-copy']);
    expect(r.report.valid).toBe(true);
  });
  it('exports sft, dpo and step-label records', () => {
    const sft = JSON.parse(exportTrajectories([inst], 'sft-jsonl')[0]!);
    expect(sft.messages[1].content.split('\n')).toHaveLength(7);
    const dpo = JSON.parse(exportTrajectories([inst], 'dpo-pairs')[0]!);
    expect(dpo.rejected.split('\n')).toHaveLength(6);
    const cands = new Map([['sussman', ['(unstack c a)', '(pick-up a)', '(put-down c)']]]);
    const sl = JSON.parse(exportTrajectories([inst], 'step-labels', cands)[0]!);
    expect(sl.labels).toEqual([true, false, false]);
  });
});

const GOLD = ['unstack the orange block from on top of the red block', 'put down the orange block', 'pick up the blue block', 'stack the blue block on top of the orange block', 'pick up the red block', 'stack the red block on top of the blue block'];
/** How many gold steps the prompt's plan-so-far already contains (the plan follows the query's [PLAN]). */
const doneSteps = (prefix: string) => {
  const plan = prefix.split('[PLAN]').pop()!.trim().split('\n').filter(Boolean);
  let k = 0;
  while (k < plan.length && plan[k] === GOLD[k]) k++;
  return k;
};

describe('totDfs (ScriptedLM)', () => {
  it('tries children by confidence, prunes "impossible" ones, and finds the plan', async () => {
    const lm = createScriptedLM({
      replies: (p) => {
        const plan = p.split('[PLAN]').pop()!.split('\n[')[0]!.trim().split('\n').filter(Boolean);
        if (p.includes('[PROPOSE')) {
          const k = doneSteps(p);
          return `pick up the red block (low)\n${GOLD[k]} (high)\nput down the red block (medium)`;
        }
        return plan.every((x, i) => x === GOLD[i]) ? 'likely' : 'impossible';
      },
    });
    const r = await totDfs({ maxPerState: 2 })(inst, lm);
    expect(r.report.valid).toBe(true);
    expect((r.trace as { stopReason: string }).stopReason).toBe('terminal');
  });
  it('stops at maxStates', async () => {
    const lm = createScriptedLM({ replies: (p) => (p.includes('[PROPOSE') ? 'pick up the blue block (high)\nput down the blue block (low)' : 'likely') });
    const r = await totDfs({ maxStates: 4 })(inst, lm);
    expect((r.trace as { states: number }).states).toBe(4);
    expect(r.report.valid).toBe(false);
  });
});

describe('decoding presets', () => {
  const ll = (prefix: string, c: string) => (c === 'good' ? (prefix.includes(`${GOLD[doneSteps(prefix.split('\nIs this')[0]!.split('\n').slice(0, -1).join('\n'))]}\nIs this`) ? -0.1 : -3) : c === GOLD[doneSteps(prefix)] ? -0.1 : -4);
  it('constrainedDecoding scores only legal actions with exact log-likelihoods', async () => {
    const lm = createScriptedLM({ replies: [], loglikelihood: ll });
    const r = await constrainedDecoding()(inst, lm);
    expect(r.fallbacks).toEqual([]);
    expect(r.report.valid).toBe(true);
    await expect(constrainedDecoding({ requireExact: true })(inst, createScriptedLM({ replies: () => 'yes' }))).rejects.toThrow(/requireExact/);
  });
  it('selfEvalBeam uses the self-evaluation reward; without log-likelihoods it records a fallback', async () => {
    const r = await selfEvalBeam({ beamSize: 2 })(inst, createScriptedLM({ replies: [], loglikelihood: ll }));
    expect(r.report.valid).toBe(true);
    const f = await selfEvalBeam({ beamSize: 1, depthLimit: 2 })(inst, createScriptedLM({ replies: () => 'no' }));
    expect(f.fallbacks[0]).toMatch(/selfEvalBeam: no exact log-likelihoods/);
    expect(() => selfEvalBeam({ beamSize: 0 })).toThrow(/selfEvalBeam: beamSize:/);
  });
});

describe('decompose', () => {
  it('global: one sub-problem per goal prefix, plans concatenated and validated on the full problem', async () => {
    const { decompose } = await import('./decompose.js');
    const { bfs } = await import('../search/index.js');
    const { ground } = await import('../pddl/index.js');
    const { verbalizeAction } = await import('../bench/verbalizer.js');
    const goalsSeen: number[] = [];
    // Base strategy: llmAsPlanner over a scripted LM whose reply is the BFS plan of the sub-problem.
    const base: import('./presets-common.js').PlanningStrategy = async (sub) => {
      goalsSeen.push(sub.problem.goal.length);
      const r = bfs(ground(sub.domain, sub.problem));
      const text = r.status === 'solved' ? r.plan.map((a) => verbalizeAction(a, sub.verbalizer)).join('\n') : '';
      return llmAsPlanner()(sub, createScriptedLM({ replies: [text] }), {});
    };
    const r = await decompose(base, { mode: 'global' })(inst, createScriptedLM({ replies: [] }));
    expect(goalsSeen).toEqual([1, 2]);
    expect(r.report.valid).toBe(true);
    expect(r.usage.llmCalls).toBe(2);
    const it2 = await decompose(base, { mode: 'iterative' })(inst, createScriptedLM({ replies: [] }));
    expect(it2.report.valid).toBe(true);
    expect((it2.trace as { subproblems: unknown[] }).subproblems).toHaveLength(6);
  });
});
