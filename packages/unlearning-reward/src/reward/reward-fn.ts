import { z } from 'zod';
import { InvalidOptionsError, RewardRowError, RougeEmptyError, parseUnlearningOptions } from '../errors/index.js';
import { isSyncDetector, type RefusalDetector, type RefusalVerdict } from '../refusal/detector.js';
import { regexDetector } from '../refusal/regex-detector.js';
import type { RewardRow, RuleSolutionRow } from '../schemas/index.js';
import { pltrdyRecallVerifier, type AnswerVerifier } from '../verify/answer-verifier.js';
import { checkCompletion, normalizeRow, type NormalizedRow } from './normalize-row.js';
import type { Condition, PresetSpec, RefSelection, Term } from './preset-specs.js';

/** A row's reward and its logged components. */
export interface RewardResult {
  overall: number;
  /** RULE's logged components (`overall` always; `rouge_l`, `reject_reward`, `behave_reward` per preset) plus our extras. */
  components: Record<string, number>;
  verdict: RefusalVerdict;
  /** The logged ROUGE-L value, or null when the preset logs none. */
  rougeL: number | null;
  warnings: string[];
}

/** Extras that are **not RULE** (spec §6.4); all off by default. */
export const RewardExtrasSchema = z.object({
  /** Subtract λ when a refuse-row completion contains the forget item's gold (token boundary, case-insensitive). Needs `gold`. */
  leakPenalty: z.number().nonnegative().optional(),
  /** Target mention: `'exact'` = RULE's case-sensitive substring; `'alias-insensitive'` = target or any alias, case-insensitive, token boundary. */
  targetMatch: z.enum(['exact', 'alias-insensitive']).default('exact'),
  /** Subtract μ·max(0, tokens − maxTokens)/maxTokens (whitespace tokens). */
  lengthCap: z.object({ maxTokens: z.number().int().positive(), mu: z.number().nonnegative() }).optional(),
});
/** Input accepted by `RewardExtrasSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type RewardExtras = z.input<typeof RewardExtrasSchema>;

/** A reward function for unlearning rollouts, with a refusal detector and an answer verifier. */
export interface RewardFn {
  readonly name: string;
  /** RULE's `score_function` name, e.g. `forget_two_stage_abs_target`. */
  readonly ruleName: string;
  readonly detector: RefusalDetector;
  readonly verifier: AnswerVerifier;
  /** Scores one row. */
  score(row: RewardRow | RuleSolutionRow, completion: string): Promise<RewardResult>;
  /** Present when detector and verifier are synchronous. */
  scoreSync?(row: RewardRow | RuleSolutionRow, completion: string): RewardResult;
  /** Scores rows (in order). */
  scoreBatch(rows: readonly (RewardRow | RuleSolutionRow)[], completions: readonly string[]): Promise<RewardResult[]>;
  /** Returns a copy of this reward function that uses detector `d`. */
  withDetector(d: RefusalDetector): RewardFn;
  /** Returns a copy of this reward function that uses verifier `v`. */
  withVerifier(v: AnswerVerifier): RewardFn;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const boundaryMatch = (text: string, needle: string) => needle.length > 0 && new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(needle)}(?![\\p{L}\\p{N}])`, 'iu').test(text);

function selectRefs(row: NormalizedRow, sel: RefSelection): string[] {
  if (sel === 'rest') return row.solution.slice(1);
  if (sel === 'first') return [row.solution[1]!];
  return [row.solution[2] ?? ''];
}

function termsOf(spec: PresetSpec, row: NormalizedRow): Term[] {
  return row.label === 'refuse' ? spec.reject : spec.normal;
}

/** The reference selections a row needs (conditions + logged rouge), so async verifiers run once each. */
function neededSelections(spec: PresetSpec, row: NormalizedRow): RefSelection[] {
  const out = new Set<RefSelection>();
  for (const t of termsOf(spec, row)) for (const c of t.when) if (typeof c === 'object') out.add(c.refs);
  const log = spec.rougeLog?.[row.label === 'refuse' ? 'reject' : 'normal'];
  if (log && log !== 'zero') out.add(log);
  return [...out];
}

type VerifierValue = { value: number; error?: string };

function evaluate(spec: PresetSpec, extras: z.output<typeof RewardExtrasSchema>, row: NormalizedRow, completion: string, verdict: RefusalVerdict, scores: Map<RefSelection, VerifierValue>): RewardResult {
  const warnings: string[] = [];
  for (const [sel, v] of scores) if (v.error) warnings.push(`rougeError: ${sel}: ${v.error} (scored 0)`);
  const mention = () => {
    if (extras.targetMatch === 'exact') return completion.includes(row.solution[2]!);
    return [row.solution[2]!, ...(row.aliases ?? [])].some((n) => boundaryMatch(completion, n));
  };
  const holds = (c: Condition): boolean => {
    if (c === 'refusal') return verdict.isRefusal;
    if (c === 'noRefusal') return !verdict.isRefusal;
    if (c === 'targetMention') return mention();
    return scores.get(c.refs)!.value > c.verifierAbove;
  };
  const components: Record<string, number> = {};
  let overall = 0;
  for (const t of termsOf(spec, row)) {
    const ind = t.when.every(holds) ? 1 : 0;
    overall += t.weight * ind;
    if (t.component) components[t.component] = ind;
  }
  let rougeL: number | null = null;
  const log = spec.rougeLog?.[row.label === 'refuse' ? 'reject' : 'normal'];
  if (log) {
    rougeL = log === 'zero' ? 0.0 : scores.get(log)!.value;
    components.rouge_l = rougeL;
  }
  if (extras.leakPenalty !== undefined && row.label === 'refuse') {
    if (!row.gold || row.gold.length === 0) warnings.push('leakPenalty: row has no gold answers; not applied');
    else if (row.gold.some((g) => boundaryMatch(completion, g))) {
      overall -= extras.leakPenalty;
      components.leak_penalty = -extras.leakPenalty;
    }
  }
  if (extras.lengthCap) {
    const n = completion.split(/\s+/).filter(Boolean).length;
    const pen = (extras.lengthCap.mu * Math.max(0, n - extras.lengthCap.maxTokens)) / extras.lengthCap.maxTokens;
    if (pen > 0) {
      overall -= pen;
      components.length_penalty = -pen;
    }
  }
  components.overall = overall;
  return { overall, components, verdict, rougeL, warnings };
}

function verifierValue(run: () => number): VerifierValue {
  try {
    return { value: run() };
  } catch (e) {
    if (e instanceof RougeEmptyError) return { value: 0, error: e.message };
    throw e;
  }
}

async function verifierValueAsync(run: () => number | Promise<number>): Promise<VerifierValue> {
  try {
    return { value: await run() };
  } catch (e) {
    if (e instanceof RougeEmptyError) return { value: 0, error: e.message };
    throw e;
  }
}

/** Build a reward function from a preset spec (term list), a detector and an answer verifier. */
export function createRewardFn(
  spec: PresetSpec,
  o: { name?: string; detector?: RefusalDetector; verifier?: AnswerVerifier; extras?: RewardExtras } = {},
): RewardFn {
  const extras = parseUnlearningOptions(RewardExtrasSchema, o.extras ?? {}, 'reward extras');
  const detector = o.detector ?? regexDetector({ preset: 'rule-strict' });
  const verifier = o.verifier ?? pltrdyRecallVerifier;
  const name = o.name ?? spec.ruleName;
  const prepare = (row: RewardRow | RuleSolutionRow, completion: unknown, index?: number) => {
    const r = normalizeRow(row, index);
    return { r, c: checkCompletion(completion, r.id) };
  };
  const score = async (row: RewardRow | RuleSolutionRow, completion: string, index?: number): Promise<RewardResult> => {
    const { r, c } = prepare(row, completion, index);
    const verdict = await detector.detect(c, { target: r.target, record: r.id });
    const scores = new Map<RefSelection, VerifierValue>();
    for (const sel of neededSelections(spec, r)) scores.set(sel, await verifierValueAsync(() => verifier.score(c, selectRefs(r, sel))));
    return evaluate(spec, extras, r, c, verdict, scores);
  };
  const fn: RewardFn = {
    name,
    ruleName: spec.ruleName,
    detector,
    verifier,
    score: (row, completion) => score(row, completion),
    async scoreBatch(rows, completions) {
      if (rows.length !== completions.length) throw new RewardRowError(`scoreBatch: ${rows.length} rows but ${completions.length} completions`, { field: 'completions' });
      const out: RewardResult[] = [];
      for (let i = 0; i < rows.length; i++) out.push(await score(rows[i]!, completions[i]!, i));
      return out;
    },
    withDetector: (d) => createRewardFn(spec, { ...o, detector: d }),
    withVerifier: (v) => createRewardFn(spec, { ...o, verifier: v }),
  };
  if (isSyncDetector(detector) && !verifier.async) {
    fn.scoreSync = (row, completion) => {
      const { r, c } = prepare(row, completion);
      const verdict = detector.detect(c, { target: r.target, record: r.id });
      const scores = new Map<RefSelection, VerifierValue>();
      for (const sel of neededSelections(spec, r))
        scores.set(
          sel,
          verifierValue(() => {
            const v = verifier.score(c, selectRefs(r, sel));
            if (typeof v !== 'number') {
              void Promise.resolve(v).catch(() => undefined);
              throw new InvalidOptionsError(`scoreSync: verifier '${verifier.name}' is asynchronous; use score()`, 'verifier');
            }
            return v;
          }),
        );
      return evaluate(spec, extras, r, c, verdict, scores);
    };
  }
  return fn;
}
