import { ReasonkitError, type ReasonkitErrorDetails } from '@reasonkit/core';

/** What went wrong, finer than the core error code. */
export type PrmBenchErrorKind =
  | 'invalid-record'
  | 'invalid-json'
  | 'missing-path'
  | 'no-data-files'
  | 'missing-results'
  | 'scorer-mismatch'
  | 'unknown-item'
  | 'duplicate-prediction'
  | 'corrupt-cache'
  | 'invalid-options';

/**
 * Errors of this package: a core `ReasonkitError` (code `INVALID_ARGUMENT`, or `FILE_NOT_FOUND`
 * for a missing path) with a `kind`. Messages start with `file:line:` when a file line is at fault
 * and name the field, so a user can find the bad record.
 */
export class PrmBenchError extends ReasonkitError {
  readonly kind: PrmBenchErrorKind;

  constructor(kind: PrmBenchErrorKind, message: string, details: ReasonkitErrorDetails = {}, options?: { cause?: unknown }) {
    super(kind === 'missing-path' ? 'FILE_NOT_FOUND' : 'INVALID_ARGUMENT', message, { kind, ...details }, options);
    this.kind = kind;
  }
}

/** `file:line: ` prefix (either part may be absent). */
export function where(file: string | undefined, line: number | undefined): string {
  if (file === undefined && line === undefined) return '';
  return `${file ?? '<input>'}${line !== undefined ? `:${line}` : ''}: `;
}
