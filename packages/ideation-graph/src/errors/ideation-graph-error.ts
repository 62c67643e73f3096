import { ReasonkitError, type ReasonkitErrorCode, type ReasonkitErrorDetails } from '@reasonkit/core';

/** What went wrong, finer than core's code (the spec's error names). */
export type IdeationGraphErrorKind =
  | 'EMBEDDING_MISMATCH'
  | 'EMBEDDING_INPUT'
  | 'NATIVE_MODULE_UNSUPPORTED'
  | 'STORE_SCHEMA_VERSION'
  | 'NODE_NOT_FOUND'
  | 'LITERATURE_UNAVAILABLE'
  | 'PG_URL_MISSING';

const CODES: Record<IdeationGraphErrorKind, ReasonkitErrorCode> = {
  EMBEDDING_MISMATCH: 'INVALID_ARGUMENT',
  EMBEDDING_INPUT: 'INVALID_ARGUMENT',
  NATIVE_MODULE_UNSUPPORTED: 'RUNTIME_UNAVAILABLE',
  STORE_SCHEMA_VERSION: 'CONFIG_INVALID',
  NODE_NOT_FOUND: 'INVALID_ARGUMENT',
  LITERATURE_UNAVAILABLE: 'NETWORK_ERROR',
  PG_URL_MISSING: 'CONFIG_INVALID',
};

/** A `ReasonkitError` with the package's own `kind` (planning-taxonomy's pattern). */
export class IdeationGraphError extends ReasonkitError {
  /** The package-specific error kind. */
  readonly kind: IdeationGraphErrorKind;
  constructor(kind: IdeationGraphErrorKind, message: string, details: ReasonkitErrorDetails = {}, options?: { cause?: unknown }) {
    super(CODES[kind], `${kind}: ${message}`, { ...details, kind }, options);
    this.kind = kind;
  }

  /** True when `error` is an `IdeationGraphError` of this kind. */
  static isKind(error: unknown, kind: IdeationGraphErrorKind): error is IdeationGraphError {
    return error instanceof IdeationGraphError && error.kind === kind;
  }
}
