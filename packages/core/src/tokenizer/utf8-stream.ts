/**
 * Streaming UTF-8 decoding: tokens may end in the middle of a multi-byte character (byte-fallback
 * tokens carry single bytes), so streamed text must hold back an incomplete trailing sequence
 * until the bytes that complete it arrive.
 */

/** A stateful decoder: `push` returns the text completed so far, `flush` the rest. */
export interface Utf8StreamDecoder {
  /** Appends bytes; returns newly completed text (an incomplete trailing sequence is held back). */
  push(bytes: Uint8Array): string;
  /** Returns the held-back bytes decoded (invalid/incomplete ones as U+FFFD) and resets. */
  flush(): string;
  /** Number of bytes currently held back. */
  readonly pending: number;
}

/**
 * Length of the incomplete UTF-8 sequence at the end of `bytes`: the trailing lead byte and its
 * continuation bytes when fewer than the lead byte announces, else 0. Invalid bytes count as
 * complete (they decode to U+FFFD right away).
 */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  const n = bytes.length;
  // A sequence is at most 4 bytes, so look back at most 3 bytes for its lead byte.
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 1;
    if (b >= 0xf5) return 0;
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * Creates a streaming UTF-8 decoder (browser-safe). Concatenating every `push` result and the
 * final `flush` equals decoding all bytes at once.
 */
export function createUtf8StreamDecoder(): Utf8StreamDecoder {
  let held = new Uint8Array(0);
  return {
    push(bytes: Uint8Array): string {
      let all = bytes;
      if (held.length > 0) {
        all = new Uint8Array(held.length + bytes.length);
        all.set(held, 0);
        all.set(bytes, held.length);
      }
      const tail = incompleteUtf8Tail(all);
      held = all.slice(all.length - tail);
      return decodeUtf8(all.subarray(0, all.length - tail));
    },
    flush(): string {
      const text = decodeUtf8(held);
      held = new Uint8Array(0);
      return text;
    },
    get pending(): number {
      return held.length;
    },
  };
}

/** Decodes a complete byte sequence as UTF-8 (invalid bytes become U+FFFD, a leading BOM is kept). */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}

/** Encodes a string as UTF-8 (lone surrogates become U+FFFD). */
export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
