import { parseOptions, ReasonkitError, type ReasonkitErrorCode, type ReasonkitErrorDetails } from '@reasonkit/core';

/** What went wrong, finer than the core error code; each kind maps to one exported error class. */
export type UnlearningErrorKind =
  | 'reward-row'
  | 'rouge-empty'
  | 'missing-reference-logs'
  | 'detector-input-too-long'
  | 'invalid-options'
  | 'synthesis';

/** Base class of every error this package throws on purpose (a core `ReasonkitError` with a `kind`). */
export class UnlearningError extends ReasonkitError {
  readonly kind: UnlearningErrorKind;
  constructor(kind: UnlearningErrorKind, code: ReasonkitErrorCode, message: string, details: ReasonkitErrorDetails = {}, options?: { cause?: unknown }) {
    super(code, message, { ...details, kind }, options);
    this.kind = kind;
  }
}

/** A reward row or completion is malformed; `details.record` is the row id/index, `details.field` the field. */
export class RewardRowError extends UnlearningError {
  constructor(message: string, details: { record?: string | number; field?: string; actual?: unknown } = {}) {
    const where = [details.record !== undefined ? `row ${String(details.record)}` : undefined, details.field ? `field '${details.field}'` : undefined]
      .filter(Boolean)
      .join(', ');
    super('reward-row', 'INVALID_ARGUMENT', where ? `${where}: ${message}` : message, details);
  }
}

/** pltrdy ROUGE got a hypothesis or reference with no sentence (`""`, `"."`, `".."`): the Python package raises here. */
export class RougeEmptyError extends UnlearningError {
  constructor(which: 'hypothesis' | 'reference') {
    super('rouge-empty', 'INVALID_ARGUMENT', `ROUGE-L: the ${which} has no sentence after splitting on "." (pltrdy rouge raises "Collections must contain at least 1 sentence")`, { field: which });
  }
}

/** A metric needs reference-model logs (TOFU forget quality) or a reference AUC (MUSE privleak) that were not given. */
export class MissingReferenceLogsError extends UnlearningError {
  constructor(metric: string, field: string) {
    super('missing-reference-logs', 'INVALID_ARGUMENT', `${metric} needs '${field}' (reference/retain-model values); it is undefined without them`, { field });
  }
}

/** A detector input is longer than `maxChars` and `onTooLong` is `'throw'`. */
export class DetectorInputTooLongError extends UnlearningError {
  constructor(length: number, maxChars: number, record?: string | number) {
    super('detector-input-too-long', 'INVALID_ARGUMENT', `detector input${record !== undefined ? ` (row ${String(record)})` : ''} has ${length} chars, more than maxChars ${maxChars} (the RULE regex is quadratic on long input)`, {
      field: 'text',
      record,
      actual: length,
      expected: maxChars,
    });
  }
}

/** Options failed validation; the message names the option. */
export class InvalidOptionsError extends UnlearningError {
  constructor(message: string, field?: string) {
    super('invalid-options', 'INVALID_ARGUMENT', message, { field });
  }
}

/**
 * Validates options with core's `parseOptions`; a failure is rethrown as `InvalidOptionsError`
 * (same message, naming every bad option) so callers can catch this package's error class.
 */
export function parseUnlearningOptions<S extends import('zod').ZodType>(schema: S, options: unknown, what: string): import('zod').output<S> {
  try {
    return parseOptions(schema, options, `${what} options`);
  } catch (error) {
    if (!(error instanceof ReasonkitError)) throw error;
    const field = typeof error.details.field === 'string' ? error.details.field.split('.')[0] : undefined;
    throw new InvalidOptionsError(error.message, field);
  }
}
