/** Alert kinds (spec §11 events, §14 monitors). */
export type AlertKind = 'grm-em-divergence' | 'diversity-collapse' | 'format-collapse';

/** A monitor alert: kind, message, the measured value and the threshold it crossed. */
export interface Alert {
  kind: AlertKind;
  message: string;
  value: number;
  threshold: number;
}

/**
 * GRM-vs-EM gap in percentage points: 100 · (mean GRM verdict − mean EM) over judged answers
 * with a reference. A large positive gap is the paper's reward-hacking signal.
 */
export function grmEmGapPoints(pairs: readonly { grm: number; em: number }[]): number {
  if (pairs.length === 0) return 0;
  let g = 0;
  let e = 0;
  for (const p of pairs) {
    g += p.grm;
    e += p.em;
  }
  return (100 * (g - e)) / pairs.length;
}

/** Duplicates per 1,000 among `keys` (e.g. normalised question hashes): (n − distinct) · 1000 / n. */
export function duplicatesPer1000(keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  return ((keys.length - new Set(keys).size) * 1000) / keys.length;
}

/** Alert thresholds (see `AslConfigSchema.monitors`). */
export interface MonitorThresholds {
  grmEmGapPoints: number;
  duplicatesPer1000: number;
  thinkRatioDrop: number;
}

/** Alerts for one step's stats (`grmEmGap`, `duplicatesPer1000`, `thinkRatio`) against the phase's first think ratio. */
export function checkAlerts(stats: Readonly<Record<string, number>>, firstThinkRatio: number | undefined, t: MonitorThresholds): Alert[] {
  const out: Alert[] = [];
  const gap = stats.grmEmGap;
  if (gap !== undefined && gap > t.grmEmGapPoints) out.push({ kind: 'grm-em-divergence', message: `GRM accepts ${gap.toFixed(1)} points more than EM`, value: gap, threshold: t.grmEmGapPoints });
  const dup = stats.duplicatesPer1000;
  if (dup !== undefined && dup > t.duplicatesPer1000) out.push({ kind: 'diversity-collapse', message: `${dup.toFixed(0)} duplicate questions per 1,000`, value: dup, threshold: t.duplicatesPer1000 });
  const think = stats.thinkRatio;
  if (think !== undefined && firstThinkRatio !== undefined && firstThinkRatio > 0 && think < firstThinkRatio * t.thinkRatioDrop) {
    out.push({ kind: 'format-collapse', message: `<think> ratio fell from ${firstThinkRatio.toFixed(2)} to ${think.toFixed(2)}`, value: think, threshold: firstThinkRatio * t.thinkRatioDrop });
  }
  return out;
}
