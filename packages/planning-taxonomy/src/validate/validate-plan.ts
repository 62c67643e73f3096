import type { ActionSchema, Domain, Literal, Problem } from '../pddl/ast.js';
import { atomKey } from '../pddl/ast.js';
import { allObjects, isSubtype, subtypeClosure } from '../pddl/ground.js';
import { PddlError } from '../pddl/pddl-error.js';
import { parsePlan, stepText } from '../pddl/parse-plan.js';
import type { PlanStep } from '../pddl/parse-plan.js';

/** Outcome of plan validation: valid, or the first kind of error found. */
export type ValidationStatus = 'valid' | 'parse-error' | 'unknown-action' | 'arity' | 'unknown-object' | 'type-mismatch' | 'precondition' | 'goal';

/** Result of validating a plan: the status and, when invalid, where and why. */
export interface ValidationReport {
  valid: boolean;
  status: ValidationStatus;
  /** 0-based index of the failing step (structural errors and unmet preconditions). */
  failedStep?: number;
  /** The failing step as written, e.g. `(pick-up b)`. */
  failedAction?: string;
  /** Ground literals of the failing step's precondition that do not hold. */
  unmetPreconditions?: Literal[];
  /** Goal literals that do not hold in the final state. */
  unmetGoals?: Literal[];
  /** Number of steps executed before the first failure (= plan length when all execute). */
  executablePrefix: number;
  /** Fraction of goal literals true in the last reachable state (1 for an empty goal). */
  goalSatisfied: number;
  /** Sum of action costs of the plan (its length without `:action-costs`). */
  cost: number;
  planLength: number;
  /** One-line human explanation. */
  message: string;
}

interface CompiledSchema {
  schema: ActionSchema;
  pre: { lit: Literal; idx: (number | string)[] }[];
  eff: { lit: Literal; idx: (number | string)[] }[];
}

/** A validator compiled for one domain + problem; reuse it to validate many plans fast. */
export interface PlanValidator {
  /** Validates a plan against the task. */
  validate(plan: string | PlanStep[], options?: { strict?: boolean }): ValidationReport;
}

function compile(schema: ActionSchema): CompiledSchema {
  const vi = new Map(schema.parameters.map((p, i) => [p.name, i]));
  const map = (lit: Literal) => ({ lit, idx: lit.atom.args.map((x) => (x.startsWith('?') ? vi.get(x)! : x)) });
  return { schema, pre: schema.precondition.map(map), eff: schema.effect.map(map) };
}

function ground(lit: Literal, idx: (number | string)[], args: string[]): Literal {
  return { atom: { predicate: lit.atom.predicate, args: idx.map((v) => (typeof v === 'number' ? args[v]! : v)) }, negated: lit.negated };
}

/** Key of a schema literal under a binding, without allocating a Literal (hot path). */
function keyOf(lit: Literal, idx: (number | string)[], args: string[]): string {
  let k = '(' + lit.atom.predicate;
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!;
    k += ' ' + (typeof v === 'number' ? args[v]! : v);
  }
  return k + ')';
}

function holdsBound(state: Set<string>, lit: Literal, idx: (number | string)[], args: string[]): boolean {
  if (lit.atom.predicate === '=') {
    const a = idx[0]!;
    const b = idx[1]!;
    return ((typeof a === 'number' ? args[a] : a) === (typeof b === 'number' ? args[b] : b)) !== lit.negated;
  }
  return state.has(keyOf(lit, idx, args)) !== lit.negated;
}

function holds(state: Set<string>, lit: Literal): boolean {
  const t = lit.atom.predicate === '=' ? lit.atom.args[0] === lit.atom.args[1] : state.has(atomKey(lit.atom));
  return t !== lit.negated;
}

/**
 * Compiles a validator with VAL's sequential STRIPS semantics: a step is applicable iff its
 * positive preconditions hold, its negative ones do not, and its equalities hold; effects apply
 * delete-before-add; the goal must hold after the last step.
 */
export function createPlanValidator(domain: Domain, problem: Problem): PlanValidator {
  const closure = subtypeClosure(domain);
  const objType = new Map(allObjects(domain, problem).map((o) => [o.name, o.type]));
  const schemas = new Map(domain.actions.map((a) => [a.name, compile(a)]));
  const initKeys = problem.init.map(atomKey);
  const goal = problem.goal;
  const goalFraction = (state: Set<string>) => {
    if (goal.length === 0) return 1;
    let n = 0;
    for (const g of goal) if (holds(state, g)) n++;
    return n / goal.length;
  };

  const validate = (plan: string | PlanStep[], options: { strict?: boolean } = {}): ValidationReport => {
    let steps: PlanStep[];
    try {
      steps = typeof plan === 'string' ? parsePlan(plan, { strict: options.strict }) : plan;
    } catch (e) {
      if (e instanceof PddlError) {
        return { valid: false, status: 'parse-error', executablePrefix: 0, goalSatisfied: goalFraction(new Set(initKeys)), cost: 0, planLength: 0, message: e.message };
      }
      throw e;
    }
    // Structural check of every step first (as VAL type-checks the plan before simulating).
    let structural: { status: ValidationStatus; step: number; message: string } | undefined;
    for (let i = 0; i < steps.length && !structural; i++) {
      const st = steps[i]!;
      const cs = schemas.get(st.name);
      if (!cs) {
        structural = { status: 'unknown-action', step: i, message: `step ${i + 1} ${stepText(st)}: unknown action '${st.name}'` };
        break;
      }
      const params = cs.schema.parameters;
      if (params.length !== st.args.length) {
        structural = { status: 'arity', step: i, message: `step ${i + 1} ${stepText(st)}: action '${st.name}' takes ${params.length} argument(s), got ${st.args.length}` };
        break;
      }
      for (let j = 0; j < params.length; j++) {
        const t = objType.get(st.args[j]!);
        if (t === undefined) {
          structural = { status: 'unknown-object', step: i, message: `step ${i + 1} ${stepText(st)}: unknown object '${st.args[j]}'` };
          break;
        }
        if (!isSubtype(closure, t, params[j]!.type)) {
          structural = { status: 'type-mismatch', step: i, message: `step ${i + 1} ${stepText(st)}: object '${st.args[j]}' has type ${t}, parameter ${params[j]!.name} needs ${params[j]!.type}` };
          break;
        }
      }
    }
    // A structural error is reported first, as VAL does, even when an earlier step is not
    // applicable; the simulation then only measures the executable prefix before it.
    const state = new Set(initKeys);
    const limit = structural ? structural.step : steps.length;
    let cost = 0;
    let executed = limit;
    for (let i = 0; i < limit; i++) {
      const st = steps[i]!;
      const cs = schemas.get(st.name)!;
      let unmet: Literal[] | undefined;
      for (const p of cs.pre) {
        if (!holdsBound(state, p.lit, p.idx, st.args)) (unmet ??= []).push(ground(p.lit, p.idx, st.args));
      }
      if (unmet && structural) {
        executed = i;
        break;
      }
      if (unmet) {
        return {
          valid: false,
          status: 'precondition',
          failedStep: i,
          failedAction: stepText(st),
          unmetPreconditions: unmet,
          executablePrefix: i,
          goalSatisfied: goalFraction(state),
          cost,
          planLength: steps.length,
          message: `step ${i + 1} ${stepText(st)} is not applicable: unmet precondition ${unmet.map(litText).join(', ')}`,
        };
      }
      // Delete before add: apply all deletes, then all adds.
      for (const e of cs.eff) if (e.lit.negated) state.delete(keyOf(e.lit, e.idx, st.args));
      for (const e of cs.eff) if (!e.lit.negated) state.add(keyOf(e.lit, e.idx, st.args));
      cost += cs.schema.cost ?? 1;
    }
    if (structural) {
      return {
        valid: false,
        status: structural.status,
        failedStep: structural.step,
        failedAction: stepText(steps[structural.step]!),
        executablePrefix: executed,
        goalSatisfied: goalFraction(state),
        cost,
        planLength: steps.length,
        message: structural.message,
      };
    }
    const unmetGoals = goal.filter((g) => !holds(state, g));
    const gs = goalFraction(state);
    if (unmetGoals.length) {
      return { valid: false, status: 'goal', unmetGoals, executablePrefix: steps.length, goalSatisfied: gs, cost, planLength: steps.length, message: `the plan executes but the goal is not satisfied: missing ${unmetGoals.map(litText).join(', ')}` };
    }
    return { valid: true, status: 'valid', executablePrefix: steps.length, goalSatisfied: gs, cost, planLength: steps.length, message: `plan valid (${steps.length} steps, cost ${cost})` };
  };
  return { validate };
}

function litText(l: Literal): string {
  return l.negated ? `(not ${atomKey(l.atom)})` : atomKey(l.atom);
}

/** Validates one plan (text or parsed steps). See `createPlanValidator` for semantics. */
export function validatePlan(domain: Domain, problem: Problem, plan: string | PlanStep[], options: { strict?: boolean } = {}): ValidationReport {
  return createPlanValidator(domain, problem).validate(plan, options);
}
