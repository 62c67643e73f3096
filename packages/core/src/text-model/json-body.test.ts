import { describe, expect, it } from 'vitest';
import { createSegmentCache, encodeJsonBodyParts, joinParts, type SegmentCache, streamParts } from './json-body.js';

/** The body as one string or one byte array, as a request without streaming sends it. */
const encode = (body: unknown, cache?: SegmentCache) => {
  const encoded = encodeJsonBodyParts(body, cache);
  return typeof encoded === 'string' ? encoded : joinParts(encoded);
};

// A deterministic base64 payload of `bytes` pseudo-random bytes (what a JPEG frame looks like on the wire).
function dataUrl(bytes: number, seed: number): string {
  const raw = new Uint8Array(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) raw[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  let binary = '';
  for (let i = 0; i < bytes; i++) binary += String.fromCharCode(raw[i]!);
  return `data:image/jpeg;base64,${btoa(binary)}`;
}

const utf8 = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));
const bytesOf = (encoded: string | Uint8Array) => (typeof encoded === 'string' ? new TextEncoder().encode(encoded) : new Uint8Array(encoded));

describe('encodeJsonBodyParts', () => {
  const frames = [dataUrl(60_000, 1), dataUrl(5_000, 2), dataUrl(100, 3)];
  const body = {
    model: 'vision',
    messages: [
      { role: 'system', content: 'Antworte kurz — «bitte» 🙂 "quoted" \\ back\nslash' },
      { role: 'user', content: [{ type: 'text', text: 'Which frame? ✓' }, ...frames.map((url) => ({ type: 'image_url', image_url: { url } }))] },
    ],
    temperature: 0,
    stop: ['\u0000', '</s>'],
  };

  it('splices long data URLs as bytes: byte-identical to UTF-8 JSON.stringify', () => {
    const encoded = encode(body);
    expect(encoded).toBeInstanceOf(Uint8Array); // two URLs were long enough to splice
    expect(bytesOf(encoded)).toEqual(utf8(body));
    expect(JSON.parse(new TextDecoder().decode(encoded as Uint8Array))).toEqual(body);
  });

  it('without Node Buffer (browsers) takes the TextEncoder path, same bytes', () => {
    const saved = globalThis.Buffer;
    try {
      (globalThis as { Buffer?: unknown }).Buffer = undefined;
      const encoded = encode(body);
      expect(encoded).toBeInstanceOf(Uint8Array);
      expect(bytesOf(encoded)).toEqual(utf8(body));
    } finally {
      globalThis.Buffer = saved;
    }
  });

  it('leaves strings that need escaping (or are not ASCII) to JSON.stringify', () => {
    const long = 'A'.repeat(5000);
    const odd = { a: `${long}"`, b: `${long}\n`, c: `${long}é`, d: `${long}\u2028`, e: `${long}\\`, f: long };
    const encoded = encode(odd);
    expect(bytesOf(encoded)).toEqual(utf8(odd)); // only f spliced
    expect(typeof encode({ a: odd.a, b: odd.b })).toBe('string'); // nothing spliced
  });

  it('the cache remembers safe strings by content only: a same-length unsafe string is still escaped', () => {
    const cache = createSegmentCache(1 << 20);
    const safe = dataUrl(6000, 5);
    expect(bytesOf(encode({ url: safe }, cache))).toEqual(utf8({ url: safe }));
    expect(cache.knows(safe)).toBe(true);
    const unsafe = `${safe.slice(0, 100)}"${safe.slice(101)}`;
    expect(unsafe.length).toBe(safe.length);
    expect(cache.knows(unsafe)).toBe(false);
    expect(encode({ url: safe, other: unsafe }, cache)).toBeInstanceOf(Uint8Array);
    expect(bytesOf(encode({ url: safe, other: unsafe }, cache))).toEqual(utf8({ url: safe, other: unsafe }));
  });

  it('a body string equal to the placeholder falls back to plain JSON', () => {
    const sneaky = { text: '\u0000reasonkit-spliced-string\u0000', url: dataUrl(6000, 4) };
    const encoded = encode(sneaky);
    expect(encoded).toBe(JSON.stringify(sneaky));
  });


  it('parts: head, one segment from the first long string to the last, tail; concatenated = UTF-8 JSON', () => {
    const encoded = encodeJsonBodyParts(body);
    if (typeof encoded === 'string') throw new Error('expected parts');
    expect(encoded.parts).toHaveLength(3);
    expect(encoded.byteLength).toBe(utf8(body).length);
    expect(joinParts(encoded)).toEqual(utf8(body));
    expect(new TextDecoder().decode(encoded.parts[1]).startsWith(frames[0]!)).toBe(true);
  });

  it('a segment cache reuses the bytes for the same strings and JSON between, and only then', () => {
    const cache = createSegmentCache(1 << 20);
    const urls = [dataUrl(9000, 11), dataUrl(9000, 12)];
    const ask = (text: string, detail?: string) => ({ messages: [{ role: 'user', content: [{ type: 'text', text }, ...urls.map((url) => ({ type: 'image_url', image_url: { url, ...(detail ? { detail } : {}) } }))] }] });
    const first = encodeJsonBodyParts(ask('question 1'), cache);
    const second = encodeJsonBodyParts(ask('question 2 ✓'), cache);
    if (typeof first === 'string' || typeof second === 'string') throw new Error('expected parts');
    expect(second.parts[1]).toBe(first.parts[1]); // the same bytes object: nothing copied again
    expect(joinParts(second)).toEqual(utf8(ask('question 2 ✓')));
    expect(cache.bytes).toBe(first.parts[1]!.length);
    expect(cache.knows(urls[0]!)).toBe(true);
    // Equal contents in another string object hit too; other JSON between the strings does not.
    const copy = [...urls[0]!].join('');
    const sameContents = { messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }, ...[copy, urls[1]!].map((url) => ({ type: 'image_url', image_url: { url } }))] }] };
    const hit = encodeJsonBodyParts(sameContents, cache);
    const third = encodeJsonBodyParts({ a: copy, b: urls[1] }, cache);
    const fourth = encodeJsonBodyParts(ask('q', 'low'), cache);
    if (typeof hit === 'string' || typeof third === 'string' || typeof fourth === 'string') throw new Error('expected parts');
    expect(hit.parts[1]).toBe(first.parts[1]);
    expect(third.parts[1]).not.toBe(first.parts[1]);
    expect(joinParts(third)).toEqual(utf8({ a: copy, b: urls[1] }));
    expect(fourth.parts[1]).not.toBe(first.parts[1]);
    expect(joinParts(fourth)).toEqual(utf8(ask('q', 'low')));
    const fifth = encodeJsonBodyParts(ask('again'), cache);
    if (typeof fifth === 'string') throw new Error('expected parts');
    expect(fifth.parts[1]).toBe(first.parts[1]);
  });

  it('the cache evicts least recently used segments beyond maxBytes and forgets their strings', () => {
    const one = dataUrl(6000, 21);
    const two = dataUrl(6000, 22);
    const size = (encodeJsonBodyParts({ u: one }) as { parts: Uint8Array[] }).parts[1]!.length;
    const cache = createSegmentCache(size * 2);
    const a = encodeJsonBodyParts({ u: one }, cache) as { parts: Uint8Array[] };
    encodeJsonBodyParts({ u: two }, cache);
    encodeJsonBodyParts({ u: one }, cache); // one is now the most recent
    encodeJsonBodyParts({ u: `${two.slice(0, -4)}AAAA` }, cache); // evicts two
    expect(cache.bytes).toBe(size * 2);
    expect(cache.knows(two)).toBe(false);
    expect(cache.knows(one)).toBe(true);
    expect((encodeJsonBodyParts({ u: one }, cache) as { parts: Uint8Array[] }).parts[1]).toBe(a.parts[1]);
    const none = createSegmentCache(0);
    encodeJsonBodyParts({ u: one }, none);
    expect([none.bytes, none.knows(one)]).toEqual([0, false]);
  });

  it('streamParts yields the parts in order, then ends', async () => {
    const parts = [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5, 6])];
    const got: number[] = [];
    for await (const chunk of streamParts(parts) as unknown as AsyncIterable<Uint8Array>) got.push(...chunk);
    expect(got).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
