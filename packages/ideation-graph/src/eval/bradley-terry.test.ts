import { describe, expect, it } from 'vitest';
import { mulberry32, ReasonkitError } from '@reasonkit/core';
import { fitBradleyTerry } from './bradley-terry.js';
import type { MatchRecord } from './match-record.js';

const g = (a: string, b: string, outcome: number): MatchRecord => ({ topic: 't', round: 0, dim: 'n', a, b, outcome });

describe('Bradley–Terry (T2 goldens, ±0.01)', () => {
  it('A beats B 3 of 4', () => {
    const r = fitBradleyTerry([g('A', 'B', 1), g('A', 'B', 1), g('A', 'B', 1), g('A', 'B', 0)]).ratings;
    expect(Math.abs((r.A as number) - 1082.42)).toBeLessThan(0.01);
    expect(Math.abs((r.B as number) - 917.58)).toBeLessThan(0.01);
  });
  it('three players with a tie', () => {
    const r = fitBradleyTerry([g('A', 'B', 1), g('A', 'B', 1), g('A', 'B', 0.5), g('B', 'C', 1), g('C', 'B', 1), g('A', 'C', 1)]).ratings;
    expect(Math.abs((r.A as number) - 1178.71)).toBeLessThan(0.01);
    expect(Math.abs((r.B as number) - 923.99)).toBeLessThan(0.01);
    expect(Math.abs((r.C as number) - 908.3)).toBeLessThan(0.01);
  });
  it('all wins stay finite', () => {
    const r = fitBradleyTerry(Array.from({ length: 5 }, () => g('A', 'B', 1))).ratings;
    expect(Math.abs((r.A as number) - 1239.4)).toBeLessThan(0.01);
    expect(Math.abs((r.B as number) - 760.6)).toBeLessThan(0.01);
  });
  it('α → 0 is the MLE: 3 wins to 1 → 400·log10 3', () => {
    const r = fitBradleyTerry([g('A', 'B', 1), g('A', 'B', 1), g('A', 'B', 1), g('A', 'B', 0)], { prior: 1e-9 }).ratings;
    expect(Math.abs((r.A as number) - (r.B as number) - 190.85)).toBeLessThan(0.01);
  });
  it('anchors and disconnected warning', () => {
    const log = [g('A', 'B', 1), g('C', 'D', 0)];
    const fit = fitBradleyTerry(log, { anchor: 'mean1000' });
    const mean = Object.values(fit.ratings).reduce((a, b) => a + b, 0) / 4;
    expect(mean).toBeCloseTo(1000, 9);
    expect(fit.warnings[0]?.kind).toBe('disconnected');
    expect(fitBradleyTerry(log, { anchor: { pin: 'B' } }).ratings.B).toBeCloseTo(1000, 9);
  });
  it('negative prior → INVALID_ARGUMENT naming `prior`', () => {
    expect(() => fitBradleyTerry([], { prior: -1 })).toThrow(ReasonkitError);
    try {
      fitBradleyTerry([], { prior: -1 });
    } catch (e) {
      expect((e as ReasonkitError).details.field).toBe('prior');
    }
  });
});

describe('Bradley–Terry recovery (T3)', () => {
  it('8 players, 8,000 games, seeds 1–20: MAE < 14 after centring, exact order', () => {
    const truth = Array.from({ length: 8 }, (_, i) => 1000 + 50 * i);
    const names = truth.map((_, i) => `p${i}`);
    for (let seed = 1; seed <= 20; seed++) {
      const rand = mulberry32(seed);
      const log: MatchRecord[] = [];
      for (let k = 0; k < 8000; k++) {
        const i = Math.floor(rand() * 8);
        let j = Math.floor(rand() * 7);
        if (j >= i) j++;
        const p = 1 / (1 + 10 ** (((truth[j] as number) - (truth[i] as number)) / 400));
        log.push(g(names[i] as string, names[j] as string, rand() < p ? 1 : 0));
      }
      const r = fitBradleyTerry(log, { anchor: 'mean1000' }).ratings;
      const est = names.map((n) => r[n] as number);
      const meanT = truth.reduce((a, b) => a + b, 0) / 8;
      const mae = est.reduce((s, e, i) => s + Math.abs(e - 1000 - ((truth[i] as number) - meanT)), 0) / 8;
      expect(mae, `seed ${seed}`).toBeLessThan(14);
      for (let i = 1; i < 8; i++) expect(est[i] as number, `seed ${seed} order ${i}`).toBeGreaterThan(est[i - 1] as number);
    }
  });
});
