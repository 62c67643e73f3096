/**
 * Shannon entropy (natural log) of the empirical distribution of `values`:
 * H = −Σ_v p_v ln p_v (spec §2.3 step 5). 0 for an empty list.
 */
export function verdictEntropy(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / values.length;
    h -= p * Math.log(p);
  }
  return h === 0 ? 0 : h;
}
