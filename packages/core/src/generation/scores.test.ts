import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/mulberry32.js';
import { logSoftmaxRow, sumExpShifted } from './scores.js';

/** The definition, summed with `Math.exp` (what `logSoftmaxRow` and the logprob of a step used before). */
function referenceLogSoftmax(row: Float32Array): Float64Array {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  const lse = max + Math.log(sum);
  return Float64Array.from(row, (v) => v - lse);
}

function randomRow(length: number, scale: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length }, () => (rand() * 2 - 1) * scale);
}

describe('sumExpShifted', () => {
  it('agrees with Math.exp sums to 1e-13 relative, from a row of 2 to a 32,000-token vocabulary', () => {
    for (const [length, scale, seed] of [[2, 1, 1], [512, 8, 2], [512, 40, 3], [32000, 5, 4], [32000, 30, 5], [32000, 200, 6]] as const) {
      const row = randomRow(length, scale, seed);
      let max = -Infinity;
      for (const v of row) if (v > max) max = v;
      let want = 0;
      for (const v of row) want += Math.exp(v - max);
      expect(Math.abs(sumExpShifted(row, max) - want) / want).toBeLessThan(1e-13);
    }
  });

  it('gives exact values on hand-checked rows: exp(0) = 1, exp(-ln 2) = 1/2, exp(-1) = 1/e', () => {
    expect(sumExpShifted(Float32Array.of(0), 0)).toBe(1);
    expect(sumExpShifted(Float32Array.of(3, 3, 3), 3)).toBe(3);
    const half = Math.fround(-Math.LN2);
    expect(sumExpShifted(Float32Array.of(0, half), 0)).toBeCloseTo(1 + Math.exp(half), 15);
    expect(sumExpShifted(Float32Array.of(1, 0), 1)).toBeCloseTo(1 + 1 / Math.E, 15);
  });

  it('skips -Infinity and terms below exp(-80) of the maximum, and propagates NaN', () => {
    expect(sumExpShifted(Float32Array.of(0, -Infinity, -Infinity), 0)).toBe(1);
    expect(sumExpShifted(Float32Array.of(0, -81), 0)).toBe(1);
    expect(sumExpShifted(Float32Array.of(0, -79), 0)).toBeCloseTo(1 + Math.exp(-79), 15);
    expect(sumExpShifted(Float32Array.of(0, Number.NaN), 0)).toBeNaN();
  });
});

describe('logSoftmaxRow', () => {
  it('matches the Math.exp definition to 1e-6 (absolute) at vocab 512 and 32,000, with suppressed tokens', () => {
    for (const [length, scale, seed] of [[512, 10, 7], [32000, 12, 8]] as const) {
      const row = randomRow(length, scale, seed);
      for (let i = 0; i < length; i += 97) row[i] = -Infinity;
      const got = logSoftmaxRow(row);
      const want = referenceLogSoftmax(row);
      let worst = 0;
      for (let i = 0; i < length; i++) {
        if (want[i] === -Infinity) expect(got[i]).toBe(-Infinity);
        else worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
      }
      expect(worst).toBeLessThan(1e-6);
    }
  });
});
