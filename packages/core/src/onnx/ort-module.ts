import { ReasonkitError } from '../errors/reasonkit-error.js';

/**
 * Structural types for the parts of `onnxruntime-node` / `onnxruntime-web` core uses. Core never
 * imports an ORT package from the browser-safe root: callers pass the module (or use
 * `@reasonkit/core/node` / `@reasonkit/core/web`, which bind one). Spec core §2.7, §4.1.
 */

/** ORT tensor element type names (onnxruntime-common `Tensor.Type`). */
export type OrtTensorType =
  | 'float32'
  | 'float16'
  | 'bfloat16'
  | 'float64'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string'
  | 'int4'
  | 'uint4';

export type OrtTensorData =
  | Float32Array
  | Float64Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

/** An ORT tensor instance (the fields core reads). */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
  /** Frees the tensor's data, when the runtime supports it. */
  dispose?(): void;
}

/** The ONNX Runtime `Tensor` constructor. */
export interface OrtTensorConstructor {
  new (type: string, data: unknown, dims?: readonly number[]): OrtTensor;
}

/** Metadata of one session input or output (ORT ≥ 1.21). */
export type OrtValueMetadata =
  | { readonly name: string; readonly isTensor: false }
  | { readonly name: string; readonly isTensor: true; readonly type: string; readonly shape: ReadonlyArray<number | string> };

/** The subset of an ONNX Runtime `InferenceSession` that reasonkit uses (node and web). */
export interface OrtInferenceSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtValueMetadata[];
  readonly outputMetadata?: readonly OrtValueMetadata[];
  /** Runs the model on `feeds` and returns the requested outputs. */
  run(feeds: Record<string, OrtTensor>, fetches?: readonly string[], options?: object): Promise<Record<string, OrtTensor>>;
  /** Releases the session. */
  release(): Promise<void>;
}

/** ORT session options core sets (all others pass through). */
export interface OrtSessionOptions {
  executionProviders?: readonly unknown[];
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'layout' | 'all';
  /** onnxruntime-web: external weights as `{ path, data }` (path as referenced by the model). */
  externalData?: readonly ({ path: string; data: Uint8Array | string } | string)[];
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  [key: string]: unknown;
}

/** Creates ONNX Runtime sessions (`InferenceSession` of onnxruntime-node or onnxruntime-web). */
export interface OrtInferenceSessionFactory {
  /** Creates a session from model bytes or a path. */
  create(model: Uint8Array | string, options?: OrtSessionOptions): Promise<OrtInferenceSession>;
}

/** The ONNX Runtime `env` settings reasonkit reads or sets. */
export interface OrtEnv {
  versions?: { common?: string; node?: string; web?: string };
  wasm?: { numThreads?: number; proxy?: boolean; wasmPaths?: unknown; [key: string]: unknown };
  logLevel?: string;
  [key: string]: unknown;
}

/** The ORT module shape: `import * as ort from 'onnxruntime-node' | 'onnxruntime-web'`. */
export interface OrtModule {
  Tensor: OrtTensorConstructor;
  InferenceSession: OrtInferenceSessionFactory;
  env: OrtEnv;
}

/** Which ORT flavour a module is: from `env.versions` (`node` or `web`), else `unknown`. */
export function ortFlavor(ort: OrtModule): 'node' | 'web' | 'unknown' {
  const v = ort.env?.versions;
  if (v?.node) return 'node';
  if (v?.web) return 'web';
  return 'unknown';
}

const GLOBAL_KEY = Symbol.for('onnxruntime');
let configured: OrtModule | undefined;

function isOrtModule(value: unknown): value is OrtModule {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<OrtModule>;
  return typeof m.Tensor === 'function' && typeof m.InferenceSession?.create === 'function' && typeof m.env === 'object';
}

/** Registers the ORT module `resolveOrt()` falls back to (after an explicit argument). */
export function setOrtRuntime(ort: OrtModule | undefined): void {
  if (ort !== undefined && !isOrtModule(ort)) {
    throw new ReasonkitError('INVALID_ARGUMENT', 'setOrtRuntime: expected an onnxruntime module (Tensor, InferenceSession, env)', {
      field: 'ort',
    });
  }
  configured = ort;
}

/**
 * The ORT module to use: an explicit `ort` wins, then `globalThis[Symbol.for('onnxruntime')]`
 * (transformers.js convention), then the module given to `setOrtRuntime`. Otherwise throws
 * `RUNTIME_UNAVAILABLE` pointing to `@reasonkit/core/node` and `@reasonkit/core/web`.
 */
export function resolveOrt(ort?: OrtModule): OrtModule {
  if (ort !== undefined) {
    if (!isOrtModule(ort)) {
      throw new ReasonkitError('INVALID_ARGUMENT', 'ort: expected an onnxruntime module (Tensor, InferenceSession, env)', {
        field: 'ort',
      });
    }
    return ort;
  }
  const fromGlobal = (globalThis as Record<symbol, unknown>)[GLOBAL_KEY];
  if (isOrtModule(fromGlobal)) return fromGlobal;
  if (configured) return configured;
  throw new ReasonkitError(
    'RUNTIME_UNAVAILABLE',
    'No ONNX Runtime module available: pass `ort`, call setOrtRuntime(ort), or use `@reasonkit/core/node` (onnxruntime-node) or `@reasonkit/core/web` (onnxruntime-web), which load one for you',
    { field: 'ort' },
  );
}
