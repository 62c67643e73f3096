import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { parseOptions } from './parse-options.js';

describe('parseOptions', () => {
  const schema = z.object({ a: z.object({ n: z.number().int().min(0) }), s: z.string() });

  it('returns parsed data', () => {
    expect(parseOptions(schema, { a: { n: 1 }, s: 'x' }, 'opts')).toEqual({ a: { n: 1 }, s: 'x' });
  });

  it('names every failing field path in the message and details', () => {
    let error: unknown;
    try {
      parseOptions(schema, { a: { n: -1 } }, 'my options');
    } catch (e) {
      error = e;
    }
    expect(ReasonkitError.is(error, 'INVALID_ARGUMENT')).toBe(true);
    const e = error as ReasonkitError;
    expect(e.message).toMatch(/^my options: /);
    expect(e.message).toContain('a.n:');
    expect(e.message).toContain('s:');
    expect(e.details.field).toBe('a.n');
  });
});
