import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bwDomain, bwTask } from './blocksworld-helpers.js';
import { generateBlocksworldInstance } from '../src/bench/blocksworld-generator.js';
import { ground, parseDomain, parseProblem } from '../src/pddl/index.js';
import { apply, has, isApplicable, isGoal } from '../src/pddl/state.js';
import type { GroundAction } from '../src/pddl/ground.js';
import { createRng, shuffle } from '../src/random/rng.js';
import { bfs } from '../src/search/index.js';
import { renderFeedback, validatePlan } from '../src/validate/index.js';

const sussman = bwTask([['a', 'c'], ['b']], [['a', 'b'], ['b', 'c']]).problem;
const lines = (s: string) => s.split(',').map((x) => `(${x.trim()})`).join('\n');

describe('G2 — Sussman validator', () => {
  it('precondition failure at step 4 (clear b)', () => {
    const r = validatePlan(bwDomain, sussman, lines('unstack c a, put-down c, pick-up a, stack a b, pick-up b, stack b c'));
    expect(r).toMatchObject({ valid: false, status: 'precondition', failedStep: 4, executablePrefix: 4, goalSatisfied: 0.5 });
    expect(r.unmetPreconditions).toEqual([{ atom: { predicate: 'clear', args: ['b'] }, negated: false }]);
    expect(renderFeedback(r)).toBe('The plan is invalid.\nStep 5 ((pick-up b)) cannot be executed.\nUnmet preconditions: (clear b).');
  });
  it('goal failure', () => {
    const r = validatePlan(bwDomain, sussman, lines('unstack c a, put-down c, pick-up b, stack b c'));
    expect(r).toMatchObject({ status: 'goal', executablePrefix: 4, goalSatisfied: 0.5 });
    expect(r.unmetGoals).toEqual([{ atom: { predicate: 'on', args: ['a', 'b'] }, negated: false }]);
    expect(renderFeedback(r)).toMatch(/Unmet goals: \(on a b\)/);
  });
  it('precondition failure at step 0', () => {
    const r = validatePlan(bwDomain, sussman, '(pick-up a)');
    expect(r).toMatchObject({ status: 'precondition', failedStep: 0, executablePrefix: 0 });
    expect(r.unmetPreconditions).toEqual([{ atom: { predicate: 'clear', args: ['a'] }, negated: false }]);
  });
  it('valid plan, cost 6', () => {
    const r = validatePlan(bwDomain, sussman, lines('unstack c a, put-down c, pick-up b, stack b c, pick-up a, stack a b'));
    expect(r).toMatchObject({ valid: true, status: 'valid', cost: 6, executablePrefix: 6, goalSatisfied: 1 });
  });
  it('structural errors: unknown action, arity, unknown object, parse error', () => {
    expect(validatePlan(bwDomain, sussman, '(unstack c a)\n(fly c)')).toMatchObject({ status: 'unknown-action', failedStep: 1, executablePrefix: 1 });
    expect(validatePlan(bwDomain, sussman, '(unstack c)')).toMatchObject({ status: 'arity', failedStep: 0 });
    expect(validatePlan(bwDomain, sussman, '(pick-up z)')).toMatchObject({ status: 'unknown-object', failedStep: 0 });
    expect(validatePlan(bwDomain, sussman, 'unstack c a', { strict: true })).toMatchObject({ status: 'parse-error' });
  });
  it('a later unknown action is reported before an earlier inapplicable step (as VAL)', () => {
    // step 1 (pick-up a) is not applicable in the Sussman anomaly (c is on a); step 2 is unknown.
    const r = validatePlan(bwDomain, sussman, '(pick-up a)\n(fly c)');
    expect(r).toMatchObject({ valid: false, status: 'unknown-action', failedStep: 1, failedAction: '(fly c)', executablePrefix: 0 });
    expect(r.unmetPreconditions).toBeUndefined();
    // likewise arity and unknown objects after an inapplicable step
    expect(validatePlan(bwDomain, sussman, '(pick-up a)\n(put-down z)')).toMatchObject({ status: 'unknown-object', failedStep: 1, executablePrefix: 0 });
    expect(validatePlan(bwDomain, sussman, '(unstack c a)\n(pick-up a)\n(stack a)')).toMatchObject({ status: 'arity', failedStep: 2, executablePrefix: 1 });
  });
  it('empty plan is valid iff the goal holds initially', () => {
    expect(validatePlan(bwDomain, sussman, '').status).toBe('goal');
    const p = bwTask([['b', 'a']], [['a', 'b']]).problem;
    expect(validatePlan(bwDomain, p, '').valid).toBe(true);
  });
});

describe('semantics: delete-before-add, negative preconditions, inequality, types', () => {
  const dom = parseDomain(`(define (domain sem) (:requirements :strips :typing :negative-preconditions :equality)
    (:types thing)
    (:predicates (p ?x - thing) (q ?x - thing) (done))
    (:action toggle :parameters (?x - thing) :precondition (p ?x) :effect (and (not (p ?x)) (p ?x) (q ?x)))
    (:action finish :parameters (?x ?y - thing) :precondition (and (not (done)) (not (= ?x ?y)) (q ?x)) :effect (done)))`);
  const prob = parseProblem(`(define (problem s) (:domain sem) (:objects a b - thing) (:init (p a)) (:goal (and (done) (p a) (not (q b)))))`, dom);
  it('an atom both deleted and added ends up true', () => {
    expect(validatePlan(dom, prob, '(toggle a)\n(finish a b)').valid).toBe(true);
  });
  it('negative precondition and inequality are enforced', () => {
    const r = validatePlan(dom, prob, '(toggle a)\n(finish a a)');
    expect(r.status).toBe('precondition');
    expect(r.unmetPreconditions).toEqual([{ atom: { predicate: '=', args: ['a', 'a'] }, negated: true }]);
    const r2 = validatePlan(dom, prob, '(toggle a)\n(finish a b)\n(finish a b)');
    expect(r2.unmetPreconditions).toEqual([{ atom: { predicate: 'done', args: [] }, negated: true }]);
  });
  it('type mismatch is reported', () => {
    const d2 = parseDomain(`(define (domain t2) (:requirements :typing) (:types a b) (:predicates (p ?x - a)) (:action go :parameters (?x - a) :precondition () :effect (p ?x)))`);
    const p2 = parseProblem(`(define (problem t) (:domain t2) (:objects x - a y - b) (:init) (:goal (p x)))`, d2);
    expect(validatePlan(d2, p2, '(go y)').status).toBe('type-mismatch');
    expect(validatePlan(d2, p2, '(go x)').valid).toBe(true);
  });
});

/** Naive reference simulation over ground actions (a separate implementation). */
function simulate(task: ReturnType<typeof ground>, plan: GroundAction[]) {
  let s = task.init;
  for (let i = 0; i < plan.length; i++) {
    if (!isApplicable(s, plan[i]!)) return { ok: false, failedAt: i, goal: false };
    s = apply(s, plan[i]!);
  }
  return { ok: true, failedAt: -1, goal: isGoal(task, s) };
}

describe('t3-style mutation suite (220 generated instances)', () => {
  const rng = createRng(2024);
  const insts = Array.from({ length: 220 }, (_, i) => generateBlocksworldInstance(3 + (i % 4), rng, `m${i}`));
  it('optimal → valid; delete+shuffle agrees with simulation; prefix → goal; rename/arity → typed', () => {
    let counts = { valid: 0, precondition: 0, goal: 0 };
    for (const inst of insts) {
      const problem = parseProblem(inst.pddl, bwDomain);
      const task = ground(bwDomain, problem);
      const r = bfs(task);
      if (r.status !== 'solved') throw new Error('generated instance unsolvable');
      const text = (p: GroundAction[]) => p.map((a) => a.text).join('\n');
      expect(validatePlan(bwDomain, problem, text(r.plan)).valid).toBe(true);
      if (r.plan.length >= 2) {
        const del = r.plan.filter((_, i) => i !== 1 + rng.int(r.plan.length - 1));
        const mutated = shuffle(del, rng);
        const sim = simulate(task, mutated);
        const rep = validatePlan(bwDomain, problem, text(mutated));
        const expected = !sim.ok ? 'precondition' : sim.goal ? 'valid' : 'goal';
        expect(rep.status).toBe(expected);
        if (!sim.ok) expect(rep.failedStep).toBe(sim.failedAt);
        counts[expected as 'valid']++;
        const prefix = r.plan.slice(0, rng.int(r.plan.length));
        expect(validatePlan(bwDomain, problem, text(prefix)).status).toBe('goal');
      }
      const renamed = r.plan.map((a, i) => (i === 0 ? `(${a.name}x ${a.args.join(' ')})` : a.text)).join('\n');
      expect(validatePlan(bwDomain, problem, renamed).status).toBe('unknown-action');
      const arity = r.plan.map((a, i) => (i === 0 ? `(${a.name} ${a.args.join(' ')} a)` : a.text)).join('\n');
      expect(validatePlan(bwDomain, problem, arity).status).toBe('arity');
    }
    expect(counts.precondition).toBeGreaterThan(50);
  });
});

describe('properties', () => {
  const rng = createRng(5);
  const inst = generateBlocksworldInstance(4, rng, 'prop');
  const problem = parseProblem(inst.pddl, bwDomain);
  const task = ground(bwDomain, problem);
  it('atoms outside add ∪ del never change', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(task.actions.length - 1), { maxLength: 12 }), (ids) => {
        let s = task.init;
        for (const id of ids) {
          const a = task.actions[id]!;
          if (!isApplicable(s, a)) continue;
          const t = apply(s, a);
          for (let f = 0; f < task.facts.length; f++) {
            if (a.add.includes(f) || a.del.includes(f)) continue;
            expect(has(t, f)).toBe(has(s, f));
          }
          s = t;
        }
      }),
      { numRuns: 100, seed: 1 },
    );
  });
  it('valid ⇔ every step applicable and the final state satisfies the goal', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(task.actions.length - 1), { maxLength: 10 }), (ids) => {
        const plan = ids.map((i) => task.actions[i]!);
        const sim = simulate(task, plan);
        const rep = validatePlan(bwDomain, problem, plan.map((a) => a.text).join('\n'));
        expect(rep.valid).toBe(sim.ok && sim.goal);
      }),
      { numRuns: 200, seed: 2 },
    );
  });
});
