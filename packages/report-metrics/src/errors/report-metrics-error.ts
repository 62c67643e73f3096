import { ReasonkitError } from '@reasonkit/core';
import type { ReasonkitErrorCode, ReasonkitErrorDetails } from '@reasonkit/core';

/** What went wrong, finer than the core error code. */
export type ReportMetricsErrorKind =
  | 'NO_REFERENCE_NGRAMS'
  | 'INVALID_SAMPLE'
  | 'INVALID_INPUT'
  | 'LABEL_MISMATCH'
  | 'METEOR_JAVA_MISSING'
  | 'METEOR_PROCESS_EXITED'
  | 'METEOR_TIMEOUT'
  | 'METEOR_BAD_REPLY'
  | 'IMAGE_NOT_FOUND'
  | 'IMAGE_INVALID'
  | 'LABELER_FAILED';

/**
 * Errors of this package: a core `ReasonkitError` (stable `code`) with a finer `kind`. Input errors
 * name the file, line (or CSV record) and field in the message and in `details`.
 */
export class ReportMetricsError extends ReasonkitError {
  readonly kind: ReportMetricsErrorKind;

  constructor(
    kind: ReportMetricsErrorKind,
    message: string,
    details: ReasonkitErrorDetails = {},
    code: ReasonkitErrorCode = 'INVALID_ARGUMENT',
    options?: { cause?: unknown },
  ) {
    super(code, message, { ...details, kind }, options);
    this.kind = kind;
  }
}
