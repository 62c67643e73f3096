import type { ActionSchema, Atom, Domain, Literal, PredicateDecl, Problem, TypeDecl } from './ast.js';
import { ROOT_TYPE } from './ast.js';
import { PddlError } from './pddl-error.js';
import type { PddlErrorKind } from './pddl-error.js';
import { readSExprs } from './sexpr.js';
import type { SExpr, SList, SSymbol, SourcePos } from './sexpr.js';

/** Options of parsing PDDL. */
export interface ParseOptions {
  /** File name used in error messages. Default `<input>`. */
  file?: string;
  /** Unsupported or unknown requirement flags become errors instead of warnings. Default false (our choice). */
  strict?: boolean;
  /** Receives warnings (unsupported-but-unused requirement flags, redeclared constants). */
  onWarning?: (message: string) => void;
}

/** Options of parsing a PDDL problem (against its domain). */
export interface ParseProblemOptions extends ParseOptions {
  /** Accept a problem whose `(:domain ...)` differs from the domain's name. Default false. */
  allowDomainMismatch?: boolean;
}

const SUPPORTED_REQUIREMENTS = new Set([':strips', ':typing', ':negative-preconditions', ':equality', ':action-costs']);
const UNSUPPORTED_CONSTRUCTS: Record<string, string> = {
  or: 'disjunctive preconditions (or)',
  imply: 'implications (imply)',
  exists: 'existential quantifiers (exists)',
  forall: 'universal quantifiers (forall)',
  when: 'conditional effects (when)',
  either: 'either types',
  '<': 'numeric fluents (<)',
  '>': 'numeric fluents (>)',
  '<=': 'numeric fluents (<=)',
  '>=': 'numeric fluents (>=)',
  increase: 'numeric fluents (increase)',
  decrease: 'numeric fluents (decrease)',
  assign: 'numeric fluents (assign)',
  'scale-up': 'numeric fluents (scale-up)',
  'scale-down': 'numeric fluents (scale-down)',
  ':durative-action': 'durative actions (:durative-action)',
  ':derived': 'derived predicates (:derived)',
  ':constraints': 'constraints (:constraints)',
  preference: 'preferences (preference)',
};

const NAME_RE = /^[a-z_][a-z0-9_\-.]*$/; // our choice: a little wider than the BNF (underscores, dots)
const VAR_RE = /^\?[a-z_][a-z0-9_\-]*$/;

class Ctx {
  constructor(
    readonly file: string,
    readonly opts: ParseOptions,
  ) {}
  fail(kind: PddlErrorKind, message: string, pos: SourcePos): never {
    throw new PddlError(kind, message, pos, this.file);
  }
  warn(message: string, pos: SourcePos): void {
    this.opts.onWarning?.(`${this.file}:${pos.line}:${pos.col}: ${message}`);
  }
  list(e: SExpr | undefined, what: string, at: SourcePos): SList {
    if (!e) this.fail('syntax', `expected ${what}, found the end of the enclosing list`, at);
    if (e.kind !== 'list') this.fail('syntax', `expected ${what} in parentheses, found '${e.raw}'`, e);
    return e;
  }
  sym(e: SExpr | undefined, what: string, at: SourcePos): SSymbol {
    if (!e) this.fail('syntax', `expected ${what}, found the end of the enclosing list`, at);
    if (e.kind !== 'symbol') this.fail('syntax', `expected ${what}, found a parenthesised list`, e);
    return e;
  }
  name(e: SExpr | undefined, what: string, at: SourcePos): SSymbol {
    const s = this.sym(e, what, at);
    if (!NAME_RE.test(s.value)) this.fail('syntax', `invalid ${what} '${s.raw}'`, s);
    return s;
  }
}

function topDefine(ctx: Ctx, text: string, kind: 'domain' | 'problem'): { name: SSymbol; sections: SExpr[]; root: SList } {
  const exprs = readSExprs(text, ctx.file);
  if (exprs.length === 0) ctx.fail('empty', `empty ${kind} file: expected (define (${kind} <name>) ...)`, { line: 1, col: 1 });
  const root = exprs[0]!;
  if (exprs.length > 1) ctx.fail('syntax', `unexpected content after the closing parenthesis of (define ...)`, exprs[1]!);
  if (root.kind !== 'list') ctx.fail('syntax', `expected (define ...), found '${root.raw}'`, root);
  const head = ctx.sym(root.items[0], "'define'", root);
  if (head.value !== 'define') ctx.fail('syntax', `expected 'define', found '${head.raw}'`, head);
  const header = ctx.list(root.items[1], `(${kind} <name>)`, head);
  const k = ctx.sym(header.items[0], `'${kind}'`, header);
  if (k.value !== kind) ctx.fail('syntax', `expected a ${kind} definition (${kind} <name>), found '(${k.raw} ...)'`, k);
  const name = ctx.name(header.items[1], `${kind} name`, header);
  if (header.items.length > 2) ctx.fail('syntax', `unexpected '${show(header.items[2]!)}' after the ${kind} name`, header.items[2]!);
  return { name, sections: root.items.slice(2), root };
}

function show(e: SExpr): string {
  return e.kind === 'symbol' ? e.raw : '(...)';
}

/** Parses a typed list like `a b - t c`; `allowVars` selects `?x` names vs plain names. */
function typedList(ctx: Ctx, items: SExpr[], what: string, allowVars: boolean, at: SourcePos): { name: string; type: string; pos: SourcePos; typePos: SourcePos }[] {
  const out: { name: string; type: string; pos: SourcePos; typePos: SourcePos }[] = [];
  let pending: { name: string; pos: SourcePos }[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind === 'symbol' && it.value === '-') {
      const t = items[i + 1];
      if (!t) ctx.fail('syntax', `expected a type after '-' in ${what}`, it);
      if (t.kind === 'list') {
        const h = t.items[0];
        if (h && h.kind === 'symbol' && h.value === 'either') ctx.fail('unsupported', 'unsupported construct: either types', h);
        ctx.fail('syntax', `expected a type name after '-' in ${what}`, t);
      }
      const type = ctx.name(t, 'type name', it).value;
      if (pending.length === 0) ctx.fail('syntax', `'-' ${t.raw} has no names before it in ${what}`, it);
      for (const p of pending) out.push({ ...p, type, typePos: t });
      pending = [];
      i++;
      continue;
    }
    const s = ctx.sym(it, `a name in ${what}`, at);
    if (allowVars) {
      if (!VAR_RE.test(s.value)) ctx.fail('syntax', `expected a ?variable in ${what}, found '${s.raw}'`, s);
    } else {
      ctx.name(s, `name in ${what}`, at);
    }
    pending.push({ name: s.value, pos: s });
  }
  for (const p of pending) out.push({ ...p, type: ROOT_TYPE, typePos: p.pos });
  return out;
}

interface Scope {
  predicates: Map<string, PredicateDecl>;
  objects: Map<string, string>;
  vars?: Map<string, string>;
  what: string;
}

function termOf(ctx: Ctx, e: SExpr | undefined, scope: Scope, at: SourcePos): string {
  const s = ctx.sym(e, 'a term', at);
  if (s.value.startsWith('?')) {
    if (!scope.vars) ctx.fail('syntax', `variable '${s.raw}' is not allowed in ${scope.what}`, s);
    if (!VAR_RE.test(s.value)) ctx.fail('syntax', `invalid variable '${s.raw}'`, s);
    if (!scope.vars.has(s.value)) ctx.fail('unbound-variable', `unbound variable '${s.raw}' in ${scope.what}`, s);
    return s.value;
  }
  ctx.name(s, 'object name', at);
  if (!scope.objects.has(s.value)) ctx.fail('undeclared', `undeclared object or constant '${s.raw}' in ${scope.what}`, s);
  return s.value;
}

function atomOf(ctx: Ctx, l: SList, scope: Scope): Atom {
  const head = ctx.sym(l.items[0], 'a predicate name', l);
  if (head.value === '=') {
    if (l.items.length !== 3) ctx.fail('arity', `'=' takes 2 arguments, got ${l.items.length - 1} in ${scope.what}`, head);
    return { predicate: '=', args: [termOf(ctx, l.items[1], scope, l), termOf(ctx, l.items[2], scope, l)] };
  }
  const name = ctx.name(head, 'predicate name', l);
  const decl = scope.predicates.get(name.value);
  if (!decl) ctx.fail('undeclared', `undeclared predicate '${name.raw}' in ${scope.what}`, name);
  const args = l.items.slice(1).map((a) => termOf(ctx, a, scope, l));
  if (args.length !== decl.parameters.length) {
    ctx.fail('arity', `predicate '${name.raw}' takes ${decl.parameters.length} argument(s), got ${args.length} in ${scope.what}`, name);
  }
  return { predicate: name.value, args };
}

/** Literal or conjunction of literals (precondition / goal). */
function conjunction(ctx: Ctx, e: SExpr | undefined, scope: Scope, at: SourcePos, out: Literal[] = []): Literal[] {
  const l = ctx.list(e, `a formula in ${scope.what}`, at);
  if (l.items.length === 0) return out;
  const head = ctx.sym(l.items[0], 'a formula head', l);
  if (head.value === 'and') {
    for (const it of l.items.slice(1)) conjunction(ctx, it, scope, it, out);
    return out;
  }
  if (head.value === 'not') {
    if (l.items.length !== 2) ctx.fail('syntax', `'not' takes exactly one formula in ${scope.what}`, head);
    const inner = ctx.list(l.items[1], `an atom inside 'not'`, head);
    const ih = ctx.sym(inner.items[0], 'a predicate name', inner);
    if (UNSUPPORTED_CONSTRUCTS[ih.value]) ctx.fail('unsupported', `unsupported construct: ${UNSUPPORTED_CONSTRUCTS[ih.value]}`, ih);
    if (ih.value === 'and' || ih.value === 'not') ctx.fail('unsupported', `unsupported construct: negation of a compound formula (not (${ih.raw} ...))`, ih);
    out.push({ atom: atomOf(ctx, inner, scope), negated: true });
    return out;
  }
  if (UNSUPPORTED_CONSTRUCTS[head.value]) ctx.fail('unsupported', `unsupported construct: ${UNSUPPORTED_CONSTRUCTS[head.value]}`, head);
  out.push({ atom: atomOf(ctx, l, scope), negated: false });
  return out;
}

function effectOf(ctx: Ctx, e: SExpr | undefined, scope: Scope, at: SourcePos, acc: { effect: Literal[]; cost?: number }): void {
  const l = ctx.list(e, `an effect in ${scope.what}`, at);
  if (l.items.length === 0) return;
  const head = ctx.sym(l.items[0], 'an effect head', l);
  if (head.value === 'and') {
    for (const it of l.items.slice(1)) effectOf(ctx, it, scope, it, acc);
    return;
  }
  if (head.value === 'increase') {
    const f = l.items[1];
    const v = l.items[2];
    if (f && f.kind === 'list' && f.items.length === 1 && f.items[0]?.kind === 'symbol' && f.items[0].value === 'total-cost' && v && v.kind === 'symbol' && /^\d+(\.\d+)?$/.test(v.value) && l.items.length === 3) {
      acc.cost = (acc.cost ?? 0) + Number(v.value);
      return;
    }
    ctx.fail('unsupported', 'unsupported construct: numeric fluents (only (increase (total-cost) <number>) is supported)', head);
  }
  if (head.value === '=') ctx.fail('syntax', `'=' cannot appear in an effect (${scope.what})`, head);
  if (head.value === 'not') {
    if (l.items.length !== 2) ctx.fail('syntax', `'not' takes exactly one atom in ${scope.what}`, head);
    const inner = ctx.list(l.items[1], `an atom inside 'not'`, head);
    const ih = ctx.sym(inner.items[0], 'a predicate name', inner);
    if (ih.value === '=') ctx.fail('syntax', `'=' cannot appear in an effect (${scope.what})`, ih);
    acc.effect.push({ atom: atomOf(ctx, inner, scope), negated: true });
    return;
  }
  if (UNSUPPORTED_CONSTRUCTS[head.value]) ctx.fail('unsupported', `unsupported construct: ${UNSUPPORTED_CONSTRUCTS[head.value]}`, head);
  acc.effect.push({ atom: atomOf(ctx, l, scope), negated: false });
}

function sectionKeyword(ctx: Ctx, s: SExpr, kind: string): { kw: SSymbol; list: SList } {
  const list = ctx.list(s, `a ${kind} section like (:keyword ...)`, s);
  const kw = ctx.sym(list.items[0], 'a section keyword', list);
  if (UNSUPPORTED_CONSTRUCTS[kw.value]) ctx.fail('unsupported', `unsupported construct: ${UNSUPPORTED_CONSTRUCTS[kw.value]}`, kw);
  return { kw, list };
}

function checkRequirements(ctx: Ctx, list: SList): string[] {
  const out: string[] = [];
  for (const it of list.items.slice(1)) {
    const s = ctx.sym(it, 'a requirement flag', list);
    if (!s.value.startsWith(':')) ctx.fail('syntax', `requirement flags start with ':', found '${s.raw}'`, s);
    if (!SUPPORTED_REQUIREMENTS.has(s.value)) {
      const msg = `requirement ${s.raw} is not supported (supported: ${[...SUPPORTED_REQUIREMENTS].join(' ')}); constructs it enables are rejected where used`;
      if (ctx.opts.strict) ctx.fail('unsupported', msg, s);
      ctx.warn(msg, s);
    }
    out.push(s.value);
  }
  return out;
}

/** Type names → parent, including `object`; throws on undeclared parent cycles. */
export function typeParents(types: TypeDecl[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const t of types) m.set(t.name, t.parent);
  return m;
}

/** Parses a PDDL domain file. Throws `PddlError` with `line:col` on any problem. */
export function parseDomain(text: string, options: ParseOptions = {}): Domain {
  const ctx = new Ctx(options.file ?? '<input>', options);
  const { name, sections } = topDefine(ctx, text, 'domain');
  const domain: Domain = { name: name.value, requirements: [], types: [], constants: [], predicates: [], functions: [], actions: [] };
  const typeSet = new Map<string, string>([[ROOT_TYPE, '']]);
  const objects = new Map<string, string>();
  const predicates = new Map<string, PredicateDecl>();
  const seen = new Set<string>();
  const checkType = (t: string, pos: SourcePos) => {
    if (!typeSet.has(t)) ctx.fail('undeclared', `undeclared type '${t}'`, pos);
  };
  for (const s of sections) {
    const { kw, list } = sectionKeyword(ctx, s, 'domain');
    if (kw.value !== ':action' && seen.has(kw.value)) ctx.fail('duplicate', `duplicate section ${kw.raw}`, kw);
    seen.add(kw.value);
    switch (kw.value) {
      case ':requirements':
        domain.requirements = checkRequirements(ctx, list);
        break;
      case ':types': {
        const entries = typedList(ctx, list.items.slice(1), ':types', false, list);
        const declared = new Set<string>();
        for (const e of entries) {
          if (e.name === ROOT_TYPE) continue;
          if (declared.has(e.name)) ctx.fail('duplicate', `duplicate type '${e.name}'`, e.pos);
          declared.add(e.name);
          domain.types.push({ name: e.name, parent: e.type });
        }
        // Parents that are never declared themselves are implicit subtypes of object (as VAL).
        for (const t of domain.types) typeSet.set(t.name, t.parent);
        for (const t of domain.types) if (!typeSet.has(t.parent)) typeSet.set(t.parent, ROOT_TYPE);
        for (const [t] of typeSet) {
          if (t !== ROOT_TYPE && !declared.has(t)) domain.types.push({ name: t, parent: ROOT_TYPE });
        }
        for (const t of domain.types) {
          const visited = new Set<string>();
          let cur: string | undefined = t.name;
          while (cur && cur !== ROOT_TYPE) {
            if (visited.has(cur)) ctx.fail('type', `type hierarchy has a cycle through '${t.name}'`, list);
            visited.add(cur);
            cur = typeSet.get(cur);
          }
        }
        break;
      }
      case ':constants':
        for (const e of typedList(ctx, list.items.slice(1), ':constants', false, list)) {
          if (objects.has(e.name)) ctx.fail('duplicate', `duplicate constant '${e.name}'`, e.pos);
          checkType(e.type, e.typePos);
          objects.set(e.name, e.type);
          domain.constants.push({ name: e.name, type: e.type });
        }
        break;
      case ':predicates':
        for (const it of list.items.slice(1)) {
          const p = ctx.list(it, 'a predicate declaration (name ?params)', list);
          const pn = ctx.name(p.items[0], 'predicate name', p);
          if (predicates.has(pn.value)) ctx.fail('duplicate', `duplicate predicate '${pn.raw}'`, pn);
          const params = typedList(ctx, p.items.slice(1), `predicate '${pn.raw}'`, true, p);
          const names = new Set<string>();
          for (const q of params) {
            if (names.has(q.name)) ctx.fail('duplicate', `duplicate parameter '${q.name}' in predicate '${pn.raw}'`, q.pos);
            names.add(q.name);
            checkType(q.type, q.typePos);
          }
          const decl = { name: pn.value, parameters: params.map((q) => ({ name: q.name, type: q.type })) };
          predicates.set(pn.value, decl);
          domain.predicates.push(decl);
        }
        break;
      case ':functions':
        for (let i = 1; i < list.items.length; i++) {
          const it = list.items[i]!;
          if (it.kind === 'symbol' && it.value === '-') {
            i++;
            continue;
          }
          const f = ctx.list(it, 'a function declaration', list);
          const fn = ctx.sym(f.items[0], 'a function name', f);
          if (fn.value !== 'total-cost' || f.items.length !== 1) ctx.fail('unsupported', `unsupported construct: numeric fluents (function '${fn.raw}'; only (total-cost) is supported)`, fn);
          domain.functions.push('total-cost');
        }
        break;
      case ':action':
        domain.actions.push(parseAction(ctx, list, predicates, objects, typeSet, domain.actions));
        break;
      default:
        ctx.fail('syntax', `unknown domain section ${kw.raw}`, kw);
    }
  }
  return domain;
}

function parseAction(ctx: Ctx, list: SList, predicates: Map<string, PredicateDecl>, objects: Map<string, string>, typeSet: Map<string, string>, existing: ActionSchema[]): ActionSchema {
  const an = ctx.name(list.items[1], 'action name', list);
  if (existing.some((a) => a.name === an.value)) ctx.fail('duplicate', `duplicate action '${an.raw}'`, an);
  const action: ActionSchema = { name: an.value, parameters: [], precondition: [], effect: [] };
  const vars = new Map<string, string>();
  const scope: Scope = { predicates, objects, vars, what: `action '${an.raw}'` };
  const seenKeys = new Set<string>();
  for (let i = 2; i < list.items.length; i += 2) {
    const key = ctx.sym(list.items[i], 'an action keyword (:parameters, :precondition, :effect)', list);
    if (seenKeys.has(key.value)) ctx.fail('duplicate', `duplicate ${key.raw} in action '${an.raw}'`, key);
    seenKeys.add(key.value);
    const val = list.items[i + 1];
    if (!val) ctx.fail('syntax', `missing value after ${key.raw} in action '${an.raw}'`, key);
    switch (key.value) {
      case ':parameters': {
        const pl = ctx.list(val, 'a parameter list', key);
        for (const p of typedList(ctx, pl.items, `parameters of action '${an.raw}'`, true, pl)) {
          if (vars.has(p.name)) ctx.fail('duplicate', `duplicate parameter '${p.name}' in action '${an.raw}'`, p.pos);
          if (!typeSet.has(p.type)) ctx.fail('undeclared', `undeclared type '${p.type}'`, p.typePos);
          vars.set(p.name, p.type);
          action.parameters.push({ name: p.name, type: p.type });
        }
        break;
      }
      case ':precondition':
        action.precondition = conjunction(ctx, val, scope, key);
        break;
      case ':effect': {
        const acc: { effect: Literal[]; cost?: number } = { effect: [] };
        effectOf(ctx, val, scope, key, acc);
        action.effect = acc.effect;
        if (acc.cost !== undefined) action.cost = acc.cost;
        break;
      }
      default:
        ctx.fail('syntax', `unknown action keyword ${key.raw} in action '${an.raw}'`, key);
    }
  }
  return action;
}

/** Parses a PDDL problem file; with `domain`, also checks names, arities and the domain name. */
export function parseProblem(text: string, domain?: Domain, options: ParseProblemOptions = {}): Problem {
  const ctx = new Ctx(options.file ?? '<input>', options);
  const { name, sections } = topDefine(ctx, text, 'problem');
  const problem: Problem = { name: name.value, domain: '', objects: [], init: [], goal: [] };
  const typeSet = new Map<string, string>([[ROOT_TYPE, '']]);
  const objects = new Map<string, string>();
  const predicates = new Map<string, PredicateDecl>();
  if (domain) {
    for (const t of domain.types) typeSet.set(t.name, t.parent);
    for (const c of domain.constants) objects.set(c.name, c.type);
    for (const p of domain.predicates) predicates.set(p.name, p);
  }
  const seen = new Set<string>();
  for (const s of sections) {
    const { kw, list } = sectionKeyword(ctx, s, 'problem');
    if (seen.has(kw.value)) ctx.fail('duplicate', `duplicate section ${kw.raw}`, kw);
    seen.add(kw.value);
    switch (kw.value) {
      case ':domain': {
        const dn = ctx.name(list.items[1], 'domain name', list);
        problem.domain = dn.value;
        if (domain && dn.value !== domain.name) {
          const msg = `problem is for domain '${dn.raw}' but the domain is '${domain.name}'`;
          if (!options.allowDomainMismatch) ctx.fail('domain-mismatch', msg, dn);
          ctx.warn(msg, dn);
        }
        break;
      }
      case ':requirements':
        checkRequirements(ctx, list);
        break;
      case ':objects':
        for (const e of typedList(ctx, list.items.slice(1), ':objects', false, list)) {
          if (objects.has(e.name)) {
            if (domain?.constants.some((c) => c.name === e.name && c.type === e.type) && !problem.objects.some((o) => o.name === e.name)) {
              ctx.warn(`object '${e.name}' repeats a domain constant; ignored`, e.pos);
              continue;
            }
            ctx.fail('duplicate', `duplicate object '${e.name}'`, e.pos);
          }
          if (domain && !typeSet.has(e.type)) ctx.fail('undeclared', `undeclared type '${e.type}' for object '${e.name}'`, e.typePos);
          objects.set(e.name, e.type);
          problem.objects.push({ name: e.name, type: e.type });
        }
        break;
      case ':init': {
        const scope: Scope = { predicates, objects, what: ':init' };
        for (const it of list.items.slice(1)) {
          const l = ctx.list(it, 'an initial atom', list);
          const h = ctx.sym(l.items[0], 'a predicate name', l);
          if (h.value === '=' && l.items[1]?.kind === 'list') {
            const f = l.items[1];
            if (f.items.length === 1 && f.items[0]?.kind === 'symbol' && f.items[0].value === 'total-cost') continue;
            ctx.fail('unsupported', 'unsupported construct: numeric fluents (only (= (total-cost) 0) is supported in :init)', h);
          }
          if (h.value === 'not') ctx.fail('syntax', `negative literals are not allowed in :init (closed-world assumption)`, h);
          if (UNSUPPORTED_CONSTRUCTS[h.value]) ctx.fail('unsupported', `unsupported construct: ${UNSUPPORTED_CONSTRUCTS[h.value]}`, h);
          if (!domain) {
            const nm = ctx.name(h, 'predicate name', l);
            problem.init.push({ predicate: nm.value, args: l.items.slice(1).map((a) => ctx.name(a, 'object name', l).value) });
          } else {
            if (h.value === '=') ctx.fail('syntax', `'=' atoms are not allowed in :init`, h);
            problem.init.push(atomOf(ctx, l, scope));
          }
        }
        break;
      }
      case ':goal': {
        if (!domain) {
          // Without a domain, accept any predicate; names and arity are checked when grounding.
          problem.goal = conjunctionLoose(ctx, list.items[1], list);
        } else {
          problem.goal = conjunction(ctx, list.items[1], { predicates, objects, what: ':goal' }, list);
        }
        if (list.items.length > 2) ctx.fail('syntax', `:goal takes one formula; wrap several in (and ...)`, list.items[2]!);
        break;
      }
      case ':metric': {
        const dir = ctx.sym(list.items[1], 'minimize', list);
        const f = list.items[2];
        if (dir.value === 'minimize' && f && f.kind === 'list' && f.items.length === 1 && f.items[0]?.kind === 'symbol' && f.items[0].value === 'total-cost') {
          problem.metric = 'minimize-total-cost';
          break;
        }
        ctx.fail('unsupported', 'unsupported construct: numeric fluents (only (:metric minimize (total-cost)) is supported)', dir);
      }
      // eslint-disable-next-line no-fallthrough
      default:
        ctx.fail('syntax', `unknown problem section ${kw.raw}`, kw);
    }
  }
  if (!seen.has(':domain')) ctx.fail('syntax', 'missing (:domain <name>) section', name);
  if (!seen.has(':goal')) ctx.fail('syntax', 'missing (:goal ...) section', name);
  return problem;
}

function conjunctionLoose(ctx: Ctx, e: SExpr | undefined, at: SourcePos): Literal[] {
  const out: Literal[] = [];
  const walk = (x: SExpr | undefined, pos: SourcePos) => {
    const l = ctx.list(x, 'a goal formula', pos);
    if (l.items.length === 0) return;
    const h = ctx.sym(l.items[0], 'a formula head', l);
    if (h.value === 'and') return l.items.slice(1).forEach((y) => walk(y, y));
    if (UNSUPPORTED_CONSTRUCTS[h.value]) ctx.fail('unsupported', `unsupported construct: ${UNSUPPORTED_CONSTRUCTS[h.value]}`, h);
    const negated = h.value === 'not';
    const a = negated ? ctx.list(l.items[1], 'an atom', h) : l;
    const ah = ctx.sym(a.items[0], 'a predicate name', a);
    const args = a.items.slice(1).map((y) => ctx.name(y, 'object name', a).value);
    out.push({ atom: { predicate: ah.value, args }, negated });
  };
  walk(e, at);
  return out;
}

