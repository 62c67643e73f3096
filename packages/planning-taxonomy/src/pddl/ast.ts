/**
 * PDDL abstract syntax (STRIPS + typing + negative preconditions + equality + constant action
 * costs). Names are lower-case; variables keep their `?`. Plain data: parse → print → parse
 * gives a deep-equal value.
 */
export interface TypedName {
  name: string;
  type: string;
}

/** A PDDL type declaration (a type and its parent). */
export interface TypeDecl {
  name: string;
  parent: string;
}

/** A PDDL predicate declaration. */
export interface PredicateDecl {
  name: string;
  parameters: TypedName[];
}

/** `predicate` is `=` for equality. `args` are object names or `?variables`. */
export interface Atom {
  predicate: string;
  args: string[];
}

/** A PDDL literal: a predicate with arguments, possibly negated. */
export interface Literal {
  atom: Atom;
  negated: boolean;
}

/** A PDDL action schema: parameters, precondition and effects. */
export interface ActionSchema {
  name: string;
  parameters: TypedName[];
  /** Conjunction of literals (a single literal or `(and ...)` in the source). */
  precondition: Literal[];
  /** Effects in source order: positive = add, negated = delete. */
  effect: Literal[];
  /** `(increase (total-cost) N)`; undefined when the action has no cost effect (cost 1). */
  cost?: number;
}

/** A parsed PDDL domain. */
export interface Domain {
  name: string;
  requirements: string[];
  types: TypeDecl[];
  constants: TypedName[];
  predicates: PredicateDecl[];
  /** Declared functions; only `total-cost` is supported. */
  functions: string[];
  actions: ActionSchema[];
}

/** A parsed PDDL problem. */
export interface Problem {
  name: string;
  domain: string;
  objects: TypedName[];
  init: Atom[];
  goal: Literal[];
  /** `(:metric minimize (total-cost))` when present. */
  metric?: 'minimize-total-cost';
}

/** The root PDDL type, `object`. */
export const ROOT_TYPE = 'object';

/** Canonical text of a ground atom, e.g. `(on a b)`. */
export function atomKey(a: Atom): string {
  return a.args.length === 0 ? `(${a.predicate})` : `(${a.predicate} ${a.args.join(' ')})`;
}

/** A literal as PDDL text. */
export function literalText(l: Literal): string {
  return l.negated ? `(not ${atomKey(l.atom)})` : atomKey(l.atom);
}
