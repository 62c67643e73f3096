import type { DomainVerbalizer } from '../bench/verbalizer.js';
import { verbalizeAction } from '../bench/verbalizer.js';
import type { GroundAction, GroundTask } from '../pddl/ground.js';
import { isGoal, stateAtoms } from '../pddl/state.js';
import type { State } from '../pddl/state.js';
import type { LlmWorldModel, LlmWorldModelOptions, ParsedState } from './llm-world-model.js';
import { llmWorldModel } from './llm-world-model.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Renders a state as PlanBench-style prose: facts in fact-id order, verbalized, joined with commas and "and". */
export function verbalizeState(task: GroundTask, s: State, v: DomainVerbalizer): string {
  const parts = stateAtoms(task, s).map((f) => verbalizeFact(f, v));
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function verbalizeFact(fact: string, v: DomainVerbalizer): string {
  const [pred, ...args] = fact.slice(1, -1).split(' ');
  const t = v.predicates[pred!];
  if (!t) return fact;
  let i = 0;
  return t.replace(/\{\}/g, () => {
    const a = args[i++] ?? '?';
    return v.objectNames[a] ?? a;
  });
}

/**
 * Parses prose back into a state of `task`: the text (up to `[END]`) is split into clauses at
 * commas, semicolons, full stops, new lines and the word "and"; each clause must match one
 * predicate template exactly (longest template first) with known object names, and the atom
 * must be a fact of the grounded task. Any other clause rejects the whole prediction (nothing
 * is dropped silently). Facts not mentioned are false (closed world, as PlanBench states).
 */
export function parseVerbalizedState(text: string, task: GroundTask, v: DomainVerbalizer): ParsedState<State> {
  const body = text.split('[END]')[0]!;
  const names = Object.entries(v.objectNames).map(([id, n]) => [n.toLowerCase(), id] as const);
  const byName = new Map(names);
  const templates = Object.entries(v.predicates)
    .map(([pred, t]) => ({ pred, t, re: new RegExp(`^${escape(t.toLowerCase()).replace(/\\\{\\\}/g, '(.+?)')}$`) }))
    .sort((a, b) => b.t.length - a.t.length);
  const clauses = body
    .toLowerCase()
    .split(/[,;.\n]|\band\b/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  if (clauses.length === 0) return { ok: false, error: 'empty state description' };
  const s = new Uint32Array(task.words);
  for (const c of clauses) {
    let id: number | undefined;
    let near: string | undefined;
    for (const { pred, re } of templates) {
      const m = re.exec(c);
      if (!m) continue;
      const args = m.slice(1).map((x) => byName.get(x.trim()) ?? x.trim());
      const fact = args.length ? `(${pred} ${args.join(' ')})` : `(${pred})`;
      id = task.factIndex.get(fact);
      if (id !== undefined) break;
      near ??= fact;
    }
    if (id === undefined) return { ok: false, error: near ? `clause '${c}' reads as ${near}, not a fact of this task` : `unrecognised clause '${c}'` };
    s[id >>> 5]! |= 1 << (id & 31);
  }
  return { ok: true, state: s };
}

/** Options of the verbalised (text-state) world model. */
export type VerbalizedWorldModelOptions = Omit<LlmWorldModelOptions<State, GroundAction, void>, 'init' | 'prompt' | 'parse' | 'isTerminal'> & {
  verbalizer: DomainVerbalizer;
  /** Custom prompt; default: intro, `[STATE]`, `[ACTION]`, `[NEXT STATE]` (our layout). */
  prompt?: (stateText: string, actionText: string) => string;
};

/**
 * RAP on a PDDL task: states are bitsets over the task's facts (the same `State` as
 * `symbolicWorldModel`, so `oracleSearchConfig` and the planners' heuristics apply), but the
 * next state is predicted by the LM from the verbalized state and action and parsed back with
 * `parseVerbalizedState`. Legal actions are enumerated symbolically by the search config (RAP).
 */
export function verbalizedWorldModel(task: GroundTask, options: VerbalizedWorldModelOptions): LlmWorldModel<State, GroundAction, void> {
  const v = options.verbalizer;
  const render =
    options.prompt ?? ((st: string, at: string) => `${v.intro.trim()}\n\nPredict the state after the action. Describe every fact that holds, then write [END].\n[STATE]\n${st}.\n[ACTION]\n${at}.\n[NEXT STATE]\n`);
  const { verbalizer: _v, prompt: _p, ...rest } = options;
  return llmWorldModel<State, GroundAction, void>({
    stop: ['[END]'],
    ...rest,
    init: () => task.init,
    prompt: (s, a) => render(verbalizeState(task, s, v), verbalizeAction(a, v)),
    parse: (text) => parseVerbalizedState(text, task, v),
    isTerminal: (s) => isGoal(task, s),
  });
}
