import { describe, expect, it } from 'vitest';
import { mulberry32, ReasonkitError } from '@reasonkit/core';
import { Tournament, type PairwiseJudge } from './tournament.js';
import { fitBradleyTerry } from './bradley-terry.js';
import { bootstrapRatings } from './bootstrap.js';
import { matchLogFromJsonl, matchLogToJsonl, type MatchRecord } from './match-record.js';

const entrants = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const topicsOf = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, t) => [`topic ${t}`, Object.fromEntries(entrants.map((e) => [e, `idea of ${e}`]))]));

describe('Tournament', () => {
  it('T5: an always-first judge gives only ties, BT ratings 1000 ± 1e-6, flip rate 1', async () => {
    const judge: PairwiseJudge = async () => ({ winner: 'first', raw: 'first' });
    const t = new Tournament({ entrants, judge });
    const r = await t.run(topicsOf(5));
    expect(r.log.every((m) => m.outcome === 0.5)).toBe(true);
    expect(r.diagnostics.flipRate).toBe(1);
    expect(r.diagnostics.firstPositionWinRate).toBe(1);
    for (const dim of ['novelty', 'experiment', 'motivation']) for (const v of Object.values(fitBradleyTerry(r.log, { dim }).ratings)) expect(Math.abs(v - 1000)).toBeLessThan(1e-6);
    expect(r.log.length).toBe(5 * 5 * 3 * 3);
    expect(r.diagnostics.judgeCalls).toBe(5 * 5 * 3 * 3 * 2);
  });

  it('resumes from a JSONL log without judging again', async () => {
    let calls = 0;
    const judge: PairwiseJudge = async ({ first, second }) => {
      calls++;
      return { winner: first < second ? 'first' : 'second', raw: '' };
    };
    const full = await new Tournament({ entrants, judge }).run(topicsOf(3));
    const callsFull = calls;
    calls = 0;
    const partial = matchLogFromJsonl(matchLogToJsonl(full.log.slice(0, 40)));
    const resumed = await new Tournament({ entrants, judge }).run(topicsOf(3), { resume: partial });
    expect(resumed.log).toEqual(full.log);
    expect(calls).toBe(callsFull - 80);
  });

  it('< 2 entrants → INVALID_ARGUMENT naming `entrants`', () => {
    expect(() => new Tournament({ entrants: ['A'], judge: async () => ({ winner: 'tie', raw: '' }) })).toThrow(ReasonkitError);
    try {
      new Tournament({ entrants: ['A'], judge: async () => ({ winner: 'tie', raw: '' }) });
    } catch (e) {
      expect((e as ReasonkitError).details.field).toBe('entrants');
    }
  });
});

describe.skipIf(!process.env.CI && !process.env.IDEATION_GRAPH_SLOW)('bootstrap coverage (T4, slow suite)', () => {
  it('200 simulated tournaments, B = 200: mean coverage of 95% intervals in [0.90, 0.98]', async () => {
    const truth: Record<string, number> = Object.fromEntries(entrants.map((e, i) => [e, 1000 + 40 * (i - 3)]));
    let covered = 0;
    let total = 0;
    for (let sim = 0; sim < 200; sim++) {
      const rand = mulberry32(1000 + sim);
      const judge: PairwiseJudge = async ({ first, second }) => {
        const a = first.slice(8);
        const b = second.slice(8);
        const p = 1 / (1 + 10 ** (((truth[b] as number) - (truth[a] as number)) / 400));
        return { winner: rand() < p ? 'first' : 'second', raw: '' };
      };
      const r = await new Tournament({ entrants, judge, dims: ['novelty'], seed: sim }).run(topicsOf(100));
      const diffs = bootstrapRatings(r.log, { B: 200, seed: sim }).differences('D');
      for (const [e, d] of Object.entries(diffs)) {
        const want = (truth[e] as number) - (truth.D as number);
        total++;
        if (d.lo <= want && want <= d.hi) covered++;
      }
    }
    const coverage = covered / total;
    expect(coverage).toBeGreaterThanOrEqual(0.9);
    expect(coverage).toBeLessThanOrEqual(0.98);
  }, 600_000);
});

export type { MatchRecord };
