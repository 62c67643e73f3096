import { ReasonkitError } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { uniformIndices } from './uniform-indices.js';

const golden = (s: string) => s.split(' ').map(Number);

describe('uniformIndices (spec §5.1 goldens)', () => {
  it.each([
    [100, 32, '0 3 6 9 12 15 19 22 25 28 31 35 38 41 44 47 51 54 57 60 63 67 70 73 76 79 83 86 89 92 95 99'],
    [10, 32, '0 0 0 0 1 1 1 2 2 2 2 3 3 3 4 4 4 4 5 5 5 6 6 6 6 7 7 7 8 8 8 9'],
    [300, 8, '0 42 85 128 170 213 256 299'],
    [2, 3, '0 0 1'],
    [1, 4, '0 0 0 0'],
    [7, 1, '0'],
    [1000, 16, '0 66 133 199 266 333 399 466 532 599 666 732 799 865 932 999'],
    [30, 8, '0 4 8 12 16 20 24 29'],
  ])('N=%i k=%i', (n, k, expected) => {
    expect(uniformIndices(n, k)).toEqual(golden(expected));
  });

  it('agrees with the exact rational floor up to float64 rounding at integers (property, §11.5)', () => {
    // numpy multiplies j by a float64 step; the exact value is j*(N-1)/(k-1). They can only
    // differ when the exact value is an integer and the float product lands just below it.
    for (let n = 1; n <= 3000; n += n < 100 ? 1 : 53) {
      for (let k = 1; k <= 64; k++) {
        const got = uniformIndices(n, k);
        expect(got.length).toBe(k);
        expect(got[k - 1]).toBe(k === 1 ? 0 : n - 1);
        for (let j = 0; j < k - 1; j++) {
          const num = j * (n - 1);
          const exact = Math.floor(num / (k - 1));
          const g = got[j]!;
          if (g !== exact) {
            expect(g).toBe(exact - 1);
            expect(num % (k - 1)).toBe(0);
          }
          if (j > 0 && g < got[j - 1]!) throw new Error(`not monotone at N=${n} k=${k} j=${j}`);
        }
      }
    }
  });

  it('rejects N = 0 and k = 0 with typed errors', () => {
    expect(() => uniformIndices(0, 8)).toThrow(ReasonkitError);
    expect(() => uniformIndices(0, 8)).toThrow(/frameCount/);
    expect(() => uniformIndices(10, 0)).toThrow(/k must be/);
    expect(() => uniformIndices(10.5, 2)).toThrow(/frameCount/);
  });
});
