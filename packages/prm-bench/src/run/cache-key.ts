import type { ScorerInput } from '../scorers/scorer.js';

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 hex of a string (Web Crypto: Node ≥ 20 and browsers). */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** sha256 of the scored input: `JSON.stringify([question, steps])`. */
export function inputHash(item: Pick<ScorerInput, 'question' | 'steps'>): Promise<string> {
  return sha256Hex(JSON.stringify([item.question, item.steps]));
}

/** Cache key = sha256(`scorerId` | `itemId` | inputHash) [spec §6]. */
export function cacheKey(scorerId: string, itemId: string, hash: string): Promise<string> {
  return sha256Hex(`${scorerId}|${itemId}|${hash}`);
}
