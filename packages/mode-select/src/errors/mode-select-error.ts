import { ReasonkitError, type ReasonkitErrorCode, type ReasonkitErrorDetails } from '@reasonkit/core';

/**
 * What went wrong in mode-select (planning-taxonomy's pattern: a `ReasonkitError` subclass with
 * its own `kind`):
 * - `capability`: a selector or policy needs something its dependencies do not provide (spec §5.3);
 * - `format`: a think format or fake thought does not fit the model (e.g. close tag not in the vocabulary);
 * - `trace`: a malformed trace record (names file, line and field);
 * - `registry`: unknown or duplicate selector id;
 * - `config`: invalid options.
 */
export type ModeSelectErrorKind = 'capability' | 'format' | 'trace' | 'registry' | 'config';

/** Error of mode-select, with a `kind` (capability, format, trace, registry or config). */
export class ModeSelectError extends ReasonkitError {
  readonly kind: ModeSelectErrorKind;

  constructor(kind: ModeSelectErrorKind, message: string, details: ReasonkitErrorDetails = {}, code: ReasonkitErrorCode = 'INVALID_ARGUMENT') {
    super(code, message, { ...details, kind });
    this.kind = kind;
  }

  /** True when `error` is a `ModeSelectError` of the given `kind`. */
  static isKind(error: unknown, kind: ModeSelectErrorKind): error is ModeSelectError {
    return error instanceof ModeSelectError && error.kind === kind;
  }
}

/**
 * The spec's `CapabilityError`: thrown before any model call when a selector's `needs` are not met.
 * `details.selector` and `details.missing` name what is missing.
 */
export class CapabilityError extends ModeSelectError {
  readonly selector: string;
  readonly missing: readonly string[];

  constructor(selector: string, missing: readonly string[], hint: string) {
    super('capability', `${selector} needs ${missing.map((m) => `\`${m}\``).join(', ')}: ${hint}`, { selector, missing: [...missing], field: 'deps' });
    this.selector = selector;
    this.missing = missing;
  }
}
