import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { lazySchema } from './lazy-schema.js';

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let builds = 0;
    const S = lazySchema(() => (builds++, z.object({ a: z.number().int() })));
    expect(builds).toBe(0);
    expect(S.parse({ a: 1 })).toEqual({ a: 1 });
    expect(S.safeParse({ a: 1.5 }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('behaves as the schema: shape, instanceof, derived schemas, nesting, JSON Schema', () => {
    const Inner = lazySchema(() => z.object({ role: z.enum(['user', 'assistant']) }));
    const Outer = lazySchema(() => z.object({ messages: z.array(Inner).min(1) }));
    expect(Inner).toBeInstanceOf(z.ZodObject);
    expect(Object.keys(Inner.shape)).toEqual(['role']);
    expect(Inner.optional().parse(undefined)).toBeUndefined();
    expect(Inner.extend({ n: z.number() }).parse({ role: 'user', n: 1 })).toEqual({ role: 'user', n: 1 });
    const bad = Outer.safeParse({ messages: [{ role: 'robot' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['messages', 0, 'role']);
    expect(z.toJSONSchema(Outer)).toMatchObject({ type: 'object', required: ['messages'] });
    expect(() => ({ ...Inner })).not.toThrow();
  });
});
