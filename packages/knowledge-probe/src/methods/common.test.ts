import { describe, expect, it } from 'vitest';
import { tokenLabel } from './common.js';

describe('tokenLabel', () => {
  it('escapes newlines, quotes whitespace, falls back to the vocabulary entry', () => {
    const fake = {
      decode: (ids: readonly number[]) => ['', ' ', 'a\nb', 'x'][ids[0]!]!,
      idToToken: (id: number) => (id === 0 ? '\n<s>\n' : undefined),
    } as unknown as Parameters<typeof tokenLabel>[0];
    expect(tokenLabel(fake, 0)).toBe('<s>');
    expect(tokenLabel(fake, 1)).toBe('" "');
    expect(tokenLabel(fake, 2)).toBe('a\\nb');
    expect(tokenLabel(fake, 3)).toBe('x');
  });
});
