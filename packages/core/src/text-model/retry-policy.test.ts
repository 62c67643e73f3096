import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './retry-policy.js';

const headers = (h: Record<string, string>) => new Headers(h);

describe('retry policy', () => {
  it('parses Retry-After seconds, HTTP dates and retry-after-ms', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(parseRetryAfter(headers({ 'retry-after': '0.5' }))).toBe(500);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '120', 'retry-after': '9' }))).toBe(120);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(headers({}))).toBeUndefined();
  });
  it('exponential backoff with jitter in [0.5, 1) of base·2^attempt, capped', () => {
    expect(retryDelayMs(0, { baseMs: 100, maxMs: 1e4, random: () => 0 })).toBe(50);
    expect(retryDelayMs(3, { baseMs: 100, maxMs: 1e4, random: () => 0.999999 })).toBeCloseTo(800, 3);
    expect(retryDelayMs(10, { baseMs: 100, maxMs: 1000, random: () => 0 })).toBe(500);
    expect(retryDelayMs(0, { baseMs: 100, maxMs: 1000, retryAfterMs: 700 })).toBe(700);
    expect(retryDelayMs(0, { baseMs: 100, maxMs: 1000, retryAfterMs: 7000 })).toBe(1000);
  });
});
