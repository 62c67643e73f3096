import type * as z from 'zod';
import type { Capability, ProbeModel } from '../model/probe-model.js';
import type { ProbeResult } from '../result/probe-result.js';
import type { InputKey, Sample } from './sample.js';

/** What a method run gets besides the sample, model and params (abort signal and the like). */
export interface MethodContext {
  signal?: AbortSignal;
  /** Called as the run progresses (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * A method (spec §5.1). `requires` are the sample keys it reads, `capabilities` what the model must
 * have; `params` parses (with defaults) the user's parameters. Import-only methods (gradient
 * methods Know-MRI computes in Python) have no `run` and are never offered.
 */
export interface MethodDef<Name extends string = string, K extends InputKey = InputKey, P extends Record<string, unknown> = Record<string, unknown>> {
  readonly name: Name;
  readonly version: string;
  readonly requires: readonly K[];
  readonly capabilities: readonly Capability[];
  /** Know-MRI's declared cost (seconds per query on the authors' GPU), not a measurement. */
  readonly costSecondsPerQuery: number;
  readonly taxonomy: readonly string[];
  readonly params: z.ZodType<P, any>;
  /** Runs the method on a sample; absent for import-only methods (results come from `fromKnowMri`). */
  run?(sample: Sample<K>, model: ProbeModel, params: P, ctx: MethodContext): Promise<ProbeResult>;
}

/** A method definition of any name, keys and params. */
export type AnyMethodDef = MethodDef<string, any, any>;
/** The sample keys a method definition requires. */
export type RequiredKeys<D> = D extends MethodDef<string, infer K, any> ? K : never;
/** The params type of a method definition. */
export type ParamsOf<D> = D extends MethodDef<string, any, infer P> ? P : never;
