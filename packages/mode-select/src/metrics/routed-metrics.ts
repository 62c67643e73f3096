import { ReasonkitError } from '@reasonkit/core';

/** What each mode gives on one question (pass rates and mean generated tokens, spec §7.2). */
export interface ModeOutcome {
  yNoThink: number;
  yThink: number;
  lenNoThink: number;
  lenThink: number;
}

/** Routed-system metrics of spec §8.2. */
export interface RoutedMetrics {
  routedAcc: number;
  avgTokens: number;
  /** AvgTokens plus each question's selector overhead tokens. */
  avgTokensWithOverhead: number;
  /** AvgTokens / AvgTokens(always-think) (DEER's compression ratio); `null` when always-think uses 0 tokens. */
  cr: number | null;
  /** 1 − CR. */
  saved: number | null;
  /** RoutedAcc − Acc(always-think). */
  deltaAcc: number;
  noThinkRate: number;
}

function checkDecisions(outcomes: readonly ModeOutcome[], decisions: readonly number[]): void {
  if (outcomes.length !== decisions.length) {
    throw new ReasonkitError('INVALID_ARGUMENT', `routedMetrics: ${outcomes.length} outcomes but ${decisions.length} decisions`, { field: 'decisions' });
  }
  if (outcomes.length === 0) throw new ReasonkitError('INVALID_ARGUMENT', 'routedMetrics: no outcomes', { field: 'outcomes' });
}

/** Mean of a field over the outcomes. */
export function meanOf(outcomes: readonly ModeOutcome[], key: keyof ModeOutcome): number {
  let s = 0;
  for (const o of outcomes) s += o[key];
  return s / outcomes.length;
}

/**
 * RoutedAcc = (1/n)·Σ [d·yNT + (1 − d)·yT], AvgTokens likewise, CR, Saved%, ΔAcc, NoThinkRate
 * (spec §8.2). `decisions[i]` is 1 for NoThinking (d may also be a probability for closed forms).
 */
export function routedMetrics(outcomes: readonly ModeOutcome[], decisions: readonly number[], overheadTokens?: readonly number[]): RoutedMetrics {
  checkDecisions(outcomes, decisions);
  const n = outcomes.length;
  let acc = 0;
  let tokens = 0;
  let overhead = 0;
  let rate = 0;
  for (let i = 0; i < n; i++) {
    const o = outcomes[i]!;
    const d = decisions[i]!;
    acc += d * o.yNoThink + (1 - d) * o.yThink;
    tokens += d * o.lenNoThink + (1 - d) * o.lenThink;
    overhead += overheadTokens?.[i] ?? 0;
    rate += d;
  }
  const thinkTokens = meanOf(outcomes, 'lenThink');
  const avgTokens = tokens / n;
  const cr = thinkTokens > 0 ? avgTokens / thinkTokens : null;
  return {
    routedAcc: acc / n,
    avgTokens,
    avgTokensWithOverhead: (tokens + overhead) / n,
    cr,
    saved: cr === null ? null : 1 - cr,
    deltaAcc: acc / n - meanOf(outcomes, 'yThink'),
    noThinkRate: rate / n,
  };
}

/** Oracle decisions d = 1[yNT ≥ yT] (spec §8.3). */
export function oracleDecisions(outcomes: readonly ModeOutcome[]): number[] {
  return outcomes.map((o) => (o.yNoThink >= o.yThink ? 1 : 0));
}

/** Random routing at NoThinking rate r, closed form (spec §8.3). */
export function randomAtRate(outcomes: readonly ModeOutcome[], rate: number): { acc: number; avgTokens: number; saved: number | null } {
  const acc = rate * meanOf(outcomes, 'yNoThink') + (1 - rate) * meanOf(outcomes, 'yThink');
  const avgTokens = rate * meanOf(outcomes, 'lenNoThink') + (1 - rate) * meanOf(outcomes, 'lenThink');
  const think = meanOf(outcomes, 'lenThink');
  return { acc, avgTokens, saved: think > 0 ? 1 - avgTokens / think : null };
}

/** Largest random rate with ΔAcc ≥ −maxAccDrop: 1 if mean(yNT) ≥ mean(yT), else min(1, maxAccDrop / gap) (spec §8.4). */
export function constrainedRandomRate(outcomes: readonly ModeOutcome[], maxAccDrop = 0.01): number {
  const gap = meanOf(outcomes, 'yThink') - meanOf(outcomes, 'yNoThink');
  return gap <= 0 ? 1 : Math.min(1, maxAccDrop / gap);
}

/**
 * Oracle-gap closure G = (Saved_method − Saved_random) / (Saved_oracle − Saved_random), random at
 * its constrained rate (spec §8.4). Denominator ≤ 0 → `null`. G may exceed 1.
 */
export function oracleGapClosure(outcomes: readonly ModeOutcome[], savedMethod: number | null, maxAccDrop = 0.01): number | null {
  if (savedMethod === null) return null;
  const savedRandom = randomAtRate(outcomes, constrainedRandomRate(outcomes, maxAccDrop)).saved;
  const savedOracle = routedMetrics(outcomes, oracleDecisions(outcomes)).saved;
  if (savedRandom === null || savedOracle === null) return null;
  const den = savedOracle - savedRandom;
  return den <= 0 ? null : (savedMethod - savedRandom) / den;
}
