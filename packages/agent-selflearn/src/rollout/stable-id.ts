/**
 * A deterministic 64-bit FNV-1a hash of the parts (joined by U+0001), as 16 hex digits: trajectory
 * and task ids are functions of their content (prompt, sample index, seed), so replays after a
 * crash produce the same ids (spec §8).
 */
export function stableId(...parts: readonly (string | number)[]): string {
  let h1 = 0x811c9dc5 >>> 0;
  let h2 = 0x01000193 >>> 0;
  const text = parts.join('\u0001');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 7), 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
