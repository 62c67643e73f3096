import type { ProbeModel } from '../model/probe-model.js';
import type { ProbeResult } from '../result/probe-result.js';
import type { MethodContext } from './method-def.js';
import type { MethodRegistry } from './method-registry.js';
import { INPUT_KEYS, type InputKey } from './sample.js';

/** Keys present (not undefined) in a sample. */
export function sampleKeys(sample: object): InputKey[] {
  return INPUT_KEYS.filter((k) => (sample as Record<string, unknown>)[k] !== undefined);
}

/** Options of the method planner. */
export interface PlanOptions extends MethodContext {
  /** Stop before a method whose cost would exceed the budget (declared or calibrated seconds). Default: no budget. */
  budgetSeconds?: number;
  /** Only these methods (default every runnable offered one). */
  methods?: readonly string[];
}

/**
 * Runs the offered, runnable methods cheapest first (spec §5.2) and stops before the one whose cost
 * would take the total over `budgetSeconds`. Returns the results in run order.
 */
export async function plan(registry: MethodRegistry<any>, sample: object, model: ProbeModel, options: PlanOptions = {}): Promise<ProbeResult[]> {
  const offered = registry.offered({ keys: sampleKeys(sample), model }).filter((o) => !o.missing && (!options.methods || options.methods.includes(o.method)));
  const results: ProbeResult[] = [];
  let spent = 0;
  for (const o of offered) {
    if (options.budgetSeconds !== undefined && spent + o.cost > options.budgetSeconds) break;
    options.signal?.throwIfAborted();
    results.push(await registry.run(o.method, sample as never, model, {}, options));
    spent += o.cost;
  }
  return results;
}

/**
 * Measures each runnable method once on `sample` and replaces its declared cost in this registry
 * instance with the measured seconds (spec §5.2). Returns the measured costs.
 */
export async function calibrateCost(registry: MethodRegistry<any>, model: ProbeModel, sample: object, options: MethodContext = {}): Promise<Record<string, number>> {
  const measured: Record<string, number> = {};
  for (const o of registry.offered({ keys: sampleKeys(sample), model })) {
    if (o.missing) continue;
    const t0 = performance.now();
    await registry.run(o.method, sample as never, model, {}, options);
    measured[o.method] = (performance.now() - t0) / 1000;
    registry.setCost(o.method, measured[o.method]!);
  }
  return measured;
}
