import { ReasonkitError, type ReasonkitErrorCode, type ReasonkitErrorDetails } from '@reasonkit/core';

/**
 * What went wrong, finer than core's code (spec §11 names these as `ConfigError`, `RetrieverError`,
 * `ParseError`, `StoreConflictError`; we keep one class with a `kind`, as planning-taxonomy does).
 */
export type AslErrorKind = 'config' | 'retriever' | 'parse' | 'store-conflict' | 'export';

const CODES: Record<AslErrorKind, ReasonkitErrorCode> = {
  config: 'INVALID_ARGUMENT',
  retriever: 'NETWORK_ERROR',
  parse: 'PROTOCOL_ERROR',
  'store-conflict': 'CONFIG_INVALID',
  export: 'INVALID_ARGUMENT',
};

/** A `ReasonkitError` from this package; `details.field` / `details.record` name what was at fault. */
export class AslError extends ReasonkitError {
  readonly kind: AslErrorKind;

  constructor(kind: AslErrorKind, message: string, details: ReasonkitErrorDetails = {}, options?: { cause?: unknown; code?: ReasonkitErrorCode }) {
    super(options?.code ?? CODES[kind], message, { ...details, kind }, options);
    this.kind = kind;
  }
}
