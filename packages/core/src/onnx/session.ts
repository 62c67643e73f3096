import { ReasonkitError } from '../errors/reasonkit-error.js';
import { type OrtInferenceSession, type OrtModule, type OrtSessionOptions, type OrtTensor, ortFlavor } from './ort-module.js';

/** Optional sink for non-fatal notices (extra feeds, …). Core never writes to the console itself. */
export interface SessionLogger {
  /** Logs a warning with optional details. */
  warn(message: string, details?: Record<string, unknown>): void;
}

/** Type and shape of one session input or output; `shape` holds numbers or symbolic names. */
export interface SessionValueInfo {
  name: string;
  isTensor: boolean;
  /** ORT type name (`float32`, `int64`, `bfloat16`, …); undefined for non-tensors or old ORT. */
  dtype?: string;
  shape?: readonly (number | string)[];
}

/** Options for creating an ONNX Runtime inference session. */
export interface CreateSessionOptions {
  sessionOptions?: OrtSessionOptions;
  logger?: SessionLogger;
  /** Name used in error messages (the model file). Default `model.onnx`. */
  fileName?: string;
  /**
   * Chain `run` calls on one promise per session. Default: on for onnxruntime-web (parallel runs
   * fail with "Session already started", spec core §4.1), off for onnxruntime-node.
   */
  serialize?: boolean;
}

// onnxruntime-web: chain session creation per ORT module, too.
const creationChains = new WeakMap<object, Promise<unknown>>();

function describeFeeds(feeds: Record<string, OrtTensor>): string {
  return Object.entries(feeds)
    .map(([name, t]) => `${name}: ${t.type} [${t.dims.join(', ')}]`)
    .join('; ');
}

function metadataOf(list: readonly string[], meta: OrtInferenceSession['inputMetadata']): SessionValueInfo[] {
  return list.map((name, i) => {
    const m = meta?.find((x) => x.name === name) ?? meta?.[i];
    if (!m || m.name !== name) return { name, isTensor: true };
    if (!m.isTensor) return { name, isTensor: false };
    return { name, isTensor: true, dtype: m.type, shape: [...m.shape] };
  });
}

/**
 * A checked ONNX Runtime session: every declared input must be fed (all missing names are listed
 * at once), extra feeds are reported to the logger and dropped, unknown fetches are rejected, and a
 * failing run is rethrown with each input's name, dtype and dims. Spec core §4.4.
 */
export class OnnxSession {
  readonly fileName: string;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputs: readonly SessionValueInfo[];
  readonly outputs: readonly SessionValueInfo[];
  readonly ort: OrtModule;
  readonly #session: OrtInferenceSession;
  readonly #logger: SessionLogger | undefined;
  readonly #serialize: boolean;
  readonly #declared: ReadonlySet<string>;
  readonly #outputSet: ReadonlySet<string>;
  #chain: Promise<unknown> = Promise.resolve();
  #released = false;

  private constructor(ort: OrtModule, session: OrtInferenceSession, options: CreateSessionOptions) {
    this.ort = ort;
    this.#session = session;
    this.fileName = options.fileName ?? 'model.onnx';
    this.#logger = options.logger;
    this.#serialize = options.serialize ?? ortFlavor(ort) === 'web';
    this.inputNames = [...session.inputNames];
    this.outputNames = [...session.outputNames];
    this.inputs = metadataOf(session.inputNames, session.inputMetadata);
    this.outputs = metadataOf(session.outputNames, session.outputMetadata);
    this.#declared = new Set(this.inputNames);
    this.#outputSet = new Set(this.outputNames);
  }

  /** Creates a session from model bytes (or a file path, onnxruntime-node only). */
  static async create(ort: OrtModule, model: Uint8Array | string, options: CreateSessionOptions = {}): Promise<OnnxSession> {
    const fileName = options.fileName ?? (typeof model === 'string' ? model : 'model.onnx');
    const serialize = options.serialize ?? ortFlavor(ort) === 'web';
    const create = async (): Promise<OrtInferenceSession> => {
      try {
        return await ort.InferenceSession.create(model, options.sessionOptions);
      } catch (error) {
        throw new ReasonkitError(
          'ONNX_INVALID',
          `${fileName}: ONNX Runtime could not create a session: ${(error as Error)?.message ?? String(error)}`,
          { file: fileName },
          { cause: error },
        );
      }
    };
    let session: OrtInferenceSession;
    if (serialize) {
      const previous = creationChains.get(ort) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(create);
      creationChains.set(ort, next);
      session = await next;
    } else {
      session = await create();
    }
    return new OnnxSession(ort, session, { ...options, fileName });
  }

  /** Metadata of an input by name, if declared. */
  input(name: string): SessionValueInfo | undefined {
    return this.inputs.find((i) => i.name === name);
  }

  /** Metadata of an output by name, if declared. */
  output(name: string): SessionValueInfo | undefined {
    return this.outputs.find((o) => o.name === name);
  }

  /**
   * Runs the session. `fetches` restricts the outputs (default: all). Throws `MISSING_FEEDS`
   * naming every missing input, `UNKNOWN_OUTPUT` for an undeclared fetch, `RUNTIME_ERROR` when ORT
   * fails (with the fed tensors' names, dtypes and dims), `ABORTED` if `signal` fired before the run.
   */
  run(feeds: Record<string, OrtTensor>, fetches?: readonly string[], signal?: AbortSignal): Promise<Record<string, OrtTensor>> {
    if (this.#released) {
      return Promise.reject(new ReasonkitError('RUNTIME_ERROR', `${this.fileName}: session was released`, { file: this.fileName }));
    }
    // Per-step checks without per-step allocation on the happy path (decode loops call this per token).
    let missingCount = 0;
    for (const n of this.inputNames) if (!(n in feeds)) missingCount++;
    if (missingCount > 0) {
      const missing = this.inputNames.filter((n) => !(n in feeds));
      return Promise.reject(
        new ReasonkitError('MISSING_FEEDS', `${this.fileName}: missing inputs ${missing.join(', ')}`, {
          file: this.fileName,
          tensor: missing[0],
          missing,
        }),
      );
    }
    let used = feeds;
    let fedCount = 0;
    for (const n in feeds) if (Object.prototype.hasOwnProperty.call(feeds, n)) fedCount++;
    if (fedCount !== this.inputNames.length) {
      const extra = Object.keys(feeds).filter((n) => !this.#declared.has(n));
      this.#logger?.warn(`${this.fileName}: ignoring inputs the model does not declare: ${extra.join(', ')}`, {
        file: this.fileName,
        extra,
      });
      used = {};
      for (const n of this.inputNames) used[n] = feeds[n]!;
    }
    if (fetches) {
      let unknownCount = 0;
      for (const f of fetches) if (!this.#outputSet.has(f)) unknownCount++;
      if (unknownCount > 0) {
        const unknown = fetches.filter((f) => !this.#outputSet.has(f));
        return Promise.reject(
          new ReasonkitError(
            'UNKNOWN_OUTPUT',
            `${this.fileName}: unknown outputs ${unknown.join(', ')}; available: ${this.outputNames.join(', ')}`,
            { file: this.fileName, tensor: unknown[0], unknown, available: [...this.outputNames] },
          ),
        );
      }
    }
    if (!this.#serialize) return this.#runNow(used, fetches, signal);
    const result = this.#chain.catch(() => undefined).then(() => this.#runNow(used, fetches, signal));
    this.#chain = result;
    return result;
  }

  // A method rather than a closure per run (decode loops call `run` per token).
  async #runNow(used: Record<string, OrtTensor>, fetches: readonly string[] | undefined, signal: AbortSignal | undefined): Promise<Record<string, OrtTensor>> {
    if (signal?.aborted) {
      throw new ReasonkitError('ABORTED', `${this.fileName}: run aborted`, { file: this.fileName }, { cause: signal.reason });
    }
    try {
      return await this.#session.run(used, fetches);
    } catch (error) {
      throw new ReasonkitError(
        'RUNTIME_ERROR',
        `${this.fileName}: ONNX Runtime run failed: ${(error as Error)?.message ?? String(error)}. Inputs: ${describeFeeds(used)}`,
        {
          file: this.fileName,
          inputs: Object.entries(used).map(([name, t]) => ({ name, dtype: t.type, dims: [...t.dims] })),
        },
        { cause: error },
      );
    }
  }

  /** Releases the native session (idempotent); later runs fail. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await this.#chain.catch(() => undefined);
    await this.#session.release();
  }
}
