import { parseOptions } from '@reasonkit/core';
import { ProbeError } from '../errors/probe-error.js';
import type { Capability, ProbeModel } from '../model/probe-model.js';
import type { ProbeResult } from '../result/probe-result.js';
import type { AnyMethodDef, MethodContext, ParamsOf, RequiredKeys } from './method-def.js';
import { validateSample, type InputKey, type Sample } from './sample.js';

/** A method the planner offers for a sample and model, with its cost. */
export interface OfferedMethod<N = string> {
  method: N;
  cost: number;
  /** Capabilities the model lacks (the UI greys the method out); absent when runnable. */
  missing?: Capability[];
}

/** The model facts `offered` looks at. */
export type ModelCapabilities = Pick<ProbeModel, 'capabilities'>;

/**
 * A typed registry of methods (spec §5.1, Know-MRI's `methods/assist.py`). `register` returns the
 * registry with the method's type added, so `run(name, sample)` checks the sample's keys at
 * compile time; at run time the sample is validated and errors name the key.
 */
export class MethodRegistry<M extends Record<string, AnyMethodDef> = {}> {
  readonly #methods = new Map<string, AnyMethodDef>();
  readonly #costs = new Map<string, number>();

  /** Returns a registry with `def` added (its name becomes a key of the registry's type). */
  register<D extends AnyMethodDef>(def: D): MethodRegistry<M & Record<D['name'], D>> {
    this.#methods.set(def.name, def);
    return this as unknown as MethodRegistry<M & Record<D['name'], D>>;
  }

  /** The method named `name`, or an `unknown-method` error listing the registered ones. */
  get<N extends keyof M & string>(name: N): M[N] {
    const d = this.#methods.get(name);
    if (!d) throw new ProbeError('unknown-method', `no method "${name}" (registered: ${[...this.#methods.keys()].join(', ')})`, { field: 'method' });
    return d as M[N];
  }

  /** Names of the registered methods. */
  names(): (keyof M & string)[] {
    return [...this.#methods.keys()];
  }

  /** Declared (or calibrated) cost of a method in seconds per query. */
  cost(name: keyof M & string): number {
    return this.#costs.get(name) ?? this.get(name).costSecondsPerQuery;
  }

  /** Replaces a method's cost (see `calibrateCost`). */
  setCost(name: keyof M & string, seconds: number): void {
    this.get(name);
    this.#costs.set(name, seconds);
  }

  /**
   * Methods the sample's keys allow, cheapest first (ties by name). Import-only methods are never
   * offered; methods whose capabilities the model lacks are listed with `missing`.
   */
  offered(o: { keys: Iterable<InputKey>; model: ModelCapabilities }): OfferedMethod<keyof M & string>[] {
    const keys = new Set(o.keys);
    const out: OfferedMethod<keyof M & string>[] = [];
    for (const d of this.#methods.values()) {
      if (!d.run) continue;
      if (!d.requires.every((k: InputKey) => keys.has(k))) continue;
      const missing = d.capabilities.filter((c) => !o.model.capabilities.has(c));
      const entry: OfferedMethod<keyof M & string> = { method: d.name as keyof M & string, cost: this.cost(d.name as keyof M & string) };
      if (missing.length > 0) entry.missing = [...missing];
      out.push(entry);
    }
    return out.sort((a, b) => a.cost - b.cost || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  }

  /** Runs one method: validates the sample and parameters, checks capabilities, runs it. */
  async run<N extends keyof M & string>(
    name: N,
    sample: Sample<RequiredKeys<M[N]>>,
    model: ProbeModel,
    params: Partial<ParamsOf<M[N]>> = {},
    ctx: MethodContext = {},
  ): Promise<ProbeResult> {
    const d = this.get(name);
    if (!d.run) throw new ProbeError('unknown-method', `${name} is import-only here (results computed elsewhere load with fromKnowMri)`, { field: 'method' });
    validateSample(sample, d.requires, name);
    const missing = d.capabilities.filter((c: Capability) => !model.capabilities.has(c));
    if (missing.length > 0) {
      throw new ProbeError('missing-capability', `${name} needs capabilities ${missing.join(', ')} that model ${model.id} lacks`, { field: 'model', missing });
    }
    const p = parseOptions(d.params, params, `${name} params`);
    return d.run(sample, model, p, ctx);
  }
}
