import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCKSWORLD_DOMAIN } from '../src/bench/blocksworld-domain.js';
import { domainsDir } from './shared-data.js';
import { PddlError, parseDomain, parseProblem, parsePlan, printDomain, printProblem } from '../src/pddl/index.js';

const read = (p: string) => readFileSync(join(domainsDir, p), 'utf8');

function expectPddlError(fn: () => unknown, kind: string, line: number, col: number, text: RegExp) {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PddlError);
  const pe = err as PddlError;
  expect({ kind: pe.kind, line: pe.line, col: pe.col }).toEqual({ kind, line, col });
  expect(pe.message).toMatch(new RegExp(`:${line}:${col}: `));
  expect(pe.message).toMatch(text);
}

describe('parseDomain / parseProblem', () => {
  it('round-trips every fixture (parse → print → parse is equal)', () => {
    const doms = [BLOCKSWORLD_DOMAIN, read('porter/domain.pddl'), read('courier/domain.pddl')];
    for (const text of doms) {
      const d = parseDomain(text);
      expect(parseDomain(printDomain(d))).toEqual(d);
    }
    for (const [dom, probs] of [
      ['porter', ['p1', 'p2', 'p3-unsolvable']],
      ['courier', ['p1', 'p2', 'p3-unsolvable']],
    ] as const) {
      const d = parseDomain(read(`${dom}/domain.pddl`));
      for (const p of probs) {
        const pr = parseProblem(read(`${dom}/${p}.pddl`), d);
        expect(parseProblem(printProblem(pr), d)).toEqual(pr);
      }
    }
  });

  it('reads types, constants, hierarchy, negative and equality literals', () => {
    const d = parseDomain(read('porter/domain.pddl'));
    expect(d.types).toEqual([
      { name: 'room', parent: 'object' },
      { name: 'item', parent: 'object' },
      { name: 'ball', parent: 'item' },
      { name: 'box', parent: 'item' },
      { name: 'gripper', parent: 'object' },
    ]);
    expect(d.constants).toEqual([
      { name: 'left', type: 'gripper' },
      { name: 'right', type: 'gripper' },
    ]);
    const move = d.actions[0]!;
    expect(move.precondition[2]).toEqual({ atom: { predicate: '=', args: ['?from', '?to'] }, negated: true });
  });

  it('upper-case input equals lower-case input', () => {
    const d = parseDomain(read('porter/domain.pddl'));
    const D = parseDomain(read('porter/domain-upper.pddl'));
    expect(D).toEqual(d);
    expect(parseProblem(read('porter/p1-upper.pddl'), D)).toEqual(parseProblem(read('porter/p1.pddl'), d));
  });

  const bw = parseDomain(BLOCKSWORLD_DOMAIN);
  const malformed: [string, () => unknown, string, number, number, RegExp][] = [
    ['empty file', () => parseDomain('  ; nothing\n'), 'empty', 1, 1, /empty domain file/],
    ['unclosed paren', () => parseDomain('(define (domain x)\n  (:predicates (p))\n'), 'syntax', 1, 1, /never closed/],
    ['extra close paren', () => parseDomain('(define (domain x))\n)'), 'syntax', 2, 1, /unexpected '\)'/],
    ['not define', () => parseDomain('(defin (domain x))'), 'syntax', 1, 2, /expected 'define'/],
    ['problem given as domain', () => parseDomain('(define (problem x))'), 'syntax', 1, 10, /expected a domain definition/],
    ['undeclared predicate', () => parseDomain('(define (domain x)\n (:predicates (p ?a))\n (:action go :parameters (?a) :precondition (q ?a) :effect (p ?a)))'), 'undeclared', 3, 46, /undeclared predicate 'q'/],
    ['arity mismatch', () => parseDomain('(define (domain x)\n (:predicates (p ?a))\n (:action go :parameters (?a) :precondition (p ?a ?a) :effect (p ?a)))'), 'arity', 3, 46, /takes 1 argument\(s\), got 2/],
    ['unbound variable', () => parseDomain('(define (domain x)\n (:predicates (p ?a))\n (:action go :parameters (?a) :precondition (p ?b) :effect (p ?a)))'), 'unbound-variable', 3, 48, /unbound variable '\?b'/],
    ['undeclared type', () => parseDomain('(define (domain x)\n (:types a)\n (:predicates (p ?a - bee)))'), 'undeclared', 3, 23, /undeclared type 'bee'/],
    ['duplicate predicate', () => parseDomain('(define (domain x)\n (:predicates (p) (p)))'), 'duplicate', 2, 20, /duplicate predicate 'p'/],
    ['or is unsupported', () => parseDomain('(define (domain x)\n (:predicates (p))\n (:action go :parameters () :precondition (or (p) (p)) :effect (p)))'), 'unsupported', 3, 44, /disjunctive preconditions \(or\)/],
    ['forall is unsupported', () => parseDomain('(define (domain x)\n (:predicates (p ?a))\n (:action go :parameters () :precondition () :effect (forall (?a) (p ?a))))'), 'unsupported', 3, 55, /universal quantifiers \(forall\)/],
    ['when is unsupported', () => parseDomain('(define (domain x)\n (:predicates (p))\n (:action go :parameters () :precondition () :effect (when (p) (p))))'), 'unsupported', 3, 55, /conditional effects \(when\)/],
    ['durative action', () => parseDomain('(define (domain x)\n (:durative-action go))'), 'unsupported', 2, 3, /durative actions/],
    ['either type', () => parseDomain('(define (domain x)\n (:types a b)\n (:predicates (p ?x - (either a b))))'), 'unsupported', 3, 24, /either types/],
    ['unknown object in problem', () => parseProblem('(define (problem p) (:domain blocksworld-4ops)\n (:objects a b)\n (:init (clear z))\n (:goal (clear a)))', bw), 'undeclared', 3, 16, /undeclared object or constant 'z'/],
    ['domain mismatch', () => parseProblem('(define (problem p)\n  (:domain logistics) (:objects a) (:init) (:goal (clear a)))', bw), 'domain-mismatch', 2, 12, /problem is for domain 'logistics' but the domain is 'blocksworld-4ops'/],
    ['goal arity', () => parseProblem('(define (problem p) (:domain blocksworld-4ops) (:objects a)\n (:init) (:goal (on a)))', bw), 'arity', 2, 18, /predicate 'on' takes 2/],
    ['missing goal', () => parseProblem('(define (problem p) (:domain blocksworld-4ops) (:objects a) (:init))', bw), 'syntax', 1, 18, /missing \(:goal/],
    ['negative init', () => parseProblem('(define (problem p) (:domain blocksworld-4ops) (:objects a)\n (:init (not (clear a))) (:goal (clear a)))', bw), 'syntax', 2, 10, /negative literals are not allowed in :init/],
  ];
  it.each(malformed)('%s gives a line:col error', (_name, fn, kind, line, col, text) => {
    expectPddlError(fn, kind, line, col, text);
  });

  it('undeclared names, arity and domain mismatch give distinct messages', () => {
    const kinds = new Set(malformed.map((m) => m[2]));
    expect(kinds).toEqual(new Set(['empty', 'syntax', 'undeclared', 'arity', 'unbound-variable', 'duplicate', 'unsupported', 'domain-mismatch']));
  });

  it('domain mismatch is waivable and warns', () => {
    const warnings: string[] = [];
    const p = parseProblem('(define (problem p) (:domain other) (:objects a) (:init) (:goal (clear a)))', bw, { allowDomainMismatch: true, onWarning: (w) => warnings.push(w) });
    expect(p.domain).toBe('other');
    expect(warnings[0]).toMatch(/domain 'other'/);
  });

  it('unsupported requirement flags warn, and error in strict mode', () => {
    const warnings: string[] = [];
    const text = '(define (domain x) (:requirements :strips :adl) (:predicates (p)))';
    parseDomain(text, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expectPddlError(() => parseDomain(text, { strict: true }), 'unsupported', 1, 43, /requirement :adl is not supported/);
  });
});

describe('parsePlan', () => {
  it('accepts numbering, durations, comments and bare lines in lenient mode', () => {
    const steps = parsePlan('; plan\n0: (Pick-Up a) [1]\n(stack a b)\nunstack c d\n\n(put-down c)(pick-up e)\n');
    expect(steps.map((s) => [s.name, ...s.args].join(' '))).toEqual(['pick-up a', 'stack a b', 'unstack c d', 'put-down c', 'pick-up e']);
    expect(steps[2]!.line).toBe(4);
  });
  it('rejects a line without parentheses in strict mode, naming the line', () => {
    expect(() => parsePlan('(pick-up a)\nstack a b\n', { strict: true })).toThrow(/<plan>:2:1: plan line 2 is not of the form/);
  });
  it('rejects unbalanced parentheses', () => {
    expect(() => parsePlan('(pick-up a\n')).toThrow(/unbalanced parentheses on plan line 1/);
  });
});
