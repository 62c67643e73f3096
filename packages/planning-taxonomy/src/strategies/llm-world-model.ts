import { lazySchema, ReasonkitError } from '@reasonkit/core';
import * as z from 'zod';
import type { PlanningLM } from './planning-lm.js';
import { addUsage } from './presets-common.js';
import type { Usage, WorldModel } from './search-core.js';
import { newUsage, parseWith } from './search-core.js';

/** What `parse` returns: the next state, or why the text is not an acceptable state. */
export type ParsedState<S> = { ok: true; state: S } | { ok: false; error: string };

/** zod schema of a `LlmWorldModelOptions`: validates it and applies its defaults. */
export const LlmWorldModelOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Re-asks after an unparseable / invalid prediction (our choice: 2). */
  retries: z.number().int().nonnegative().default(2),
  /** After the last retry: keep the parent state and flag `aux.invalid` (default), or throw. */
  onInvalid: z.enum(['keep', 'throw']).default('keep'),
  /** Greedy decoding for the first ask (RAP uses temperature 0 for the world model); re-asks use `retryTemperature`. */
  temperature: z.number().nonnegative().default(0),
  retryTemperature: z.number().nonnegative().default(0.7),
  maxNewTokens: z.number().int().positive().default(256),
  stop: z.array(z.string()).optional(),
  /** Cache predictions by prompt text (our choice: on; the same (s, a) is asked once). */
  cache: z.boolean().default(true),
  /** Hard caps checked before every LM call; exceeding one throws `ABORTED` with `details.stopReason`. */
  budget: z.object({ llmCalls: z.number().int().nonnegative().optional(), tokens: z.number().int().nonnegative().optional() }).optional(),
}));

/** Options of an LLM-backed world model: settings plus how to build prompts and parse states. */
export interface LlmWorldModelOptions<S, A, E> extends z.input<typeof LlmWorldModelOptionsSchema> {
  lm: PlanningLM;
  /** The initial state for example `e`. */
  init: (e: E) => S | Promise<S>;
  /** The world-model prompt for predicting the state after `a` in `s`. */
  prompt: (s: S, a: A) => string;
  /** Parses and validates the LM's prediction. */
  parse: (text: string, s: S, a: A) => ParsedState<S>;
  /** True when `s` is terminal. */
  isTerminal: (s: S) => boolean | Promise<boolean>;
  /** Shared usage counter: pass the same object to `SearchAlgorithm.run({ usage, budget })` so its budgets see these calls. */
  usage?: Usage;
  signal?: AbortSignal;
}

/** Auxiliary output of a step: raw LM texts, retries and whether the prediction was rejected. */
export interface LlmStepAux {
  raw: string[];
  attempts: number;
  cached: boolean;
  invalid: boolean;
  errors: string[];
}

export interface LlmWorldModel<S, A, E> extends WorldModel<S, A, E> {
  readonly usage: Usage;
  /** Counts over the model's lifetime (steps asked, cache hits, rejected predictions, retries). */
  readonly stats: { steps: number; cacheHits: number; invalid: number; retries: number };
}

/**
 * RAP's LLM world model: the LM predicts the next state from the current state and an action.
 * Each prediction is parsed and validated by `parse`; a rejected one is re-asked up to `retries`
 * times (at `retryTemperature`), then either kept as the parent state with `aux.invalid = true`
 * (`onInvalid: 'keep'`) or thrown (`'throw'`). LM calls and tokens go into `usage`.
 */
export function llmWorldModel<S, A, E = unknown>(options: LlmWorldModelOptions<S, A, E>): LlmWorldModel<S, A, E> {
  const { lm, init, prompt, parse, isTerminal, signal } = options;
  const o = parseWith(LlmWorldModelOptionsSchema, pickSchemaFields(options as unknown as Record<string, unknown>), 'llmWorldModel');
  const usage = options.usage ?? newUsage();
  const stats = { steps: 0, cacheHits: 0, invalid: 0, retries: 0 };
  const cache = new Map<string, S>();
  const checkBudget = () => {
    if (signal?.aborted) throw new ReasonkitError('ABORTED', 'llmWorldModel: aborted', { stopReason: 'aborted' });
    const b = o.budget;
    if (b?.llmCalls !== undefined && usage.llmCalls >= b.llmCalls)
      throw new ReasonkitError('ABORTED', `llmWorldModel: budget.llmCalls (${b.llmCalls}) exhausted`, { field: 'budget.llmCalls', stopReason: 'budget-llm-calls' });
    if (b?.tokens !== undefined && usage.promptTokens + usage.completionTokens >= b.tokens)
      throw new ReasonkitError('ABORTED', `llmWorldModel: budget.tokens (${b.tokens}) exhausted`, { field: 'budget.tokens', stopReason: 'budget-tokens' });
  };
  return {
    usage,
    stats,
    init,
    isTerminal,
    async step(s, a) {
      stats.steps++;
      const text = prompt(s, a);
      const hit = o.cache ? cache.get(text) : undefined;
      if (hit !== undefined) {
        stats.cacheHits++;
        const aux: LlmStepAux = { raw: [], attempts: 0, cached: true, invalid: false, errors: [] };
        return { state: hit, aux };
      }
      const raw: string[] = [];
      const errors: string[] = [];
      for (let attempt = 0; attempt <= o.retries; attempt++) {
        checkBudget();
        if (attempt > 0) stats.retries++;
        const r = await lm.generate({ prompts: [text], n: 1, temperature: attempt === 0 ? o.temperature : o.retryTemperature, maxNewTokens: o.maxNewTokens, stop: o.stop, signal });
        addUsage(usage, r);
        const out = r.texts[0]?.[0] ?? '';
        raw.push(out);
        const p = parse(out, s, a);
        if (p.ok) {
          if (o.cache) cache.set(text, p.state);
          const aux: LlmStepAux = { raw, attempts: attempt + 1, cached: false, invalid: false, errors };
          return { state: p.state, aux };
        }
        errors.push(p.error);
      }
      stats.invalid++;
      if (o.onInvalid === 'throw') {
        throw new ReasonkitError('PROTOCOL_ERROR', `llmWorldModel: no valid next state after ${o.retries + 1} attempt(s): ${errors[errors.length - 1]}`, { errors, raw });
      }
      const aux: LlmStepAux = { raw, attempts: o.retries + 1, cached: false, invalid: true, errors };
      return { state: s, aux };
    },
  };
}

function pickSchemaFields(o: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(LlmWorldModelOptionsSchema.shape);
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
