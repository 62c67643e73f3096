import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mulberry32 } from '@reasonkit/core';
import { defaultSwissRounds, newSwissState, rematchFreeExists, swissPairRound, swissSchedule, shuffled } from './swiss.js';

const randomPlay = (rand: () => number) => (_r: number, pairs: [string, string][]) => {
  const pts = new Map<string, number>();
  for (const [a, b] of pairs) {
    const s = [0, 0.5, 1][Math.floor(rand() * 3)] as number;
    pts.set(a, s);
    pts.set(b, 1 - s);
  }
  return pts;
};

describe('Swiss pairing (T6)', () => {
  it('M = 7, R = 5, 200 seeds: 3 games + 1 bye per round, 5 distinct byes, no rematch', () => {
    const names = Array.from({ length: 7 }, (_, i) => `m${i}`);
    expect(defaultSwissRounds(7)).toBe(5);
    for (let seed = 1; seed <= 200; seed++) {
      const rand = mulberry32(seed);
      const rounds = swissSchedule(names, 5, rand, randomPlay(mulberry32(seed + 1000)));
      const seen = new Set<string>();
      const byes = new Set<string>();
      for (const r of rounds) {
        expect(r.pairs).toHaveLength(3);
        expect(r.bye).toBeDefined();
        byes.add(r.bye as string);
        expect(r.rematches).toBe(0);
        for (const [a, b] of r.pairs) {
          const k = [a, b].sort().join('|');
          expect(seen.has(k), `seed ${seed} rematch ${k}`).toBe(false);
          seen.add(k);
        }
      }
      expect(byes.size).toBe(5);
    }
  });

  it('properties: rematch only when none avoidable; no repeated bye while someone has none; deterministic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 1e6 }), (m, seed) => {
        const names = Array.from({ length: m }, (_, i) => `e${i}`);
        const R = Math.min(m - 1, Math.ceil(Math.log2(m)) + 2);
        const rand = mulberry32(seed);
        const state = newSwissState();
        const byeCount = new Map<string, number>();
        for (let r = 0; r < R; r++) {
          const order = shuffled(names, rand);
          const free = rematchFreeExists(order, { met: new Set(state.met), byes: new Set(state.byes) });
          const hadNoBye = names.filter((n) => !state.byes.has(n));
          const round = swissPairRound(order, state);
          if (round.rematches > 0) expect(free).toBe(false);
          if (round.bye !== undefined) {
            if (hadNoBye.length > 0) expect(hadNoBye).toContain(round.bye);
            byeCount.set(round.bye, (byeCount.get(round.bye) ?? 0) + 1);
          }
          expect(round.pairs.length).toBe(Math.floor(m / 2));
        }
        const a = swissSchedule(names, R, mulberry32(seed), randomPlay(mulberry32(seed)));
        const b = swissSchedule(names, R, mulberry32(seed), randomPlay(mulberry32(seed)));
        expect(a).toEqual(b);
      }),
      { numRuns: 150 },
    );
  });
});
