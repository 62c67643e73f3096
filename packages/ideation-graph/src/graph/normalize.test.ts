import { describe, expect, it } from 'vitest';
import { normalizeName } from './normalize.js';
import { NodeKindSchema } from './types.js';

describe('normalizeName', () => {
  it('matches the spec §2.3 example', () => {
    expect(normalizeName('  Graph   Neural-Networks. ')).toBe('graph neural-networks');
  });
  it('applies NFKC and keeps inner punctuation', () => {
    expect(normalizeName('ﬁne-tuning (LLMs)!')).toBe('fine-tuning (llms');
    expect(normalizeName('\u00a0Tab\tSeparated\n')).toBe('tab separated');
  });
  it('accepts `method` as an alias of solution and rejects unknown kinds', () => {
    expect(NodeKindSchema.parse('method')).toBe('solution');
    expect(NodeKindSchema.parse('Challenge')).toBe('challenge');
    expect(NodeKindSchema.safeParse('hypothesis').success).toBe(false);
  });
});
