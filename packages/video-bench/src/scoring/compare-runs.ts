import type { Report } from './score-run.js';

/** Paired comparison of two scored runs on the records both contain (spec §7 extras). */
export interface RunComparison {
  /** Records scored in both runs. */
  shared: number;
  /** Parity accuracy of each run on the shared records. */
  accuracyA: number;
  /** Parity accuracy of run B on the shared records. */
  accuracyB: number;
  /** `accuracyB - accuracyA`. */
  difference: number;
  /** Right in A, wrong in B. */
  onlyA: number;
  /** Wrong in A, right in B. */
  onlyB: number;
  /** Two-sided exact McNemar p-value (binomial test of `onlyA` vs `onlyB` at 1/2). */
  pValue: number;
}

/** Two-sided exact McNemar test: `min(1, 2 · P(X ≤ min(b, c)))` with X ~ Binomial(b + c, 1/2). */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // Sum C(n, i) / 2^n in log space-free form: walk the binomial coefficients as ratios.
  let term = Math.pow(0.5, n);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= (n - i + 1) / i;
    sum += term;
  }
  return Math.min(1, 2 * sum);
}

/** Compares two reports (e.g. 16 vs 32 frames) on their shared record ids, parity accuracy. */
export function compareRuns(a: Report, b: Report): RunComparison {
  const right = new Map(b.rows.map((r) => [r.id, r.correct]));
  let shared = 0;
  let correctA = 0;
  let correctB = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (const row of a.rows) {
    const other = right.get(row.id);
    if (other === undefined) continue;
    shared += 1;
    if (row.correct) correctA += 1;
    if (other) correctB += 1;
    if (row.correct && !other) onlyA += 1;
    if (!row.correct && other) onlyB += 1;
  }
  const accuracyA = shared ? correctA / shared : 0;
  const accuracyB = shared ? correctB / shared : 0;
  return { shared, accuracyA, accuracyB, difference: accuracyB - accuracyA, onlyA, onlyB, pValue: mcnemarExact(onlyA, onlyB) };
}
