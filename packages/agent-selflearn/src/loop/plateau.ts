import { AslError } from '../errors/asl-error.js';

/** Options of `plateau`. */
export interface PlateauOptions {
  /**
   * `asl`: `history` is the whole step history, newest first; values are read until the first
   * step of another phase (logged as −1), the oldest record is never included, and a zero
   * denominator gives NaN/∞ so the phase never ends (spec §2.2, pitfall 9).
   */
  compat?: 'asl';
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function relChange(newer: readonly number[], older: readonly number[], guarded: boolean): number {
  const a = mean(newer);
  const b = mean(older);
  if (guarded && Math.abs(b) < 1e-12) return a - b;
  return (a - b) / b;
}

/**
 * Plateau test (spec §2.2). With r the per-step mean role score, newest first, and window W:
 * long = (mean r[0:W/2] − mean r[W/2:W]) / mean r[W/2:W], short = the same over W/4 halves of
 * r[0:W/2]. True when **more than W** values exist and long < eps and short < eps (signed: a
 * decline also ends the phase). Default: |denominator| < 1e-12 uses the absolute difference.
 */
export function plateau(history: readonly number[], window: number, eps = 0.005, options: PlateauOptions = {}): boolean {
  if (!Number.isInteger(window) || window < 4) {
    throw new AslError('config', `plateau: window must be an integer >= 4, got ${window}`, { field: 'window', actual: window });
  }
  if (!(eps >= 0)) throw new AslError('config', `plateau: eps must be >= 0, got ${eps}`, { field: 'eps', actual: eps });
  let r = history;
  if (options.compat === 'asl') {
    const stop = history.indexOf(-1);
    r = stop >= 0 ? history.slice(0, stop) : history.slice(0, Math.max(0, history.length - 1));
  }
  if (r.length <= window) return false;
  const half = Math.floor(window / 2);
  const quarter = Math.floor(window / 4);
  const guarded = options.compat !== 'asl';
  const long = relChange(r.slice(0, half), r.slice(half, window), guarded);
  const short = relChange(r.slice(0, quarter), r.slice(quarter, half), guarded);
  return long < eps && short < eps;
}
