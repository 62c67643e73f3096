import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { cast } from '../tensor/cast.js';
import { fromOrt, toOrt } from '../tensor/ort-convert.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import type { EncodedBatch } from '../tokenizer/encode-batch.js';
import { parseOptions } from '../validation/parse-options.js';
import { batchFeeds, type BatchFeedsOptions } from './batch-feeds.js';
import { type OrtModule, type OrtSessionOptions, ortFlavor, resolveOrt } from './ort-module.js';
import { OnnxSession, type SessionLogger, type SessionValueInfo } from './session.js';

/** zod schema of `OnnxModelOptions`: validates it and applies its defaults. */
export const OnnxModelOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** ORT module; default `resolveOrt()` (global, then `setOrtRuntime`). Ignored with `session`. */
  ort: z.custom<OrtModule>((v) => typeof v === 'object' && v !== null).optional(),
  /** Model bytes, or a file path (onnxruntime-node only; lets ORT find `.onnx_data` beside it). */
  model: z.union([z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array'), z.string()]).optional(),
  /** An already created session (then `ort`, `model`, `sessionOptions`, `threads` are not used). */
  session: z.custom<OnnxSession>((v) => v instanceof OnnxSession, 'expected an OnnxSession').optional(),
  sessionOptions: z.custom<OrtSessionOptions>((v) => typeof v === 'object' && v !== null).optional(),
  /**
   * Threads: `intraOpNumThreads` (onnxruntime-node) or `env.wasm.numThreads` (onnxruntime-web,
   * process-wide, effective before the first session). Default: ORT's own default; tests use 1.
   */
  threads: z.number().int().positive().optional(),
  /** Model file name for messages. Default `model.onnx` (or the path). */
  fileName: z.string().optional(),
  logger: z.custom<SessionLogger>((v) => typeof v === 'object' && v !== null).optional(),
  /**
   * Convert float16 outputs to float32 (as the decoder does for logits). Default true [our
   * choice: every core op takes float32]; false returns them as float16 bits.
   */
  float32Outputs: z.boolean().default(true),
}));
/** Input accepted by `OnnxModelOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type OnnxModelOptions = z.input<typeof OnnxModelOptionsSchema>;

/** Options of {@link OnnxModel.run}. */
export interface OnnxModelRunOptions {
  /** Outputs to compute; default all. An unknown name throws `UNKNOWN_OUTPUT` listing the available ones. */
  outputs?: readonly string[];
  signal?: AbortSignal;
}

const FLOATS: readonly string[] = ['float32', 'float16'];
const INTS: readonly string[] = ['int64', 'int32', 'int8', 'uint8'];

/** The dtype to feed `t` as for an input declared `want`: floats convert among floats, integers among integers. */
function feedDtype(name: string, t: Tensor, want: string | undefined, file: string): DType {
  if (want === undefined || want === t.dtype) return t.dtype;
  const fits = (FLOATS.includes(want) && FLOATS.includes(t.dtype)) || (INTS.includes(want) && INTS.includes(t.dtype));
  if (!fits) {
    throw new ReasonkitError('DTYPE_MISMATCH', `${file}: input ${name} is ${want} but was fed ${t.dtype}`, {
      file,
      tensor: name,
      expected: want,
      actual: t.dtype,
    });
  }
  return want as DType;
}

/** Checks the fed dims against the declared shape (rank, and every fixed dim). */
function checkShape(name: string, dims: readonly number[], info: SessionValueInfo, file: string): void {
  const shape = info.shape;
  if (!shape) return;
  const bad = dims.length !== shape.length || shape.some((d, i) => typeof d === 'number' && d >= 0 && d !== dims[i]);
  if (bad) {
    throw new ReasonkitError('SHAPE_MISMATCH', `${file}: input ${name} is declared [${shape.join(', ')}] but was fed [${dims.join(', ')}]`, {
      file,
      tensor: name,
      expected: [...shape],
      actual: [...dims],
    });
  }
}

/**
 * A model over one ONNX Runtime session for graphs that are not decoders: encoders, sequence and
 * step classifiers, sentence embedders, LM-head scorers over the whole input. Inputs and outputs
 * are named by the session metadata; any batch size the graph allows. `run` checks feeds (missing
 * inputs `MISSING_FEEDS`, undeclared ones `INVALID_ARGUMENT`, wrong dtype `DTYPE_MISMATCH`,
 * wrong rank or fixed dim `SHAPE_MISMATCH`, all naming the input), converts float32↔float16 and
 * between integer widths where the graph wants another, and returns core tensors (float16
 * outputs as float32 unless `float32Outputs: false`).
 */
export class OnnxModel {
  readonly session: OnnxSession;
  readonly inputs: readonly SessionValueInfo[];
  readonly outputs: readonly SessionValueInfo[];
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly #float32Outputs: boolean;
  #disposed = false;

  private constructor(session: OnnxSession, float32Outputs: boolean) {
    this.session = session;
    this.inputs = session.inputs;
    this.outputs = session.outputs;
    this.inputNames = session.inputNames;
    this.outputNames = session.outputNames;
    this.#float32Outputs = float32Outputs;
  }

  /** Creates an ONNX session for the model in `options`. */
  static async create(options: OnnxModelOptions): Promise<OnnxModel> {
    const o = parseOptions(OnnxModelOptionsSchema, options, 'createOnnxModel options');
    if (o.session) return new OnnxModel(o.session, o.float32Outputs);
    if (o.model === undefined) {
      throw new ReasonkitError('INVALID_ARGUMENT', 'createOnnxModel options: give `model` (bytes or path) or `session`', { field: 'model' });
    }
    const ort = resolveOrt(o.ort);
    const sessionOptions: OrtSessionOptions = { ...o.sessionOptions };
    if (o.threads !== undefined) {
      if (ortFlavor(ort) === 'web') {
        if (ort.env.wasm) ort.env.wasm.numThreads = o.threads;
      } else sessionOptions.intraOpNumThreads = o.threads;
    }
    const session = await OnnxSession.create(ort, o.model, {
      sessionOptions,
      ...(o.fileName !== undefined ? { fileName: o.fileName } : {}),
      ...(o.logger ? { logger: o.logger } : {}),
    });
    return new OnnxModel(session, o.float32Outputs);
  }

  /** Metadata of an input by name, if declared. */
  input(name: string): SessionValueInfo | undefined {
    return this.session.input(name);
  }

  /** Metadata of an output by name, if declared. */
  output(name: string): SessionValueInfo | undefined {
    return this.session.output(name);
  }

  /**
   * The graph's feeds for a tokenizer batch: `input_ids`, `attention_mask`, `token_type_ids`
   * and `position_ids` where the graph declares them, in the dtype it declares. See
   * {@link batchFeeds}.
   */
  feedsFor(batch: EncodedBatch, options: BatchFeedsOptions = {}): Record<string, Tensor> {
    return batchFeeds(batch, this.inputs, { fileName: this.session.fileName, ...options });
  }

  /** Runs the graph on core tensors and returns the requested outputs as core tensors. */
  async run(feeds: Readonly<Record<string, Tensor>>, options: OnnxModelRunOptions = {}): Promise<Record<string, Tensor>> {
    const file = this.session.fileName;
    if (this.#disposed) throw new ReasonkitError('RUNTIME_ERROR', `${file}: model was disposed`, { file });
    if (options.signal?.aborted) throw new ReasonkitError('ABORTED', `${file}: run aborted`, { file }, { cause: options.signal.reason });
    const missing = this.inputNames.filter((n) => feeds[n] === undefined);
    if (missing.length > 0) {
      throw new ReasonkitError('MISSING_FEEDS', `${file}: missing inputs ${missing.join(', ')} (the graph takes ${this.inputNames.join(', ')})`, {
        file,
        tensor: missing[0],
        missing,
      });
    }
    const extra = Object.keys(feeds).filter((n) => !this.inputNames.includes(n));
    if (extra.length > 0) {
      throw new ReasonkitError('INVALID_ARGUMENT', `${file}: the graph has no input ${extra.join(', ')} (it takes ${this.inputNames.join(', ')})`, {
        file,
        tensor: extra[0],
        extra,
      });
    }
    const ort = this.session.ort;
    const ortFeeds: Record<string, ReturnType<typeof toOrt>> = {};
    for (const info of this.inputs) {
      const t = feeds[info.name]!;
      checkShape(info.name, t.dims, info, file);
      const dtype = feedDtype(info.name, t, info.dtype, file);
      ortFeeds[info.name] = toOrt(dtype === t.dtype ? t : cast(t, dtype, info.name), ort, info.name);
    }
    const fetches = options.outputs ?? this.outputNames;
    const out = await this.session.run(ortFeeds, fetches, options.signal);
    const result: Record<string, Tensor> = {};
    for (const name of fetches) {
      const t = fromOrt(out[name]!, name);
      result[name] = this.#float32Outputs && t.dtype === 'float16' ? cast(t, 'float32', name) : t;
    }
    return result;
  }

  /** Releases the session (idempotent); later runs fail. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.session.release();
  }
}

/** Creates an {@link OnnxModel} from model bytes (or a path on onnxruntime-node) or an existing session. */
export function createOnnxModel(options: OnnxModelOptions): Promise<OnnxModel> {
  return OnnxModel.create(options);
}
