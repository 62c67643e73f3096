import { describe, expect, it } from 'vitest';
import { run } from './main.js';

describe('example: ideation-tournament', () => {
  it('ideas are accepted with their graph links resolved or not; the tournament ranks the grounded researcher first', async () => {
    const r = await run({ topics: ['graph robustness'], papers: 3, log: () => {} });
    const res = r.results['graph robustness']!;
    expect(res['graph-grounded']!.unresolvedKgRefs).toHaveLength(0);
    expect(res['graph-grounded']!.kgRefs.length).toBe(2);
    expect(res.fabricated!.unresolvedKgRefs.length).toBe(2);
    const avg = (e: string) => r.leaderboard.find((x) => x.entrant === e)!.bt.avg!.rating;
    expect(avg('graph-grounded')).toBeGreaterThan(avg('ungrounded'));
    expect(avg('graph-grounded')).toBeGreaterThan(avg('fabricated'));
    // every match is judged in both orders (3 dimensions per pairing)
    expect(r.tournament.diagnostics.judgeCalls).toBe(2 * r.tournament.log.length);
  });
});
