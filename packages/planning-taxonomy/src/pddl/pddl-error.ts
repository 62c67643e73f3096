import { ReasonkitError } from '@reasonkit/core';

/** What kind of PDDL problem an error reports; distinct kinds give distinct messages. */
export type PddlErrorKind =
  | 'syntax'
  | 'unsupported'
  | 'undeclared'
  | 'arity'
  | 'duplicate'
  | 'unbound-variable'
  | 'domain-mismatch'
  | 'type'
  | 'empty'
  | 'plan-syntax';

/**
 * A PDDL parse or check error. The message starts with `file:line:col:` (1-based) so editors
 * can jump to it; `line`, `col` and `kind` are also fields for programmatic use.
 */
export class PddlError extends ReasonkitError {
  readonly kind: PddlErrorKind;
  readonly line: number;
  readonly col: number;

  constructor(kind: PddlErrorKind, message: string, pos: { line: number; col: number }, file = '<input>') {
    super('INVALID_ARGUMENT', `${file}:${pos.line}:${pos.col}: ${message}`, {
      file,
      record: `${pos.line}:${pos.col}`,
      kind,
      line: pos.line,
      col: pos.col,
    });
    this.kind = kind;
    this.line = pos.line;
    this.col = pos.col;
  }
}
