import { describe, expect, it } from 'vitest';
import { encodeJsonBody } from './json-body.js';

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

describe('encodeJsonBody', () => {
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
    const encoded = encodeJsonBody(body, true);
    expect(encoded).toBeInstanceOf(Uint8Array); // two URLs were long enough to splice
    expect(bytesOf(encoded)).toEqual(utf8(body));
    expect(JSON.parse(new TextDecoder().decode(encoded as Uint8Array))).toEqual(body);
  });

  it('without Node Buffer (browsers) takes the TextEncoder path, same bytes', () => {
    const saved = globalThis.Buffer;
    try {
      (globalThis as { Buffer?: unknown }).Buffer = undefined;
      const encoded = encodeJsonBody(body, true);
      expect(encoded).toBeInstanceOf(Uint8Array);
      expect(bytesOf(encoded)).toEqual(utf8(body));
    } finally {
      globalThis.Buffer = saved;
    }
  });

  it('leaves strings that need escaping (or are not ASCII) to JSON.stringify', () => {
    const long = 'A'.repeat(5000);
    const odd = { a: `${long}"`, b: `${long}\n`, c: `${long}é`, d: `${long}\u2028`, e: `${long}\\`, f: long };
    const encoded = encodeJsonBody(odd, true);
    expect(bytesOf(encoded)).toEqual(utf8(odd)); // only f spliced
    expect(typeof encodeJsonBody({ a: odd.a, b: odd.b }, true)).toBe('string'); // nothing spliced
  });

  it('remembers safe strings of the previous body by content only: a same-length unsafe string is still escaped', () => {
    const safe = dataUrl(6000, 5);
    expect(bytesOf(encodeJsonBody({ url: safe }, true))).toEqual(utf8({ url: safe }));
    const unsafe = `${safe.slice(0, 100)}"${safe.slice(101)}`;
    expect(unsafe.length).toBe(safe.length);
    expect(encodeJsonBody({ url: safe, other: unsafe }, true)).toBeInstanceOf(Uint8Array);
    expect(bytesOf(encodeJsonBody({ url: safe, other: unsafe }, true))).toEqual(utf8({ url: safe, other: unsafe }));
  });

  it('a body string equal to the placeholder falls back to plain JSON', () => {
    const sneaky = { text: '\u0000reasonkit-spliced-string\u0000', url: dataUrl(6000, 4) };
    const encoded = encodeJsonBody(sneaky, true);
    expect(encoded).toBe(JSON.stringify(sneaky));
  });

  it('is JSON.stringify when splicing is off', () => {
    expect(encodeJsonBody(body, false)).toBe(JSON.stringify(body));
  });
});
