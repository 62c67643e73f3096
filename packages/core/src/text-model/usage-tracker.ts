import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import type { GenerateRequest, GenerateResult, ScoreRequest, ScoreResult, StreamPart, TextModel, Usage } from './text-model.js';
import { parseOrThrow } from './zod-issues.js';

/** Price of one model in currency units per million tokens. */
export interface Pricing {
  inputPerMillion: number;
  outputPerMillion: number;
}

const PricingSchema = /* @__PURE__ */ lazySchema(() => z.object({ inputPerMillion: z.number().min(0), outputPerMillion: z.number().min(0) }));

/** zod schema of `UsageTrackerOptions`: validates it and applies its defaults. */
export const UsageTrackerOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Price applied to every model without an entry in `pricingByModel`. */
  pricing: PricingSchema.optional(),
  /** Price per model id. */
  pricingByModel: z.record(z.string(), PricingSchema).optional(),
}));
/** Input accepted by `UsageTrackerOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type UsageTrackerOptions = z.input<typeof UsageTrackerOptionsSchema>;

/** Accumulated usage over the requests a tracker has seen. */
export interface UsageTotals {
  calls: number;
  input: number;
  output: number;
  /** Sum of `input + output`. */
  total: number;
  /** Cost from the configured pricing; `undefined` when some call's model had no price. */
  cost: number | undefined;
}

/** Wraps a text model and accumulates its usage. */
export interface UsageTracker {
  /** Record one call's usage (a missing usage counts as a call with 0 tokens). */
  record(usage: Usage | undefined, modelId?: string): void;
  /** Overall totals. */
  totals(): UsageTotals;
  /** Totals per model id (`''` for calls recorded without one). */
  byModel(): Record<string, UsageTotals>;
  /** A `TextModel` that forwards to `model` and records the usage of every call (generate, stream, score). */
  wrap(model: TextModel): TextModel;
  /** Sets the totals back to zero. */
  reset(): void;
}

/** Aggregates token usage and cost over a run. */
export function createUsageTracker(options: UsageTrackerOptions = {}): UsageTracker {
  const parsed = parseOrThrow(UsageTrackerOptionsSchema, options, 'usage tracker options');
  let perModel = new Map<string, { calls: number; input: number; output: number }>();

  const priceOf = (modelId: string): Pricing | undefined => parsed.pricingByModel?.[modelId] ?? parsed.pricing;
  const finish = (entries: [string, { calls: number; input: number; output: number }][]): UsageTotals => {
    let calls = 0;
    let input = 0;
    let output = 0;
    let cost: number | undefined = 0;
    for (const [id, entry] of entries) {
      calls += entry.calls;
      input += entry.input;
      output += entry.output;
      const price = priceOf(id);
      if (price === undefined) cost = undefined;
      else if (cost !== undefined) cost += (entry.input * price.inputPerMillion + entry.output * price.outputPerMillion) / 1e6;
    }
    return { calls, input, output, total: input + output, cost };
  };

  const tracker: UsageTracker = {
    record(usage, modelId = '') {
      const entry = perModel.get(modelId) ?? { calls: 0, input: 0, output: 0 };
      entry.calls += 1;
      entry.input += usage?.input ?? 0;
      entry.output += usage?.output ?? 0;
      perModel.set(modelId, entry);
    },
    totals: () => finish([...perModel.entries()]),
    byModel: () => Object.fromEntries([...perModel.entries()].map(([id, entry]) => [id, finish([[id, entry]])])),
    reset() {
      perModel = new Map();
    },
    wrap(model) {
      const wrapped: TextModel = {
        id: model.id,
        capabilities: model.capabilities,
        async generate(request: GenerateRequest): Promise<GenerateResult> {
          const result = await model.generate(request);
          tracker.record(result.usage, model.id);
          return result;
        },
      };
      const stream = model.stream?.bind(model);
      if (stream) {
        wrapped.stream = async function* (request: GenerateRequest): AsyncIterable<StreamPart> {
          let usage: Usage | undefined;
          try {
            for await (const part of stream(request)) {
              if (part.usage) usage = part.usage;
              yield part;
            }
          } finally {
            tracker.record(usage, model.id);
          }
        };
      }
      const score = model.score?.bind(model);
      if (score) {
        wrapped.score = async (request: ScoreRequest): Promise<ScoreResult> => {
          const result = await score(request);
          tracker.record(result.usage, model.id);
          return result;
        };
      }
      return wrapped;
    },
  };
  return tracker;
}
