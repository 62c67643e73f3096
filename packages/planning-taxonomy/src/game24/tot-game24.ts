import * as z from 'zod';
import { lazySchema } from '@reasonkit/core';
import { beamSearch } from '../strategies/beam-search.js';
import type { PlanningLM } from '../strategies/planning-lm.js';
import { addUsage } from '../strategies/presets-common.js';
import type { StopReason, Usage } from '../strategies/search-core.js';
import { BudgetSchema, newUsage, parseWith } from '../strategies/search-core.js';
import type { SearchConfig } from '../strategies/search-core.js';
import { TOT_VALUE_MAP, totValue } from '../strategies/tot.js';
import type { Game24State, Game24Step } from './game24.js';
import { formatLeft, game24Apply, game24Init, game24IsSolved, game24WorldModel, parseGame24Step } from './game24.js';

/** Our wording of ToT's propose prompt (one-shot, same layout: `a op b = c (left: …)` per line). */
export function game24ProposePrompt(s: Game24State): string {
  return `Use basic arithmetic (+ - * /) on two of the numbers to get a new number. List possible next steps, one per line.
Input: 2 8 8 14
Possible next steps:
2 + 8 = 10 (left: 8 10 14)
8 / 2 = 4 (left: 4 8 14)
14 + 2 = 16 (left: 8 8 16)
2 * 8 = 16 (left: 8 14 16)
8 - 2 = 6 (left: 6 8 14)
14 - 8 = 6 (left: 2 6 8)
Input: ${formatLeft(s.numbers)}
Possible next steps:
`;
}

/** Our wording of ToT's value prompt: can the numbers left still reach 24? (sure / likely / impossible). */
export function game24ValuePrompt(s: Game24State): string {
  return `Can the numbers below reach 24 using + - * / (each number used once)? Think briefly, then end with one word: sure, likely or impossible.
Numbers: ${formatLeft(s.numbers)}
`;
}

/** zod schema of `TotGame24Options`: validates it and applies its defaults. */
export const TotGame24OptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Breadth (reference: 5). */
  b: z.number().int().positive().default(5),
  /** Value samples per candidate (reference: 3). */
  nEvaluate: z.number().int().positive().default(3),
  /** Proposal samples per state (reference: 1 for propose). */
  nPropose: z.number().int().positive().default(1),
  /** Sampling temperature (reference: 0.7). */
  temperature: z.number().nonnegative().default(0.7),
  budget: BudgetSchema.optional(),
}));
/** Input accepted by `TotGame24OptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type TotGame24Options = z.input<typeof TotGame24OptionsSchema>;

/**
 * ToT's Game-of-24 search config: `actions` asks the LM to propose steps (one per line), each
 * parsed and checked exactly by `parseGame24Step` (invalid lines go to `invalid`, never used);
 * `reward` is ToT's value V = Σ valueMap[label] over `nEvaluate` samples of the value prompt.
 * A state with one number left is scored exactly, without an LM call (our choice): V = 20·nEvaluate
 * when it is 24, else 0. Prompts are cached by text (reference).
 */
export function game24TotConfig(lm: PlanningLM, options: TotGame24Options & { usage?: Usage; signal?: AbortSignal } = {}) {
  const o = parseWith(TotGame24OptionsSchema, { ...options, usage: undefined, signal: undefined }, 'game24TotConfig');
  const usage = options.usage ?? newUsage();
  const invalid: string[] = [];
  const cache = new Map<string, string[]>();
  const ask = async (prompt: string, n: number) => {
    const key = `${n}\u0000${prompt}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const r = await lm.generate({ prompts: [prompt], n, temperature: o.temperature, maxNewTokens: 256, signal: options.signal });
    addUsage(usage, r);
    cache.set(key, r.texts[0]!);
    return r.texts[0]!;
  };
  const config: SearchConfig<Game24State, Game24Step> = {
    async actions(s) {
      if (s.numbers.length <= 1) return [];
      const outs = await ask(game24ProposePrompt(s), o.nPropose);
      const steps: Game24Step[] = [];
      const seen = new Set<string>();
      for (const line of outs.join('\n').split('\n')) {
        if (!line.trim()) continue;
        const p = parseGame24Step(line, s);
        if (!p.ok) {
          invalid.push(p.error);
          continue;
        }
        const key = game24Apply(s, p.step)!.steps.at(-1)!;
        if (seen.has(key)) continue; // duplicates (reference: value 0) are dropped
        seen.add(key);
        steps.push(p.step);
      }
      return steps;
    },
    async reward(s, a) {
      const t = game24Apply(s, a)!;
      if (t.numbers.length === 1) return game24IsSolved(t) ? TOT_VALUE_MAP['sure']! * o.nEvaluate : 0;
      return totValue(await ask(game24ValuePrompt(t), o.nEvaluate));
    },
  };
  return { config, usage, invalid };
}

/** Result of Tree-of-Thoughts on one Game-of-24 puzzle. */
export interface TotGame24Result {
  success: boolean;
  /** The expression built by the steps (over the puzzle's numbers), when one number is left. */
  expression?: string;
  steps: string[];
  usage: Usage;
  stopReason: StopReason;
  /** Proposal lines rejected by the exact checker. */
  invalidProposals: string[];
}

/**
 * Tree-of-Thoughts BFS on the Game of 24 (reference setup): propose → value (nEvaluate) →
 * keep the top b, for 3 steps (4 numbers → 1), i.e. beam search with beam b over
 * `game24WorldModel` and `game24TotConfig`. Success is checked with exact rationals.
 */
export function totGame24(options: TotGame24Options = {}) {
  const o = parseWith(TotGame24OptionsSchema, options, 'totGame24');
  return async (puzzle: readonly number[], lm: PlanningLM, ro: { signal?: AbortSignal } = {}): Promise<TotGame24Result> => {
    const usage = newUsage();
    const { config, invalid } = game24TotConfig(lm, { ...o, usage, signal: ro.signal });
    const init = game24Init(puzzle);
    const alg = beamSearch<Game24State, Game24Step>({ beamSize: o.b, maxDepth: puzzle.length - 1, rewardAggregator: 'last' });
    const r = await alg.run(game24WorldModel(), config, init, { usage, signal: ro.signal, budget: o.budget });
    const last = r.trace.states[r.trace.states.length - 1]!;
    const success = game24IsSolved(last);
    return { success, expression: last.numbers.length === 1 ? last.exprs[0] : undefined, steps: [...last.steps], usage, stopReason: r.stopReason, invalidProposals: invalid };
  };
}
