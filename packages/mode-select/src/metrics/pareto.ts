import type { ModeOutcome } from './routed-metrics.js';

/** One threshold's routed result. */
export interface ThresholdPoint {
  /** NoThinking iff pNoThink > threshold. */
  threshold: number;
  avgTokens: number;
  routedAcc: number;
  saved: number | null;
  deltaAcc: number;
  noThinkRate: number;
}

/**
 * Every distinct operating point of a score: thresholds = the distinct scores, plus 0 (everything
 * above 0 skips thinking), sorted descending (spec §8.4). The first point (λ = max score) is the
 * "always think" end.
 */
export function thresholdSweep(outcomes: readonly ModeOutcome[], scores: readonly number[]): ThresholdPoint[] {
  const thresholds = [...new Set([...scores, 0])].sort((a, b) => b - a);
  // Sort once and sweep, so the sweep is O(n log n) rather than O(n · thresholds).
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const n = outcomes.length;
  let acc = 0;
  let tokens = 0;
  let think = 0;
  for (const o of outcomes) {
    acc += o.yThink;
    tokens += o.lenThink;
    think += o.lenThink;
  }
  const accThink = acc / n;
  const points: ThresholdPoint[] = [];
  let k = 0;
  for (const t of thresholds) {
    while (k < order.length && scores[order[k]!]! > t) {
      const o = outcomes[order[k]!]!;
      acc += o.yNoThink - o.yThink;
      tokens += o.lenNoThink - o.lenThink;
      k++;
    }
    points.push({
      threshold: t,
      avgTokens: tokens / n,
      routedAcc: acc / n,
      saved: think > 0 ? 1 - tokens / think : null,
      deltaAcc: acc / n - accThink,
      noThinkRate: k / n,
    });
  }
  return points;
}

/** The Pareto front of (AvgTokens ↓, RoutedAcc ↑) over the sweep, sorted by tokens. */
export function paretoFront(points: readonly ThresholdPoint[]): ThresholdPoint[] {
  const sorted = [...points].sort((a, b) => a.avgTokens - b.avgTokens || b.routedAcc - a.routedAcc);
  const front: ThresholdPoint[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.routedAcc > best) {
      front.push(p);
      best = p.routedAcc;
    }
  }
  return front;
}

/**
 * The operating point: the threshold with the largest Saved% subject to ΔAcc ≥ −maxAccDrop
 * (spec §8.4); ties toward the higher threshold. `null` when no point qualifies.
 */
export function operatingPoint(points: readonly ThresholdPoint[], maxAccDrop = 0.01): ThresholdPoint | null {
  let best: ThresholdPoint | null = null;
  for (const p of points) {
    if (p.deltaAcc < -maxAccDrop - 1e-12 || p.saved === null) continue;
    if (best === null || p.saved > best.saved! + 1e-15 || (Math.abs(p.saved - best.saved!) <= 1e-15 && p.threshold > best.threshold)) best = p;
  }
  return best;
}
