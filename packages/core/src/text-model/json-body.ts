import { concatBytes } from '../onnx/proto-writer.js';

/**
 * Strings at least this long that need no JSON escaping are copied into the body as bytes instead
 * of going through `JSON.stringify` + UTF-8 encoding. Our choice: image data URLs are tens of kB
 * to MB; shorter strings are not worth the bookkeeping.
 */
const SPLICE_MIN_LENGTH = 4096;

/** Printable ASCII without `"` and `\`: exactly the strings `JSON.stringify` copies unchanged. */
const JSON_SAFE_ASCII = /^[ !#-[\]-~]*$/;

/** Stands in for a spliced string; the NULs make `JSON.stringify` escape it, so plain text never equals it by accident. */
const PLACEHOLDER = '\u0000reasonkit-spliced-string\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER).slice(1, -1);

/** Node's `Buffer` when present (a fast latin1 copy); absent in browsers, where `TextEncoder` is used. */
interface BufferLike {
  allocUnsafe(size: number): Uint8Array & { write(text: string, offset: number, encoding: 'latin1'): number };
}

/**
 * A JSON body as byte parts: their concatenation is byte-for-byte
 * `new TextEncoder().encode(JSON.stringify(body))`. Parts may be shared with a
 * {@link SegmentCache} and with earlier bodies: never write into them.
 */
export interface JsonBodyParts {
  /** The bytes, in order; none is empty. */
  parts: Uint8Array[];
  /** Sum of the parts' lengths (the `content-length`). */
  byteLength: number;
}

/** One cached segment: the spliced strings of a body and the JSON between them, as bytes. */
interface Segment {
  strings: string[];
  /** The JSON text between consecutive strings (`strings.length - 1` pieces). */
  between: string[];
  bytes: Uint8Array;
}

/**
 * Recently sent image segments, kept so that requests resending the same data URLs (the questions
 * of one video) reuse their bytes instead of copying megabytes again. Create one per client with
 * {@link createSegmentCache}.
 */
export interface SegmentCache {
  /** Most bytes of segments kept; 0 keeps none. */
  readonly maxBytes: number;
  /** Bytes of segments kept now. */
  readonly bytes: number;
  /** The cached segment for exactly these strings and in-between JSON, refreshed as most recent. */
  find(strings: readonly string[], between: readonly string[]): Uint8Array | undefined;
  /** Whether `text` belongs to a cached segment (so it was checked JSON-safe before). */
  knows(text: string): boolean;
  /** Keeps a segment, evicting the least recently used ones beyond `maxBytes`. */
  add(strings: string[], between: string[], bytes: Uint8Array): void;
}

/**
 * A least-recently-used {@link SegmentCache} holding at most `maxBytes` of segment bytes (their
 * strings stay referenced too, so memory is up to about twice that). Lookups compare whole string
 * contents, so a hit is exact.
 */
export function createSegmentCache(maxBytes: number): SegmentCache {
  const byFirst = new Map<string, Segment[]>(); // fingerprint of a segment's first string -> segments
  const order: Segment[] = []; // least recent first
  const known = new Map<string, string[]>(); // fingerprint -> cached strings with it (once per segment holding them)
  let bytes = 0;
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const remove = <T>(list: T[], item: T) => list.splice(list.indexOf(item), 1);
  const drop = (segment: Segment) => {
    bytes -= segment.bytes.length;
    const key = fingerprint(segment.strings[0]!);
    const list = byFirst.get(key)!;
    remove(list, segment);
    if (list.length === 0) byFirst.delete(key);
    for (const s of segment.strings) {
      const fp = fingerprint(s);
      const holders = known.get(fp)!;
      remove(holders, s);
      if (holders.length === 0) known.delete(fp);
    }
  };
  return {
    maxBytes,
    get bytes() {
      return bytes;
    },
    find(strings, between) {
      if (strings.length === 0) return undefined;
      const segment = byFirst.get(fingerprint(strings[0]!))?.find((s) => same(s.strings, strings) && same(s.between, between));
      if (!segment) return undefined;
      remove(order, segment);
      order.push(segment);
      return segment.bytes;
    },
    knows: (text) => known.get(fingerprint(text))?.includes(text) ?? false,
    add(strings, between, segmentBytes) {
      if (segmentBytes.length > maxBytes || strings.length === 0) return;
      const segment: Segment = { strings, between, bytes: segmentBytes };
      const key = fingerprint(strings[0]!);
      const list = byFirst.get(key);
      if (list) list.push(segment);
      else byFirst.set(key, [segment]);
      for (const s of strings) {
        const fp = fingerprint(s);
        const holders = known.get(fp);
        if (holders) holders.push(s);
        else known.set(fp, [s]);
      }
      order.push(segment);
      bytes += segmentBytes.length;
      while (bytes > maxBytes) drop(order.shift()!);
    },
  };
}

/**
 * A short map key for a long string: its length and last 48 characters. V8 hashes a string of
 * over 16,383 characters by its length alone, so keying maps by the data URLs themselves would put
 * every frame of one size in one bucket; the end of a base64 JPEG differs between frames (its
 * start, the JPEG header, often does not). Lookups still compare whole strings.
 */
const fingerprint = (text: string) => `${text.length}:${text.slice(-48)}`;

/** A throwaway cache for calls without one: remembers nothing. */
const NO_CACHE: SegmentCache = createSegmentCache(0);

/**
 * Serialise a request body to JSON as byte parts. Every string value of at least 4,096 characters
 * that needs no escaping (printable ASCII without `"` or `\`, which a base64 data URL is) is
 * copied as bytes, without stringifying and transcoding megabytes of base64; the span from the
 * first such string to the last (with the JSON between them) is one segment, reused from `cache`
 * when an earlier body had the same strings and JSON between them. Returns the `JSON.stringify`
 * string when nothing was spliced (or when a string of the body happens to equal the internal
 * placeholder).
 */
export function encodeJsonBodyParts(body: unknown, cache: SegmentCache = NO_CACHE): string | JsonBodyParts {
  const spliced: string[] = [];
  const skeleton = JSON.stringify(body, (_key, value: unknown) => {
    if (typeof value === 'string' && value.length >= SPLICE_MIN_LENGTH && (cache.knows(value) || JSON_SAFE_ASCII.test(value))) {
      spliced.push(value);
      return PLACEHOLDER;
    }
    return value;
  });
  if (spliced.length === 0) return skeleton;
  // Cut the skeleton around each placeholder (inside its quotes); any other occurrence means a
  // body string contained the placeholder itself: serialise plainly instead.
  const pieces: string[] = [];
  let from = 0;
  for (let at = skeleton.indexOf(PLACEHOLDER_JSON); at !== -1; at = skeleton.indexOf(PLACEHOLDER_JSON, from)) {
    pieces.push(skeleton.slice(from, at));
    from = at + PLACEHOLDER_JSON.length;
  }
  pieces.push(skeleton.slice(from));
  if (pieces.length !== spliced.length + 1) return JSON.stringify(body);

  const between = pieces.slice(1, -1);
  let segment = cache.find(spliced, between);
  if (!segment) {
    segment = encodeSegment(spliced, between);
    cache.add(spliced, between, segment);
  }
  const encoder = new TextEncoder();
  const parts = [encoder.encode(pieces[0]), segment, encoder.encode(pieces[pieces.length - 1])].filter((part) => part.length > 0);
  let byteLength = 0;
  for (const part of parts) byteLength += part.length;
  return { parts, byteLength };
}

/** The bytes of `strings[0] between[0] strings[1] … strings[n-1]` (strings ASCII, `between` any text). */
function encodeSegment(strings: readonly string[], between: readonly string[]): Uint8Array {
  const encoder = new TextEncoder();
  const middle = between.map((piece) => encoder.encode(piece));
  let size = 0;
  for (const text of strings) size += text.length; // ASCII: one byte per character
  for (const piece of middle) size += piece.length;
  const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;
  const out = NodeBuffer ? NodeBuffer.allocUnsafe(size) : new Uint8Array(size);
  let offset = 0;
  for (let i = 0; i < strings.length; i++) {
    const text = strings[i]!;
    offset += NodeBuffer ? (out as ReturnType<BufferLike['allocUnsafe']>).write(text, offset, 'latin1') : encoder.encodeInto(text, out.subarray(offset)).written;
    const piece = middle[i];
    if (piece) {
      out.set(piece, offset);
      offset += piece.length;
    }
  }
  if (offset !== size) throw new Error(`encodeJsonBodyParts: segment of ${offset} bytes, expected ${size}`); // cannot happen for ASCII strings
  return out;
}

/** The parts as one array (copies unless there is a single part). */
export function joinParts({ parts }: JsonBodyParts): Uint8Array {
  return parts.length === 1 ? parts[0]! : concatBytes(parts);
}

/**
 * A one-shot `ReadableStream` over the parts (for `fetch` with `duplex: 'half'`): undici sends a
 * stream's chunks as they are, where a `Uint8Array` body is copied twice per request.
 */
export function streamParts(parts: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < parts.length) controller.enqueue(parts[next++]!);
      else controller.close();
    },
  });
}
