import { ReasonkitError, type ReasonkitErrorCode, type ReasonkitErrorDetails } from '@reasonkit/core';

/** What went wrong, for branching without parsing messages. */
export type KvSparseErrorKind =
  | 'invalid-ratio'
  | 'invalid-budget'
  | 'geometry'
  | 'non-finite'
  | 'window'
  | 'layout'
  | 'cache-mismatch'
  | 'config';

const CODES: Record<KvSparseErrorKind, ReasonkitErrorCode> = {
  'invalid-ratio': 'INVALID_ARGUMENT',
  'invalid-budget': 'INVALID_ARGUMENT',
  geometry: 'SHAPE_MISMATCH',
  'non-finite': 'INVALID_ARGUMENT',
  window: 'INVALID_ARGUMENT',
  layout: 'MODEL_LAYOUT_UNSUPPORTED',
  'cache-mismatch': 'CACHE_UNSUPPORTED',
  config: 'INVALID_ARGUMENT',
};

/**
 * Every error kv-sparse throws on purpose: a {@link ReasonkitError} with core's code (see
 * `CODES`) plus a `kind` naming the kv-sparse failure, and `details` with the offending field
 * and value.
 */
export class KvSparseError extends ReasonkitError {
  readonly kind: KvSparseErrorKind;

  constructor(kind: KvSparseErrorKind, message: string, details: ReasonkitErrorDetails = {}) {
    super(CODES[kind], message, { ...details, kind });
    this.kind = kind;
  }
}

/** Throws `invalid-ratio` unless `0 ≤ r < 1`. */
export function checkRatio(r: number, field: string): void {
  if (!(Number.isFinite(r) && r >= 0 && r < 1)) {
    throw new KvSparseError('invalid-ratio', `${field} is ${r}; a compression ratio must be in [0, 1)`, { field, actual: r, expected: '[0, 1)' });
  }
}

/** Throws `non-finite` naming the first NaN/Infinity in `data`. */
export function checkFinite(data: ArrayLike<number>, field: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) {
      throw new KvSparseError('non-finite', `${field}[${i}] is ${v}; keys, values and queries must be finite`, { field: `${field}[${i}]`, actual: v });
    }
  }
}
