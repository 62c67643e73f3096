import { lazySchema, parseOptions } from '@reasonkit/core';
import * as z from 'zod';

/** zod schema of `SearchLimits`: validates it and applies its defaults. */
export const SearchLimitsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Stop after this many expansions. Default unlimited. */
  maxExpansions: z.number().int().nonnegative().optional(),
  /** Wall-clock limit in ms. Default unlimited. */
  timeoutMs: z.number().nonnegative().optional(),
  /** Stop when this many distinct states are stored. Default unlimited. */
  maxStates: z.number().int().nonnegative().optional(),
  signal: z.custom<AbortSignal>((v) => v === undefined || (typeof v === 'object' && v !== null && 'aborted' in v)).optional(),
}));

/** zod schema of `PlannerOptions`: validates it and applies its defaults. */
export const PlannerOptionsSchema = /* @__PURE__ */ lazySchema(() => SearchLimitsSchema.extend({
  planner: z.enum(['bfs', 'astar', 'gbfs', 'wastar']).default('bfs'),
  /** Default: hmax for astar, hff for gbfs/wastar (our choice; same as the astar/gbfs/wastar functions). */
  heuristic: z.enum(['blind', 'goal-count', 'hmax', 'hadd', 'hff']).optional(),
  /** wA* weight; default 2 (our choice). */
  weight: z.number().positive().default(2),
}));

/** Input accepted by `SearchLimitsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type SearchLimits = z.input<typeof SearchLimitsSchema>;
/** Input accepted by `PlannerOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type PlannerOptions = z.input<typeof PlannerOptionsSchema>;

/**
 * Validates options with core's `parseOptions` (INVALID_ARGUMENT naming every bad field, e.g.
 * `bfs: maxExpansions: Too small…`); absent options are `{}`.
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  return parseOptions(schema, value ?? {}, what);
}
