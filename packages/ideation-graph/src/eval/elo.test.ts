import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eloUpdate, expectedScore, onlineElo } from './elo.js';

describe('Elo (T1)', () => {
  it('expected scores', () => {
    expect(expectedScore(1000, 1000)).toBe(0.5);
    expect(expectedScore(1400, 1000)).toBeCloseTo(0.9090909, 6);
    expect(expectedScore(1038, 1000)).toBeCloseTo(0.554469, 6);
    expect(expectedScore(1100, 1000)).toBeCloseTo(0.640065, 6);
    expect(expectedScore(1200, 1000)).toBeCloseTo(0.759747, 6);
  });
  it('updates', () => {
    expect(eloUpdate(1000, 1000, 1, 32)).toEqual([1016, 984]);
    const [a1, b1] = eloUpdate(1000, 1000, 1, 16);
    expect([a1, b1]).toEqual([1008, 992]);
    const [a2, b2] = eloUpdate(a1, b1, 0, 16);
    expect(a2).toBeCloseTo(999.631847, 6);
    expect(b2).toBeCloseTo(1000.368153, 6);
  });
  it('properties: E_A + E_B = 1, zero-sum, mirror symmetry', () => {
    const r = fc.double({ min: 0, max: 3000, noNaN: true });
    fc.assert(
      fc.property(r, r, fc.constantFrom(0, 0.5, 1), (ra, rb, s) => {
        expect(expectedScore(ra, rb) + expectedScore(rb, ra)).toBeCloseTo(1, 12);
        const [na, nb] = eloUpdate(ra, rb, s);
        expect(na + nb).toBeCloseTo(ra + rb, 9);
        const [mb, ma] = eloUpdate(rb, ra, 1 - s);
        expect(ma).toBeCloseTo(na, 9);
        expect(mb).toBeCloseTo(nb, 9);
      }),
    );
  });
  it('onlineElo: single pass reproduces the update chain; permutations average', () => {
    const log = [
      { topic: 't', round: 0, dim: 'n', a: 'A', b: 'B', outcome: 1 },
      { topic: 't', round: 1, dim: 'n', a: 'A', b: 'B', outcome: 0 },
    ];
    const single = onlineElo(log, { singlePass: true });
    expect(single.A).toBeCloseTo(999.631847, 6);
    const avg = onlineElo(log, { permutations: 50 });
    expect((avg.A as number) + (avg.B as number)).toBeCloseTo(2000, 9);
  });
});
