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

/**
 * The strings the previous spliced body found safe, held weakly: the questions of one video resend
 * the same frames, and a `Set` lookup of a long string (V8 hashes strings over 16 k characters by
 * length) costs far less than scanning it again. Membership compares contents, so a hit is exact.
 */
let lastSafe: WeakRef<Set<string>> | undefined;

/** Node's `Buffer` when present (a fast latin1 copy); absent in browsers, where `TextEncoder` is used. */
interface BufferLike {
  allocUnsafe(size: number): Uint8Array & { write(text: string, offset: number, encoding: 'latin1'): number };
}

/**
 * Serialise a request body to JSON. With `spliceLongStrings` (requests with image parts), every
 * string value of at least 4,096 characters that needs no escaping (printable ASCII without `"` or
 * `\`, which a base64 data URL is) is copied into the UTF-8 byte buffer directly: the result is
 * byte-for-byte `new TextEncoder().encode(JSON.stringify(body))`, without stringifying and
 * transcoding megabytes of base64 per request. Returns the `JSON.stringify` string when nothing was
 * spliced (or when a string of the body happens to equal the internal placeholder).
 */
export function encodeJsonBody(body: unknown, spliceLongStrings: boolean): string | Uint8Array {
  if (!spliceLongStrings) return JSON.stringify(body);
  const spliced: string[] = [];
  const previous = lastSafe?.deref();
  const safe = new Set<string>();
  const skeleton = JSON.stringify(body, (_key, value: unknown) => {
    if (typeof value === 'string' && value.length >= SPLICE_MIN_LENGTH && (previous?.has(value) || JSON_SAFE_ASCII.test(value))) {
      safe.add(value);
      spliced.push(value);
      return PLACEHOLDER;
    }
    return value;
  });
  if (spliced.length === 0) return skeleton;
  lastSafe = new WeakRef(safe);
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

  const encoder = new TextEncoder();
  const encoded = pieces.map((piece) => encoder.encode(piece));
  let size = 0;
  for (const piece of encoded) size += piece.length;
  for (const text of spliced) size += text.length; // ASCII: one byte per character
  const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;
  const out = NodeBuffer ? NodeBuffer.allocUnsafe(size) : new Uint8Array(size);
  let offset = 0;
  for (let i = 0; i < encoded.length; i++) {
    out.set(encoded[i]!, offset);
    offset += encoded[i]!.length;
    const text = spliced[i];
    if (text === undefined) break;
    offset += NodeBuffer ? (out as ReturnType<BufferLike['allocUnsafe']>).write(text, offset, 'latin1') : encoder.encodeInto(text, out.subarray(offset)).written;
  }
  return offset === size ? out : JSON.stringify(body); // cannot differ for ASCII; never send a torn body
}
