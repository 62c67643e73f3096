/** Two-sided 95% normal quantile (`scipy.stats.norm.ppf(0.975)`). */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval of a proportion `correct / total` [our choice, spec §7 extras], clamped
 * to [0, 1]; `[0, 1]` when `total` is 0.
 */
export function wilsonInterval(correct: number, total: number, z: number = Z95): [number, number] {
  if (total === 0) return [0, 1];
  const p = correct / total;
  const z2 = z * z;
  const denom = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
