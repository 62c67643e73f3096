/**
 * Every error core throws on purpose is a `ReasonkitError`: a stable `code` to branch on, and
 * `details` naming what was at fault (file, tensor, field, record) so messages can say exactly
 * what is wrong.
 */
export type ReasonkitErrorCode =
  | 'INVALID_ARGUMENT'
  | 'SHAPE_MISMATCH'
  | 'DTYPE_MISMATCH'
  | 'DTYPE_UNSUPPORTED'
  | 'CHECKPOINT_INVALID'
  | 'TOKENIZER_INVALID'
  | 'CONFIG_INVALID'
  | 'FILE_NOT_FOUND'
  | 'CONTEXT_OVERFLOW'
  | 'MODEL_LAYOUT_UNSUPPORTED'
  | 'MISSING_FEEDS'
  | 'UNKNOWN_OUTPUT'
  | 'POSITION_IDS_UNSUPPORTED'
  | 'CACHE_UNSUPPORTED'
  | 'ONNX_INVALID'
  | 'RUNTIME_UNAVAILABLE'
  | 'RUNTIME_ERROR'
  | 'ABORTED'
  | 'TIMEOUT'
  | 'HTTP_ERROR'
  | 'NETWORK_ERROR'
  | 'PROTOCOL_ERROR'
  | 'LOGPROBS_UNSUPPORTED'
  | 'OBJECT_GENERATION_FAILED'
  | 'FFMPEG_NOT_FOUND';

/** Structured details of a `ReasonkitError`: where the problem is (file, record, field) and what was expected. */
export interface ReasonkitErrorDetails {
  /** File path or URL at fault. */
  file?: string;
  /** Tensor name at fault. */
  tensor?: string;
  /** Field path at fault (e.g. `config.json: num_hidden_layers`, `messages.0.role`). */
  field?: string;
  /** Record identifier (line number, id) at fault. */
  record?: string | number;
  expected?: unknown;
  actual?: unknown;
  [key: string]: unknown;
}

/** Base class of every reasonkit error: a stable `code` plus structured details (file, record, field, expected, actual). */
export class ReasonkitError extends Error {
  override readonly name = 'ReasonkitError';
  readonly code: ReasonkitErrorCode;
  readonly details: ReasonkitErrorDetails;

  constructor(
    code: ReasonkitErrorCode,
    message: string,
    details: ReasonkitErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.details = details;
  }

  /** True when `error` is a ReasonkitError, optionally with the given code. */
  static is(error: unknown, code?: ReasonkitErrorCode): error is ReasonkitError {
    return error instanceof ReasonkitError && (code === undefined || error.code === code);
  }
}
