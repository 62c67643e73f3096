import { ReasonkitError } from '@reasonkit/core';
import type { Atom, Domain, Literal, Problem, TypedName } from './ast.js';
import { ROOT_TYPE, atomKey } from './ast.js';

/** One ground action. Fact ids index `GroundTask.facts`. */
export interface GroundAction {
  /** Index in `GroundTask.actions` (grounding order). */
  id: number;
  name: string;
  args: string[];
  /** `(name arg ...)` */
  text: string;
  pre: number[];
  preNeg: number[];
  add: number[];
  del: number[];
  cost: number;
}

/** A grounded STRIPS task: interned facts, ground actions, initial state and goal. */
export interface GroundTask {
  facts: string[];
  factIndex: Map<string, number>;
  actions: GroundAction[];
  /** Bitset words per state. */
  words: number;
  init: Uint32Array;
  goalPos: number[];
  goalNeg: number[];
  /** A goal literal over a static predicate or equality is false: the task is unsolvable. */
  goalImpossible: boolean;
  /** True when some action has an explicit cost (`:action-costs`). */
  hasCosts: boolean;
}

/** Options of grounding a PDDL task. */
export interface GroundOptions {
  /** Drop actions whose positive preconditions are not relaxed-reachable. Default false (our choice: grounding stays purely type-driven). */
  pruneUnreachable?: boolean;
}

/** Type → all its subtypes (itself included). */
export function subtypeClosure(domain: Domain): Map<string, Set<string>> {
  const parent = new Map<string, string>();
  for (const t of domain.types) parent.set(t.name, t.parent);
  const out = new Map<string, Set<string>>();
  const all = new Set<string>([ROOT_TYPE, ...parent.keys(), ...parent.values()]);
  for (const t of all) out.set(t, new Set([t]));
  for (const t of all) {
    let cur = parent.get(t);
    const seen = new Set<string>();
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      out.get(cur)?.add(t);
      cur = parent.get(cur);
    }
    if (t !== ROOT_TYPE) out.get(ROOT_TYPE)!.add(t);
  }
  return out;
}

/** All objects (domain constants first, then problem objects) with their types. */
export function allObjects(domain: Domain, problem: Problem): TypedName[] {
  return [...domain.constants, ...problem.objects];
}

/** Is `type` equal to or a subtype of `ancestor`? */
export function isSubtype(closure: Map<string, Set<string>>, type: string, ancestor: string): boolean {
  return closure.get(ancestor)?.has(type) ?? ancestor === ROOT_TYPE;
}

/** Predicates that appear in no action effect. */
export function staticPredicates(domain: Domain): Set<string> {
  const fluent = new Set<string>();
  for (const a of domain.actions) for (const e of a.effect) fluent.add(e.atom.predicate);
  return new Set(domain.predicates.map((p) => p.name).filter((p) => !fluent.has(p)));
}

function bitSet(s: Uint32Array, f: number): void {
  s[f >>> 5]! |= 1 << (f & 31);
}

/**
 * Grounds a task. Type-aware (subtypes included); equality and static predicates are resolved
 * here. Order is deterministic: schemas in file order, parameters in declaration order, objects
 * in declaration order (constants first).
 */
export function ground(domain: Domain, problem: Problem, options: GroundOptions = {}): GroundTask {
  const closure = subtypeClosure(domain);
  const objects = allObjects(domain, problem);
  const objType = new Map(objects.map((o) => [o.name, o.type]));
  const preds = new Map(domain.predicates.map((p) => [p.name, p]));
  const checkAtom = (a: Atom, where: string) => {
    if (a.predicate === '=') return;
    const p = preds.get(a.predicate);
    if (!p) throw new ReasonkitError('INVALID_ARGUMENT', `${where}: undeclared predicate '${a.predicate}'`, { field: where });
    if (p.parameters.length !== a.args.length) {
      throw new ReasonkitError('INVALID_ARGUMENT', `${where}: predicate '${a.predicate}' takes ${p.parameters.length} argument(s), got ${a.args.length}`, { field: where });
    }
    for (const x of a.args) {
      if (!x.startsWith('?') && !objType.has(x)) throw new ReasonkitError('INVALID_ARGUMENT', `${where}: unknown object '${x}'`, { field: where });
    }
  };
  for (const a of problem.init) checkAtom(a, ':init');
  for (const l of problem.goal) checkAtom(l.atom, ':goal');

  const statics = staticPredicates(domain);
  const initKeys = new Set(problem.init.map(atomKey));
  const facts: string[] = [];
  const factIndex = new Map<string, number>();
  const intern = (key: string): number => {
    let id = factIndex.get(key);
    if (id === undefined) {
      id = facts.length;
      facts.push(key);
      factIndex.set(key, id);
    }
    return id;
  };
  // Goal atoms and fluent init atoms first so they always exist.
  for (const a of problem.init) if (!statics.has(a.predicate)) intern(atomKey(a));
  let goalImpossible = false;
  const goalPos: number[] = [];
  const goalNeg: number[] = [];
  for (const l of problem.goal) {
    if (l.atom.predicate === '=') {
      const eq = l.atom.args[0] === l.atom.args[1];
      if (eq === l.negated) goalImpossible = true;
      continue;
    }
    const key = atomKey(l.atom);
    if (statics.has(l.atom.predicate)) {
      if (initKeys.has(key) === l.negated) goalImpossible = true;
      continue;
    }
    (l.negated ? goalNeg : goalPos).push(intern(key));
  }

  const actions: GroundAction[] = [];
  let hasCosts = false;
  for (const schema of domain.actions) {
    if (schema.cost !== undefined) hasCosts = true;
    const params = schema.parameters;
    const candidates = params.map((p) => objects.filter((o) => isSubtype(closure, o.type, p.type)).map((o) => o.name));
    const varIndex = new Map(params.map((p, i) => [p.name, i]));
    // Static/equality literals, each checked as soon as its last variable is bound.
    const checksAt: { lit: Literal; idx: (number | string)[] }[][] = params.map(() => []);
    const constantChecks: { lit: Literal; idx: (number | string)[] }[] = [];
    const dynamicPre: { lit: Literal; idx: (number | string)[] }[] = [];
    for (const lit of schema.precondition) {
      const idx = lit.atom.args.map((x) => (x.startsWith('?') ? varIndex.get(x)! : x));
      const entry = { lit, idx };
      if (lit.atom.predicate === '=' || statics.has(lit.atom.predicate)) {
        const last = idx.reduce<number>((m, v) => (typeof v === 'number' ? Math.max(m, v) : m), -1);
        if (last < 0) constantChecks.push(entry);
        else checksAt[last]!.push(entry);
      } else dynamicPre.push(entry);
    }
    const effects = schema.effect.map((lit) => ({ lit, idx: lit.atom.args.map((x) => (x.startsWith('?') ? varIndex.get(x)! : x)) }));
    const binding: string[] = new Array(params.length);
    const argsOf = (idx: (number | string)[]) => idx.map((v) => (typeof v === 'number' ? binding[v]! : v));
    const holds = (c: { lit: Literal; idx: (number | string)[] }): boolean => {
      const args = argsOf(c.idx);
      const truth = c.lit.atom.predicate === '=' ? args[0] === args[1] : initKeys.has(atomKey({ predicate: c.lit.atom.predicate, args }));
      return truth !== c.lit.negated;
    };
    if (!constantChecks.every(holds)) continue;
    const emit = () => {
      const args = binding.slice();
      const pre: number[] = [];
      const preNeg: number[] = [];
      for (const c of dynamicPre) {
        const id = intern(atomKey({ predicate: c.lit.atom.predicate, args: argsOf(c.idx) }));
        const list = c.lit.negated ? preNeg : pre;
        if (!list.includes(id)) list.push(id);
      }
      const add: number[] = [];
      const del: number[] = [];
      for (const e of effects) {
        const id = intern(atomKey({ predicate: e.lit.atom.predicate, args: argsOf(e.idx) }));
        const list = e.lit.negated ? del : add;
        if (!list.includes(id)) list.push(id);
      }
      actions.push({
        id: actions.length,
        name: schema.name,
        args,
        text: args.length ? `(${schema.name} ${args.join(' ')})` : `(${schema.name})`,
        pre,
        preNeg,
        add,
        del,
        cost: schema.cost ?? 1,
      });
    };
    const rec = (i: number) => {
      if (i === params.length) return emit();
      for (const o of candidates[i]!) {
        binding[i] = o;
        if (checksAt[i]!.every(holds)) rec(i + 1);
      }
    };
    rec(0);
  }

  let kept = actions;
  if (options.pruneUnreachable) {
    const reached = new Set<number>();
    for (const a of problem.init) {
      const id = factIndex.get(atomKey(a));
      if (id !== undefined) reached.add(id);
    }
    const used = new Array<boolean>(actions.length).fill(false);
    let changed = true;
    while (changed) {
      changed = false;
      for (const a of actions) {
        if (used[a.id] || !a.pre.every((p) => reached.has(p))) continue;
        used[a.id] = true;
        changed = true;
        for (const f of a.add) reached.add(f);
      }
    }
    kept = actions.filter((a) => used[a.id]).map((a, i) => ({ ...a, id: i }));
  }

  const words = Math.max(1, Math.ceil(facts.length / 32));
  const init = new Uint32Array(words);
  for (const a of problem.init) {
    const id = factIndex.get(atomKey(a));
    if (id !== undefined) bitSet(init, id);
  }
  return { facts, factIndex, actions: kept, words, init, goalPos, goalNeg, goalImpossible, hasCosts };
}
