import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { createConcurrencyLimit } from './concurrency-limit.js';

describe('createConcurrencyLimit', () => {
  it('grants FIFO, never exceeds the limit, and releases idempotently', async () => {
    const limit = createConcurrencyLimit(2);
    const order: number[] = [];
    const r1 = await limit.acquire();
    const r2 = await limit.acquire();
    const waiting = [3, 4].map((i) => limit.acquire().then((release) => (order.push(i), release)));
    expect(limit.active).toBe(2);
    expect(limit.pending).toBe(2);
    r1();
    r1();
    const r3 = await waiting[0]!;
    expect(limit.active).toBe(2);
    expect(limit.pending).toBe(1);
    r2();
    r3();
    (await waiting[1]!)();
    expect(order).toEqual([3, 4]);
    expect(limit.active).toBe(0);
  });
  it('a waiter aborted in the queue gives up its place', async () => {
    const limit = createConcurrencyLimit(1);
    const release = await limit.acquire();
    const controller = new AbortController();
    const waiting = limit.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toSatisfy((e) => ReasonkitError.is(e, 'ABORTED'));
    expect(limit.pending).toBe(0);
    release();
    expect(limit.active).toBe(0);
  });
});
