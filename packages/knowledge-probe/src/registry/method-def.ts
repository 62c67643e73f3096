import type * as z from 'zod';
import type { Capability, ProbeModel } from '../model/probe-model.js';
import type { ProbeResult } from '../result/probe-result.js';
import type { InputKey, Sample } from './sample.js';

export interface MethodContext {
  signal?: AbortSignal;
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
  run?(sample: Sample<K>, model: ProbeModel, params: P, ctx: MethodContext): Promise<ProbeResult>;
}

export type AnyMethodDef = MethodDef<string, any, any>;
export type RequiredKeys<D> = D extends MethodDef<string, infer K, any> ? K : never;
export type ParamsOf<D> = D extends MethodDef<string, any, infer P> ? P : never;
