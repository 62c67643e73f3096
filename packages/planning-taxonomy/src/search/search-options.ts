import { lazySchema, ReasonkitError } from '@reasonkit/core';
import * as z from 'zod';

export const SearchLimitsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Stop after this many expansions. Default unlimited. */
  maxExpansions: z.number().int().nonnegative().optional(),
  /** Wall-clock limit in ms. Default unlimited. */
  timeoutMs: z.number().nonnegative().optional(),
  /** Stop when this many distinct states are stored. Default unlimited. */
  maxStates: z.number().int().nonnegative().optional(),
  signal: z.custom<AbortSignal>((v) => v === undefined || (typeof v === 'object' && v !== null && 'aborted' in v)).optional(),
}));

export const PlannerOptionsSchema = /* @__PURE__ */ lazySchema(() => SearchLimitsSchema.extend({
  planner: z.enum(['bfs', 'astar', 'gbfs', 'wastar']).default('bfs'),
  /** Default: hmax for astar, hff for gbfs/wastar (our choice; same as the astar/gbfs/wastar functions). */
  heuristic: z.enum(['blind', 'goal-count', 'hmax', 'hadd', 'hff']).optional(),
  /** wA* weight; default 2 (our choice). */
  weight: z.number().positive().default(2),
}));

export type SearchLimits = z.input<typeof SearchLimitsSchema>;
export type PlannerOptions = z.input<typeof PlannerOptionsSchema>;

export function parseOptions<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.join('.') || '(root)';
    throw new ReasonkitError('INVALID_ARGUMENT', `${what}: invalid option '${path}': ${issue.message}`, { field: `${what}.${path}` });
  }
  return r.data;
}
