import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson.js';

describe('wilsonInterval', () => {
  it('matches hand-computed Wilson 95% bounds', () => {
    // 5/8: centre (0.625 + z²/16)/(1 + z²/8), half-width z·sqrt(p(1-p)/8 + z²/256)/(1 + z²/8).
    const [lo, hi] = wilsonInterval(5, 8);
    expect(lo).toBeCloseTo(0.30574239460262737, 12);
    expect(hi).toBeCloseTo(0.8631557141764026, 12);
    const [lo0, hi0] = wilsonInterval(0, 3);
    expect(lo0).toBeCloseTo(0, 12);
    expect(hi0).toBeCloseTo(0.5614970317550454, 12);
    expect(wilsonInterval(3, 3)[1]).toBe(1);
    expect(wilsonInterval(3, 3)[0]).toBeCloseTo(0.4385029682449546, 12);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});
