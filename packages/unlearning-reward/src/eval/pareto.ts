import { trapezoid } from '../stats/descriptive.js';

/** A method's point on the forget/utility trade-off. */
export interface TradeoffPoint {
  /** x = 1 − forget score (in [0, 1]). */
  x: number;
  /** y = retain score (in [0, 1]). */
  y: number;
  label?: string;
}

/**
 * Trade-off AUC (spec §2.3, inferred definition): keep points with y ≥ retainFloor, sort by x, trapezoidal
 * ∫ y dx; fewer than two points → 0.
 */
export function paretoAuc(points: readonly TradeoffPoint[], o: { retainFloor?: number } = {}): number {
  const floor = o.retainFloor ?? 0;
  const kept = points.filter((p) => p.y >= floor).sort((a, b) => a.x - b.x);
  if (kept.length < 2) return 0;
  return trapezoid(
    kept.map((p) => p.x),
    kept.map((p) => p.y),
  );
}

/** Non-dominated points (maximise both x and y), sorted by x. */
export function paretoFrontier(points: readonly TradeoffPoint[]): TradeoffPoint[] {
  return [...points]
    .filter((p) => !points.some((q) => q !== p && q.x >= p.x && q.y >= p.y && (q.x > p.x || q.y > p.y)))
    .sort((a, b) => a.x - b.x);
}
