import { ReasonkitError } from '../errors/reasonkit-error.js';
import { type EncodeBatchOptions, type EncodedBatch, encodeBatchParts, encoderFromEncode } from '../tokenizer/encode-batch.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import { decodeUtf8, encodeUtf8 } from '../tokenizer/utf8-stream.js';

/** One vocabulary entry of a llama2.c tokenizer file. */
export interface Llama2cPiece {
  /** Raw bytes of the piece as stored in the file (no terminator). */
  readonly bytes: Uint8Array;
  /** Merge score (higher merges first). */
  readonly score: number;
}

/** BOS id of llama2.c tokenizers (piece `"\n<s>\n"`). */
export const LLAMA2C_BOS_ID = 1;
/** EOS id of llama2.c tokenizers (piece `"\n</s>\n"`). */
export const LLAMA2C_EOS_ID = 2;

/**
 * The llama2.c BPE tokenizer (spec core §9.4), a port of run.c's `encode`/`decode` semantics:
 * dummy-prefix space, UTF-8 code points with byte fallback (`3 + b`), highest-score merges with
 * the leftmost pair winning ties, and byte-exact decoding (no `safe_printf` filtering).
 *
 * Pieces are kept as bytes and looked up by latin1 strings (one char per byte), so byte-fallback
 * and partial-UTF-8 pieces survive intact.
 */
export class Llama2cTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly bosId = LLAMA2C_BOS_ID;
  readonly eosId = LLAMA2C_EOS_ID;
  /** `max_token_length` from the file header. */
  readonly maxTokenLength: number;
  readonly pieces: readonly Llama2cPiece[];
  readonly #scores: Float32Array;
  /** Latin1 key (one char per byte) → id; the first id wins for duplicated pieces. */
  readonly #ids = new Map<string, number>();
  /** Per id: the single byte it emits when its piece is exactly `<0xXX>`, else -1. */
  readonly #byteOf: Int16Array;
  /** Id of the piece `" "` (dummy prefix), or -1 if absent. */
  readonly #spaceId: number;

  constructor(pieces: readonly Llama2cPiece[], maxTokenLength: number) {
    this.pieces = pieces;
    this.vocabSize = pieces.length;
    this.maxTokenLength = maxTokenLength;
    this.#scores = new Float32Array(pieces.length);
    this.#byteOf = new Int16Array(pieces.length).fill(-1);
    for (const [id, piece] of pieces.entries()) {
      this.#scores[id] = piece.score;
      const key = latin1(piece.bytes);
      if (!this.#ids.has(key)) this.#ids.set(key, id);
      const m = /^<0x([0-9A-Fa-f]{2})>$/.exec(key);
      if (m) this.#byteOf[id] = parseInt(m[1]!, 16);
    }
    this.#spaceId = this.#ids.get(' ') ?? -1;
  }

  /** Id of a piece given as a latin1 key (one char per byte), if in the vocabulary. */
  lookup(latin1Key: string): number | undefined {
    return this.#ids.get(latin1Key);
  }

  /** Merge score of `id`. */
  score(id: number): number {
    return this.#scores[id] ?? Number.NaN;
  }

  /**
   * Encodes `text` (bos defaults to true, eos to false, as run.c's `encode`). Lone UTF-16
   * surrogates are encoded as U+FFFD (TextEncoder semantics).
   */
  encode(text: string, options: { bos?: boolean; eos?: boolean } = {}): number[] {
    const { bos = true, eos = false } = options;
    const out: number[] = [];
    if (bos) out.push(LLAMA2C_BOS_ID);
    if (text.length > 0) {
      const tokens = this.initialTokens(encodeUtf8(text));
      for (const id of this.merge(tokens)) out.push(id);
    }
    if (eos) out.push(LLAMA2C_EOS_ID);
    return out;
  }

  /**
   * The tokens before merging: the dummy-prefix `" "` (when in the vocabulary), then one token
   * per UTF-8 code point, or its byte-fallback tokens `3 + b`. Splits like run.c: a lead byte
   * plus up to 3 following continuation bytes.
   */
  initialTokens(bytes: Uint8Array): number[] {
    const tokens: number[] = [];
    if (bytes.length > 0 && this.#spaceId >= 0) tokens.push(this.#spaceId);
    let i = 0;
    while (i < bytes.length) {
      let j = i + 1;
      while (j < bytes.length && j - i < 4 && (bytes[j]! & 0xc0) === 0x80) j++;
      let key = '';
      for (let k = i; k < j; k++) key += String.fromCharCode(bytes[k]!);
      const id = this.#ids.get(key);
      if (id !== undefined) tokens.push(id);
      else for (let k = i; k < j; k++) tokens.push(bytes[k]! + 3);
      i = j;
    }
    return tokens;
  }

  /**
   * Applies BPE merges: repeatedly merges the adjacent pair whose concatenation is a piece with
   * the highest score, leftmost on ties. Uses a doubly linked list and a max-heap keyed by
   * (score, leftmost position) with lazy invalidation, which picks exactly the pair a naive
   * rescan would pick at every step.
   */
  merge(initial: readonly number[]): number[] {
    const n = initial.length;
    if (n < 2) return [...initial];
    const ids = Int32Array.from(initial);
    const keys: string[] = initial.map((id) => latin1(this.pieces[id]?.bytes ?? new Uint8Array(0)));
    const prev = new Int32Array(n);
    const next = new Int32Array(n);
    const version = new Uint32Array(n);
    const alive = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    const heap = new PairHeap();
    const consider = (left: number): void => {
      const right = next[left]!;
      if (right < 0) return;
      const id = this.#ids.get(keys[left]! + keys[right]!);
      if (id === undefined) return;
      heap.push({ score: this.#scores[id]!, left, right, id, lv: version[left]!, rv: version[right]! });
    };
    for (let i = 0; i + 1 < n; i++) consider(i);
    for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
      const { left, right } = top;
      if (!alive[left] || !alive[right] || next[left] !== right) continue;
      if (version[left] !== top.lv || version[right] !== top.rv) continue;
      ids[left] = top.id;
      keys[left] = keys[left]! + keys[right]!;
      version[left]!++;
      alive[right] = 0;
      const after = next[right]!;
      next[left] = after;
      if (after >= 0) prev[after] = left;
      const before = prev[left]!;
      if (before >= 0) consider(before);
      consider(left);
    }
    const out: number[] = [];
    for (let i = 0; i >= 0; i = next[i]!) out.push(ids[i]!);
    return out;
  }

  /**
   * Raw bytes of `id` as it appears after `prev` (run.c `decode`): the leading space of a piece
   * following BOS is dropped, and a piece of exactly `<0xXX>` is that single byte.
   */
  pieceBytes(prev: number | undefined, id: number): Uint8Array {
    const byte = this.#byteOf[id] ?? -1;
    if (byte >= 0) return Uint8Array.of(byte);
    const bytes = this.pieces[id]?.bytes;
    if (bytes === undefined) return new Uint8Array(0);
    if (prev === LLAMA2C_BOS_ID && bytes[0] === 0x20) return bytes.subarray(1);
    return bytes;
  }

  /**
   * Concatenated raw bytes of `ids` (BOS/EOS skipped; BOS still drops the next piece's leading
   * space). For streaming, pass `prev` = the id before `ids[0]`; feed the result to a
   * `createUtf8StreamDecoder()` so incomplete UTF-8 sequences are held back.
   */
  decodeBytes(ids: readonly number[], options: { skipSpecial?: boolean; prev?: number } = {}): Uint8Array {
    const { skipSpecial = true } = options;
    const parts: Uint8Array[] = [];
    let total = 0;
    let prev = options.prev;
    for (const id of ids) {
      this.#checkId(id);
      if (!(skipSpecial && (id === LLAMA2C_BOS_ID || id === LLAMA2C_EOS_ID))) {
        const bytes = this.pieceBytes(prev, id);
        parts.push(bytes);
        total += bytes.length;
      }
      prev = id;
    }
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /**
   * Decodes ids to text. `skipSpecial` (default true, our choice) omits the BOS and EOS pieces
   * (`"\n<s>\n"`, `"\n</s>\n"`) so `decode(encode(s)) === s`; `<unk>` (id 0) decodes as its
   * literal piece. Invalid UTF-8 becomes U+FFFD.
   */
  decode(ids: readonly number[], options: { skipSpecial?: boolean } = {}): string {
    return decodeUtf8(this.decodeBytes(ids, options));
  }

  /** Id of the piece whose bytes are `text` in UTF-8 (`' Once'`, `'<0x0A>'`), or undefined. */
  tokenToId(text: string): number | undefined {
    return this.#ids.get(latin1(encodeUtf8(text)));
  }

  /**
   * Batch encoding over `encode`: BOS before each text when `addSpecialTokens` (`<s> A <s> B`
   * for pairs, the Llama template), pads with EOS (llama2.c has no pad token; our choice, masked
   * out). Truncation and padding as {@link EncodeBatchOptions}.
   */
  encodeBatch(texts: readonly string[], options: EncodeBatchOptions = {}): EncodedBatch {
    return encodeBatchParts(encoderFromEncode(this), texts, options);
  }

  /** The vocabulary string of `id` (its stored piece decoded as UTF-8), e.g. `" Once"`, `"<0x0A>"`. */
  idToToken(id: number): string | undefined {
    const piece = this.pieces[id];
    return piece === undefined ? undefined : decodeUtf8(piece.bytes);
  }

  #checkId(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
      throw new ReasonkitError('INVALID_ARGUMENT', `token id ${id} is outside the vocabulary [0, ${this.vocabSize})`, {
        field: 'ids',
        actual: id,
        expected: this.vocabSize,
      });
    }
  }
}

/**
 * Parses a llama2.c tokenizer file (spec core §9.4): `int32 max_token_length`, then per token
 * `float32 score, int32 length, bytes`. The token count is not in the file: pass the checkpoint's
 * `vocabSize`. Throws `TOKENIZER_INVALID` when the file is truncated (naming the token index
 * reached) or holds more tokens than `vocabSize` (stating the expected vocab size).
 */
export function parseLlama2cTokenizer(bytes: Uint8Array, vocabSize: number, source = '<bytes>'): Llama2cTokenizer {
  if (!Number.isInteger(vocabSize) || vocabSize <= 0) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${source}: vocabSize must be a positive integer, got ${vocabSize}`, {
      file: source,
      field: 'vocabSize',
      actual: vocabSize,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 4) {
    throw new ReasonkitError('TOKENIZER_INVALID', `${source}: tokenizer file is ${bytes.byteLength} bytes, too short for max_token_length`, {
      file: source,
      actual: bytes.byteLength,
    });
  }
  const maxTokenLength = view.getInt32(0, true);
  let offset = 4;
  const pieces: Llama2cPiece[] = [];
  const truncated = (index: number, what: string): ReasonkitError =>
    new ReasonkitError(
      'TOKENIZER_INVALID',
      `${source}: tokenizer file truncated at token ${index} (${what}, byte offset ${offset} of ${bytes.byteLength}); expected vocab size ${vocabSize} from the checkpoint header`,
      { file: source, record: index, expected: vocabSize, actual: index },
    );
  for (let i = 0; i < vocabSize; i++) {
    if (offset + 8 > bytes.byteLength) throw truncated(i, 'score/length');
    const score = view.getFloat32(offset, true);
    const len = view.getInt32(offset + 4, true);
    if (len < 0) {
      throw new ReasonkitError('TOKENIZER_INVALID', `${source}: token ${i} has negative length ${len}`, {
        file: source,
        record: i,
        actual: len,
      });
    }
    offset += 8;
    if (offset + len > bytes.byteLength) throw truncated(i, `piece of ${len} bytes`);
    pieces.push({ score, bytes: bytes.slice(offset, offset + len) });
    offset += len;
  }
  if (offset !== bytes.byteLength) {
    const held = countTokens(view, offset);
    throw new ReasonkitError(
      'TOKENIZER_INVALID',
      `${source}: tokenizer file has ${bytes.byteLength - offset} bytes left after the expected vocab size ${vocabSize}` +
        (held === undefined ? '' : ` (the file holds ${vocabSize + held} tokens)`) +
        '; does the tokenizer belong to this checkpoint?',
      { file: source, field: 'vocabSize', expected: vocabSize, actual: held === undefined ? undefined : vocabSize + held },
    );
  }
  return new Llama2cTokenizer(pieces, maxTokenLength);
}

// Number of well-formed token records from `offset` to the end, or undefined if they do not tile it.
function countTokens(view: DataView, offset: number): number | undefined {
  let n = 0;
  while (offset + 8 <= view.byteLength) {
    const len = view.getInt32(offset + 4, true);
    if (len < 0) return undefined;
    offset += 8 + len;
    n++;
  }
  return offset === view.byteLength ? n : undefined;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

interface PairEntry {
  score: number;
  left: number;
  right: number;
  id: number;
  lv: number;
  rv: number;
}

/** Max-heap on score; ties go to the smaller `left` (leftmost: node indices keep text order). */
class PairHeap {
  readonly #a: PairEntry[] = [];

  push(e: PairEntry): void {
    const a = this.#a;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): PairEntry | undefined {
    const a = this.#a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(x: PairEntry, y: PairEntry): boolean {
  return x.score > y.score || (x.score === y.score && x.left < y.left);
}
