import { ReasonkitError, type ReasonkitErrorCode, type ReasonkitErrorDetails } from '@reasonkit/core';

/** What went wrong in a probe; distinct kinds give distinct messages. */
export type ProbeErrorKind =
  | 'missing-key'
  | 'invalid-sample'
  | 'empty-prompt'
  | 'subject-not-in-prompt'
  | 'layer-out-of-range'
  | 'missing-output'
  | 'missing-capability'
  | 'unknown-method'
  | 'unknown-site';

const CODES: Record<ProbeErrorKind, ReasonkitErrorCode> = {
  'missing-key': 'INVALID_ARGUMENT',
  'invalid-sample': 'INVALID_ARGUMENT',
  'empty-prompt': 'INVALID_ARGUMENT',
  'subject-not-in-prompt': 'INVALID_ARGUMENT',
  'layer-out-of-range': 'INVALID_ARGUMENT',
  'missing-output': 'UNKNOWN_OUTPUT',
  'missing-capability': 'MODEL_LAYOUT_UNSUPPORTED',
  'unknown-method': 'INVALID_ARGUMENT',
  'unknown-site': 'UNKNOWN_OUTPUT',
};

/**
 * A knowledge-probe error: a core `ReasonkitError` (code per kind) whose `kind` names the problem
 * and whose `details.field` / `details.tensor` name the sample key, parameter or graph tensor at
 * fault (planning-taxonomy's pattern).
 */
export class ProbeError extends ReasonkitError {
  readonly kind: ProbeErrorKind;

  constructor(kind: ProbeErrorKind, message: string, details: ReasonkitErrorDetails = {}) {
    super(CODES[kind], message, { ...details, kind });
    this.kind = kind;
  }

  /** True when `error` is a ProbeError, optionally of the given kind. */
  static isKind(error: unknown, kind?: ProbeErrorKind): error is ProbeError {
    return error instanceof ProbeError && (kind === undefined || error.kind === kind);
  }
}
