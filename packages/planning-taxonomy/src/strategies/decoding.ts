import * as z from 'zod';
import { lazySchema } from '@reasonkit/core';
import { renderPrompt, verbalizeAction } from '../bench/verbalizer.js';
import type { GroundAction } from '../pddl/ground.js';
import { ground } from '../pddl/ground.js';
import { apply, applicableActions, isGoal } from '../pddl/state.js';
import type { State } from '../pddl/state.js';
import { validatePlan } from '../validate/validate-plan.js';
import { beamSearch } from './beam-search.js';
import type { PlanningLM } from './planning-lm.js';
import { requireLoglikelihood } from './planning-lm.js';
import type { PlanningInstance, PlanningStrategy, StrategyResult } from './presets-common.js';
import { addUsage, countScoring } from './presets-common.js';
import { newUsage, parseWith } from './search-core.js';
import { symbolicWorldModel } from './symbolic-world-model.js';

/** zod schema of a `DecodingOptions`: validates it and applies its defaults. */
export const DecodingOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Default: the optimal length when known, else 12 (our choice). */
  depthLimit: z.number().int().positive().optional(),
  requireExact: z.boolean().default(false),
  /** Yes/no samples for the fallback self-evaluation (ours: 5). */
  fallbackSamples: z.number().int().positive().default(5),
}));

/** zod schema of a `SelfEvalBeamOptions`: validates it and applies its defaults. */
export const SelfEvalBeamOptionsSchema = /* @__PURE__ */ lazySchema(() => DecodingOptionsSchema.extend({
  /** Beam width (our choice: 5). */
  beamSize: z.number().int().positive().default(5),
}));

async function scorer(inst: PlanningInstance, lm: PlanningLM, fallbacks: string[], usage: ReturnType<typeof newUsage>, samples: number, who: string, signal?: AbortSignal) {
  const base = renderPrompt(inst.problem, inst.verbalizer, inst.examples ?? []);
  const exact = lm.caps.loglikelihood && !!lm.loglikelihood;
  if (!exact) fallbacks.push(`${who}: no exact log-likelihoods; using sampled yes/no self-evaluation (k = ${samples})`);
  return async (plan: GroundAction[], next: GroundAction[], mode: 'action' | 'self-eval'): Promise<number[]> => {
    const prefix = `${base}\n${plan.map((a) => verbalizeAction(a, inst.verbalizer)).join('\n')}`;
    if (exact) {
      countScoring(usage, next.length); // one continuation per candidate in either mode
      if (mode === 'action') return lm.loglikelihood!({ prefix: prefix + '\n', continuations: next.map((a) => verbalizeAction(a, inst.verbalizer)), signal });
      const out: number[] = [];
      for (const a of next) out.push((await lm.loglikelihood!({ prefix: `${prefix}\n${verbalizeAction(a, inst.verbalizer)}\nIs this a good step? `, continuations: ['good'], signal }))[0]!);
      return out;
    }
    const out: number[] = [];
    for (const a of next) {
      const r = await lm.generate({ prompts: [`${prefix}\n${verbalizeAction(a, inst.verbalizer)}\nIs this a good step? Answer yes or no.`], n: samples, temperature: 0.7, maxNewTokens: 4, signal });
      addUsage(usage, r);
      out.push(Math.log((r.texts[0]!.filter((t) => /\byes\b/i.test(t)).length + 0.5) / (samples + 1)));
    }
    return out;
  };
}

/**
 * Constrained decoding: at each step only the **legal** ground actions are scored, by the
 * log-likelihood of their verbalization after the prompt and the plan so far; the best is taken
 * (ties: grounding order). Stops at the goal or the depth limit.
 */
export function constrainedDecoding(options: z.input<typeof DecodingOptionsSchema> = {}): PlanningStrategy {
  const o = parseWith(DecodingOptionsSchema, options, 'constrainedDecoding');
  return async (inst, lm, ro = {}): Promise<StrategyResult> => {
    if (o.requireExact) requireLoglikelihood(lm, 'constrainedDecoding');
    const usage = newUsage();
    const fallbacks: string[] = [];
    const score = await scorer(inst, lm, fallbacks, usage, o.fallbackSamples, 'constrainedDecoding', ro.signal);
    const task = ground(inst.domain, inst.problem);
    let s: State = task.init;
    const plan: GroundAction[] = [];
    const limit = o.depthLimit ?? inst.optimalLength ?? 12;
    while (!isGoal(task, s) && plan.length < limit && !ro.signal?.aborted) {
      const legal = applicableActions(task, s);
      if (legal.length === 0) break;
      const scores = await score(plan, legal, 'action');
      let best = 0;
      for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
      plan.push(legal[best]!);
      s = apply(s, legal[best]!);
    }
    const texts = plan.map((a) => a.text);
    return { plan: texts, raw: [], report: validatePlan(inst.domain, inst.problem, texts.join('\n')), usage, fallbacks, skippedLines: [], trace: { steps: plan.length } };
  };
}

/** Self-evaluation guided beam search over legal actions: reward = log-likelihood of "good". */
export function selfEvalBeam(options: z.input<typeof SelfEvalBeamOptionsSchema> = {}): PlanningStrategy {
  const o = parseWith(SelfEvalBeamOptionsSchema, options, 'selfEvalBeam');
  const beamSize = o.beamSize;
  return async (inst, lm, ro = {}): Promise<StrategyResult> => {
    if (o.requireExact) requireLoglikelihood(lm, 'selfEvalBeam');
    const usage = newUsage();
    const fallbacks: string[] = [];
    const score = await scorer(inst, lm, fallbacks, usage, o.fallbackSamples, 'selfEvalBeam', ro.signal);
    const task = ground(inst.domain, inst.problem);
    const history = new Map<State, GroundAction[]>([[task.init, []]]);
    const wm = symbolicWorldModel(task);
    const res = await beamSearch<State, GroundAction>({ beamSize, maxDepth: o.depthLimit ?? inst.optimalLength ?? 12, rewardAggregator: 'cumulative' }).run(
      { ...wm, step: async (st, a) => { const t = apply(st, a); history.set(t, [...(history.get(st) ?? []), a]); return { state: t }; } },
      { actions: async (st) => applicableActions(task, st), reward: async (st, a) => (await score(history.get(st) ?? [], [a], 'self-eval'))[0]! },
      task.init,
      { signal: ro.signal, usage },
    );
    const texts = res.trace.actions.map((a) => a.text);
    return { plan: texts, raw: [], report: validatePlan(inst.domain, inst.problem, texts.join('\n')), usage, fallbacks, skippedLines: [], trace: { stopReason: res.stopReason } };
  };
}
