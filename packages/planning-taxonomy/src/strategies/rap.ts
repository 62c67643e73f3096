import { lazySchema, ReasonkitError } from '@reasonkit/core';
import * as z from 'zod';
import { renderPrompt, verbalizeAction } from '../bench/verbalizer.js';
import type { GroundAction } from '../pddl/ground.js';
import { ground } from '../pddl/ground.js';
import { apply, applicableActions, isGoal } from '../pddl/state.js';
import type { State } from '../pddl/state.js';
import { validatePlan } from '../validate/validate-plan.js';
import { mcts } from './mcts.js';
import type { PlanningLM } from './planning-lm.js';
import { requireLoglikelihood } from './planning-lm.js';
import type { PlanningInstance, PlanningStrategy, StrategyResult } from './presets-common.js';
import { addUsage, countScoring } from './presets-common.js';
import { newUsage, parseWith } from './search-core.js';
import { goalFraction, symbolicWorldModel } from './symbolic-world-model.js';
import { verbalizedWorldModel } from './verbalized-world-model.js';

/** RAP fast reward α·(intuition + self_eval). */
export function rapFastReward(alpha: number, intuition: number, selfEval: number): number {
  return alpha * (intuition + selfEval);
}
/** RAP reward fast + (1 − α)·g, g = 100 at the goal else the goal fraction. */
export function rapReward(alpha: number, fast: number, goalFrac: number, goalReached: boolean): number {
  return fast + (1 - alpha) * (goalReached ? 100 : goalFrac);
}

/** zod schema of `RapMctsOptions`: validates it and applies its defaults. */
export const RapMctsOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  alpha: z.number().min(0).max(1).default(0.5),
  nIters: z.number().int().positive().default(10),
  /** Default: the optimal length when known, else 6 (our choice). */
  depthLimit: z.number().int().positive().optional(),
  /** Throw instead of falling back when the LM has no exact log-likelihoods. */
  requireExact: z.boolean().default(false),
  /** Samples for the yes/no self-evaluation fallback (ours: 5). */
  fallbackSamples: z.number().int().positive().default(5),
  budget: z.object({ llmCalls: z.number().int().nonnegative().optional(), expansions: z.number().int().nonnegative().optional() }).optional(),
  /**
   * `symbolic` (default): exact simulation. `llm`: RAP's LLM world model (`verbalizedWorldModel`,
   * our prompt layout) predicts each next state; legal actions are still enumerated symbolically
   * on the predicted state, and the goal reward reads the predicted state.
   */
  worldModel: z.enum(['symbolic', 'llm']).default('symbolic'),
}));
/** Input accepted by `RapMctsOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type RapMctsOptions = z.input<typeof RapMctsOptionsSchema>;

/**
 * RAP-style MCTS with a symbolic world model (legal actions enumerated symbolically). Rewards use
 * exact log-likelihoods when available; otherwise sampled yes/no self-evaluation (recorded in
 * `fallbacks`), or a throw under `requireExact`.
 */
export function rapMcts(options: RapMctsOptions = {}): PlanningStrategy {
  const o = parseWith(RapMctsOptionsSchema, options, 'rapMcts');
  return async (inst: PlanningInstance, lm: PlanningLM, ro = {}): Promise<StrategyResult> => {
    const fallbacks: string[] = [];
    if (o.requireExact) requireLoglikelihood(lm, 'rapMcts');
    const exact = lm.caps.loglikelihood && !!lm.loglikelihood;
    if (!exact) fallbacks.push(`rapMcts: no exact log-likelihoods; using sampled yes/no self-evaluation (k = ${o.fallbackSamples}) for intuition and self_eval`);
    const usage = newUsage();
    const task = ground(inst.domain, inst.problem);
    const base = renderPrompt(inst.problem, inst.verbalizer, inst.examples ?? []);
    const prefixOf = (plan: GroundAction[]) => `${base}\n${plan.map((a) => verbalizeAction(a, inst.verbalizer)).join('\n')}`;
    const history = new Map<State, GroundAction[]>([[task.init, []]]);
    const score = async (s: State, a: GroundAction): Promise<number> => {
      const prefix = prefixOf(history.get(s) ?? []);
      const text = verbalizeAction(a, inst.verbalizer);
      if (exact) {
        countScoring(usage, 2); // intuition and self-evaluation: one continuation each
        const [intuition] = await lm.loglikelihood!({ prefix: prefix + '\n', continuations: [text], signal: ro.signal });
        const [selfEval] = await lm.loglikelihood!({ prefix: `${prefix}\n${text}\nIs this a good step? `, continuations: ['good'], signal: ro.signal });
        return rapFastReward(o.alpha, intuition!, selfEval!);
      }
      const r = await lm.generate({ prompts: [`${prefix}\n${text}\nIs this a good step? Answer yes or no.`], n: o.fallbackSamples, temperature: 0.7, maxNewTokens: 4, signal: ro.signal });
      addUsage(usage, r);
      const yes = r.texts[0]!.filter((t) => /\byes\b/i.test(t)).length;
      const p = (yes + 0.5) / (o.fallbackSamples + 1); // smoothed, our choice
      return rapFastReward(o.alpha, Math.log(p), Math.log(p));
    };
    const wm = symbolicWorldModel(task);
    const predicted = new WeakMap<State, Map<number, State>>();
    const llmWm = o.worldModel === 'llm' ? verbalizedWorldModel(task, { lm, verbalizer: inst.verbalizer, usage, signal: ro.signal }) : undefined;
    if (llmWm) fallbacks.push('rapMcts: LLM world model (next states predicted by the LM and parsed back; rejected predictions keep the parent state)');
    const next = async (s: State, a: GroundAction): Promise<State> => {
      if (!llmWm) return apply(s, a);
      const hit = predicted.get(s)?.get(a.id);
      if (hit) return hit;
      const t = (await llmWm.step(s, a)).state;
      if (!predicted.has(s)) predicted.set(s, new Map());
      predicted.get(s)!.set(a.id, t);
      return t;
    };
    const alg = mcts<State, GroundAction>({ nIters: o.nIters, depthLimit: o.depthLimit ?? inst.optimalLength ?? 6 });
    const res = await alg.run(
      {
        ...wm,
        step: async (s, a) => {
          const t = await next(s, a);
          if (t !== s) history.set(t, [...(history.get(s) ?? []), a]); // a rejected LLM prediction returns s itself
          return { state: t };
        },
      },
      {
        actions: async (s) => applicableActions(task, s),
        fastReward: score,
        reward: async (s, a, ctx) => {
          const t = await next(s, a);
          return rapReward(o.alpha, ctx.fastReward ?? (await score(s, a)), goalFraction(task, t), isGoal(task, t));
        },
      },
      task.init,
      { signal: ro.signal, usage, budget: o.budget },
    );
    const plan = res.trace.actions.map((a) => a.text);
    const report = validatePlan(inst.domain, inst.problem, plan.join('\n'));
    if (!report) throw new ReasonkitError('RUNTIME_ERROR', 'unreachable');
    return { plan, raw: [], report, usage, fallbacks, skippedLines: [], trace: { stopReason: res.stopReason, expansions: res.expansions } };
  };
}
