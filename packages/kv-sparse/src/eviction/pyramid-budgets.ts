import { KvSparseError } from '../errors/kv-sparse-error.js';

/** Options of {@link pyramidBudgets} (spec §3.2). */
export interface PyramidBudgetOptions {
  /** Observation window w (default 64, reference code). */
  window?: number;
  /** β (default 20, reference code). */
  beta?: number;
  /** Absolute token budget B per layer on average. */
  budget?: number;
  /** Token compression ratio when no absolute budget is given. */
  ratio?: number;
  /** `'reference'` reproduces the reference including its budget-ignoring fallback; `'fixed'` (default) falls back to `min(B, S)` and treats `B ≥ S` as no eviction. */
  compat?: 'reference' | 'fixed';
}

/** Python's `round`: half to even. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (Math.abs(d - 0.5) < 1e-9) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
}

/**
 * PyramidKV per-layer token budgets for a prompt of S tokens over L layers (spec §3.2):
 * `budget_ℓ = round(max − ℓ·(max − min)/(L − 1))` with `min = (B' − w)/β`, `max = 2(B' − w) − min`,
 * capped at `S − w`. `warnings` receives a message when the fixed fallback is taken.
 */
export function pyramidBudgets(S: number, L: number, options: PyramidBudgetOptions = {}, warnings?: string[]): number[] {
  const w = options.window ?? 64;
  const beta = options.beta ?? 20;
  const compat = options.compat ?? 'fixed';
  const { budget, ratio } = options;
  if (budget === undefined && ratio === undefined) throw new KvSparseError('invalid-budget', 'pyramidBudgets: give budget (tokens) or ratio', { field: 'budget' });
  if (budget !== undefined && !(Number.isInteger(budget) && budget > 0)) {
    throw new KvSparseError('invalid-budget', `pyramidBudgets: budget is ${budget}; maxTokens must be a positive integer`, { field: 'budget', actual: budget });
  }
  if (ratio !== undefined && !(ratio >= 0 && ratio < 1)) throw new KvSparseError('invalid-ratio', `pyramidBudgets: ratio is ${ratio}; expected [0, 1)`, { field: 'ratio', actual: ratio });
  if (compat === 'fixed' && budget !== undefined && budget >= S) return Array<number>(L).fill(S);
  const Bp = budget !== undefined ? Math.min(budget, S) : w + S * (1 - ratio!);
  let min = (Bp - w) / beta;
  let max = 2 * (Bp - w) - min;
  if (max >= S - w) {
    max = S - w;
    min = 2 * (Bp - w) - max;
  }
  if (!(S >= max && max >= min && min >= w)) {
    if (compat === 'reference') return Array<number>(L).fill(roundHalfEven(S * (1 - (ratio ?? 0.1))));
    const keep = budget !== undefined ? Math.min(budget, S) : Math.floor(S * (1 - ratio!));
    warnings?.push(`pyramidBudgets: S = ${S}, window ${w}, β ${beta} give min ${min.toFixed(1)} < window; using a uniform SnapKV budget of ${keep} per layer`);
    return Array<number>(L).fill(keep);
  }
  return Array.from({ length: L }, (_, l) => roundHalfEven(max - (l * (max - min)) / (L - 1)));
}
