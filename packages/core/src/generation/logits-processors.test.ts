import { describe, expect, it } from 'vitest';
import {
  badWordsProcessor,
  minNewTokensProcessor,
  noRepeatNgramProcessor,
  repetitionPenaltyProcessor,
  suppressTokensProcessor,
  temperatureProcessor,
  topKProcessor,
  topPProcessor,
} from './logits-processors.js';

const row = (...v: number[]) => Float32Array.from(v);

describe('logits processors', () => {
  it('repetitionPenalty divides positive and multiplies negative logits of seen ids once', () => {
    const l = row(2, -2, 4, 1);
    repetitionPenaltyProcessor(2)([0, 1, 0], l);
    expect([...l]).toEqual([1, -4, 4, 1]);
  });

  it('noRepeatNgram bans the token completing a seen n-gram', () => {
    const l = row(0, 0, 0, 0, 0);
    // bigram (1,2) seen; the sequence ends with 1 → 2 is banned; (3,4) not ending → 4 allowed
    noRepeatNgramProcessor(2)([1, 2, 3, 4, 1], l);
    expect([...l]).toEqual([0, 0, -Infinity, 0, 0]);
    const l3 = row(0, 0, 0, 0, 0);
    noRepeatNgramProcessor(3)([1, 2, 3, 1, 2], l3);
    expect([...l3]).toEqual([0, 0, 0, -Infinity, 0]);
  });

  it('badWords bans single tokens always and multi-token sequences after their prefix', () => {
    const l = row(0, 0, 0, 0);
    badWordsProcessor([[3], [1, 2], [0, 1]])([5, 1], l);
    expect([...l]).toEqual([0, 0, -Infinity, -Infinity]);
  });

  it('minNewTokens bans EOS only until enough tokens were generated', () => {
    const p = minNewTokensProcessor(2, 3, [1]);
    const a = row(0, 5, 0);
    p([9, 9, 9, 4], a);
    expect(a[1]).toBe(-Infinity);
    const b = row(0, 5, 0);
    p([9, 9, 9, 4, 4], b);
    expect(b[1]).toBe(5);
  });

  it('suppressTokens and temperature', () => {
    const l = row(1, 2, 3);
    suppressTokensProcessor([0])([], l);
    temperatureProcessor(2)([], l);
    expect([...l]).toEqual([-Infinity, 1, 1.5]);
    expect(() => temperatureProcessor(0)).toThrow(/temperature/);
  });

  it('topK keeps the k largest (and ties with the k-th)', () => {
    const l = row(1, 5, 3, 5, 2);
    topKProcessor(2)([], l);
    expect([...l]).toEqual([-Infinity, 5, -Infinity, 5, -Infinity]);
    const m = row(1, 4, 3, 5, 3);
    topKProcessor(3)([], m);
    expect([...m]).toEqual([-Infinity, 4, 3, 5, 3]);
  });

  it('topP keeps the smallest nucleus reaching p', () => {
    const probs = [0.1, 0.3, 0.25, 0.2, 0.15];
    const l = Float32Array.from(probs, Math.log);
    topPProcessor(0.5)([], l);
    // 0.3 + 0.25 = 0.55 >= 0.5
    expect([...l].map((v) => v > -Infinity)).toEqual([false, true, true, false, false]);
    const l2 = Float32Array.from(probs, Math.log);
    topPProcessor(0.3)([], l2); // the top token alone reaches 0.3 (within float rounding it may need 2)
    expect(l2[1]).toBeGreaterThan(-Infinity);
    expect(l2[0]).toBe(-Infinity);
    const l3 = Float32Array.from(probs, Math.log);
    topPProcessor(0.01)([], l3);
    expect([...l3].filter((v) => v > -Infinity)).toHaveLength(1);
    expect(() => topPProcessor(1.5)).toThrow(/topP/);
  });
});
