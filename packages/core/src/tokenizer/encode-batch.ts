import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { parseOptions } from '../validation/parse-options.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * Options of `Tokenizer.encodeBatch` / `encodeBatchWith`. The semantics are those of HF
 * `tokenizers` (`enable_truncation` + `enable_padding` + `encode_batch`), checked against the
 * library itself in the tests.
 */
export const EncodeBatchOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /**
   * Longest row, special tokens included. Used by truncation and by `padding: 'max_length'`.
   * Default: none (no truncation; `padding: 'longest'`).
   */
  maxLength: z.number().int().positive().optional(),
  /**
   * Which end to cut when a row is longer than `maxLength`; `false` never cuts. Default: when
   * `maxLength` is set, the tokenizer's side (`truncation_side` of `tokenizer_config.json`, else
   * `'right'`, the HF default); otherwise no truncation. Pairs are cut longest-first (HF default).
   */
  truncation: z.union([z.enum(['left', 'right']), z.literal(false)]).optional(),
  /** `'longest'` pads to the longest row of the batch (HF default); `'max_length'` to `maxLength`. Default `'longest'`. */
  padding: z.enum(['longest', 'max_length']).default('longest'),
  /** Where pads go. Default: the tokenizer's side (`padding_side` of `tokenizer_config.json`, else `'right'`, the HF default). */
  padSide: z.enum(['left', 'right']).optional(),
  /** Second texts, one per text (sentence pairs: query/passage, question/answer). Their type id is 1. */
  pairs: z.array(z.string()).optional(),
  /** Add the tokenizer's special tokens (HF post-processor; BOS for llama2.c). Default true (HF default). */
  addSpecialTokens: z.boolean().default(true),
  /** Pad id. Default: the tokenizer's pad token, else its EOS, else 0 (our choice; pads are masked out). */
  padId: z.number().int().nonnegative().optional(),
}));
/** Input accepted by `EncodeBatchOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type EncodeBatchOptions = z.input<typeof EncodeBatchOptionsSchema>;
type ParsedOptions = z.output<typeof EncodeBatchOptionsSchema>;

/**
 * A padded batch: `inputIds[b]`, `attentionMask[b]` (1 = token, 0 = pad) and `tokenTypeIds[b]`
 * (0 for the first text and its special tokens, 1 for the pair, as the post-processor sets them;
 * pads get 0) all have the same length. Plain arrays; `OnnxModel.feedsFor` / `batchFeeds` turn them
 * into the graph's int64 (or int32) input tensors.
 */
export interface EncodedBatch {
  inputIds: number[][];
  attentionMask: number[][];
  tokenTypeIds: number[][];
}

/**
 * How a tokenizer takes part in batch encoding: its content tokens (no special tokens), the
 * number of special tokens it adds, and its post-processor. `T` is the token representation
 * (HF works on token strings, llama2.c on ids); `finish` maps the result to ids.
 */
export interface BatchEncoder<T> {
  /**
   * Tokens of `text` without special tokens. With `limit` (truncation is on), an encoder may stop
   * early the way its library does before truncating (HF `tokenizers` ≥ 0.22 stops after the
   * pre-token that reaches `maxLength`, counted from the kept side); the result is then truncated.
   */
  content(text: string, limit?: { maxLength: number; side: 'left' | 'right' }): T[];
  /** How many special tokens `postProcess` adds to a single text or a pair. */
  addedTokens(pair: boolean): number;
  /** Adds special tokens (when `addSpecial`) and gives ids and type ids. */
  postProcess(a: T[], b: T[] | undefined, addSpecial: boolean): { ids: number[]; typeIds: number[] };
  /** Defaults taken from the tokenizer. */
  defaults: { padId: number; padSide: 'left' | 'right'; truncationSide: 'left' | 'right' };
}

/** Keeps `n` tokens, cutting at the given side. */
function cut<T>(tokens: T[], n: number, side: 'left' | 'right'): T[] {
  if (tokens.length <= n) return tokens;
  return side === 'right' ? tokens.slice(0, n) : tokens.slice(tokens.length - n);
}

/**
 * HF `truncate_encodings` with the longest-first strategy: a single text keeps `max` tokens. For a
 * pair, if the shorter text leaves room (`shorter <= max - shorter`), only the longer one is cut, to
 * `max - shorter`; otherwise both are cut to half: the shorter text keeps `floor(max / 2)` and the
 * longer one the rest (the second text on equal lengths).
 */
export function truncateLongestFirst<T>(a: T[], b: T[] | undefined, max: number, side: 'left' | 'right'): [T[], T[] | undefined] {
  const total = a.length + (b?.length ?? 0);
  if (total <= max) return [a, b];
  if (b === undefined) return [cut(a, max, side), undefined];
  const swap = a.length > b.length;
  let n1 = Math.min(a.length, b.length);
  let n2 = n1 > max ? n1 : Math.max(n1, max - n1);
  if (n1 + n2 > max) {
    n1 = Math.floor(max / 2);
    n2 = n1 + (max % 2);
  }
  return swap ? [cut(a, n2, side), cut(b, n1, side)] : [cut(a, n1, side), cut(b, n2, side)];
}

/** The core of batch encoding over a {@link BatchEncoder}; validates the options. */
export function encodeBatchParts<T>(encoder: BatchEncoder<T>, texts: readonly string[], options: EncodeBatchOptions = {}): EncodedBatch {
  const o: ParsedOptions = parseOptions(EncodeBatchOptionsSchema, options, 'encodeBatch options');
  if (!Array.isArray(texts)) {
    throw new ReasonkitError('INVALID_ARGUMENT', 'encodeBatch: texts must be an array of strings', { field: 'texts' });
  }
  for (const [i, t] of texts.entries()) {
    if (typeof t !== 'string') {
      throw new ReasonkitError('INVALID_ARGUMENT', `encodeBatch: texts.${i} is ${typeof t}, expected a string`, { field: `texts.${i}`, record: i });
    }
  }
  if (o.pairs !== undefined && o.pairs.length !== texts.length) {
    throw new ReasonkitError('INVALID_ARGUMENT', `encodeBatch: pairs has ${o.pairs.length} entries for ${texts.length} texts`, {
      field: 'pairs',
      expected: texts.length,
      actual: o.pairs.length,
    });
  }
  if (o.padding === 'max_length' && o.maxLength === undefined) {
    throw new ReasonkitError('INVALID_ARGUMENT', "encodeBatch: padding 'max_length' needs maxLength", { field: 'maxLength' });
  }
  const side = o.truncation === undefined ? (o.maxLength === undefined ? false : encoder.defaults.truncationSide) : o.truncation;
  if (side !== false && o.maxLength === undefined) {
    throw new ReasonkitError('INVALID_ARGUMENT', `encodeBatch: truncation '${side}' needs maxLength`, { field: 'maxLength' });
  }
  const isPair = o.pairs !== undefined;
  const added = o.addSpecialTokens ? encoder.addedTokens(isPair) : 0;
  if (side !== false && o.maxLength! < added) {
    throw new ReasonkitError(
      'INVALID_ARGUMENT',
      `encodeBatch: maxLength ${o.maxLength} is shorter than the ${added} special tokens the tokenizer adds`,
      { field: 'maxLength', expected: added, actual: o.maxLength },
    );
  }
  const rows: { ids: number[]; typeIds: number[] }[] = [];
  for (const [i, text] of texts.entries()) {
    const limit = side === false ? undefined : { maxLength: o.maxLength!, side };
    let a = encoder.content(text, limit);
    let b = isPair ? encoder.content(o.pairs![i]!, limit) : undefined;
    if (side !== false) [a, b] = truncateLongestFirst(a, b, o.maxLength! - added, side);
    rows.push(encoder.postProcess(a, b, o.addSpecialTokens));
  }
  let width = 0;
  for (const r of rows) width = Math.max(width, r.ids.length);
  if (o.padding === 'max_length') {
    if (width > o.maxLength!) {
      const at = rows.findIndex((r) => r.ids.length > o.maxLength!);
      throw new ReasonkitError(
        'CONTEXT_OVERFLOW',
        `encodeBatch: texts.${at} has ${rows[at]!.ids.length} tokens, more than maxLength ${o.maxLength} (truncation is off)`,
        { field: `texts.${at}`, record: at, expected: o.maxLength, actual: rows[at]!.ids.length },
      );
    }
    width = o.maxLength!;
  }
  const padId = o.padId ?? encoder.defaults.padId;
  const padLeft = (o.padSide ?? encoder.defaults.padSide) === 'left';
  const out: EncodedBatch = { inputIds: [], attentionMask: [], tokenTypeIds: [] };
  for (const r of rows) {
    const n = width - r.ids.length;
    const pad = (v: number) => new Array<number>(n).fill(v);
    const ones = new Array<number>(r.ids.length).fill(1);
    out.inputIds.push(padLeft ? [...pad(padId), ...r.ids] : [...r.ids, ...pad(padId)]);
    out.attentionMask.push(padLeft ? [...pad(0), ...ones] : [...ones, ...pad(0)]);
    out.tokenTypeIds.push(padLeft ? [...pad(0), ...r.typeIds] : [...r.typeIds, ...pad(0)]);
  }
  return out;
}

/**
 * A {@link BatchEncoder} for any `Tokenizer`, built on `encode`: content is
 * `encode(text, { bos: false })`; special tokens are `bosId` before each text (`<s> A <s> B` for
 * a pair, the Llama template; our choice for tokenizers without a post-processor).
 */
export function encoderFromEncode(tokenizer: Tokenizer): BatchEncoder<number> {
  const prefix = tokenizer.bosId === undefined ? [] : [tokenizer.bosId];
  return {
    content: (text) => tokenizer.encode(text, { bos: false, eos: false }),
    addedTokens: (pair) => prefix.length * (pair ? 2 : 1),
    postProcess(a, b, addSpecial) {
      const p = addSpecial ? prefix : [];
      const first = [...p, ...a];
      const ids = b === undefined ? first : [...first, ...p, ...b];
      const typeIds = [...new Array<number>(first.length).fill(0), ...new Array<number>(ids.length - first.length).fill(1)];
      return { ids, typeIds };
    },
    defaults: { padId: tokenizer.eosId ?? 0, padSide: 'right', truncationSide: 'right' },
  };
}

/**
 * Batch-encodes with any `Tokenizer`: its own `encodeBatch` when it has one (core's HF and
 * llama2.c tokenizers), else {@link encoderFromEncode} over `encode` (custom tokenizers).
 */
export function encodeBatchWith(tokenizer: Tokenizer, texts: readonly string[], options: EncodeBatchOptions = {}): EncodedBatch {
  if (typeof tokenizer.encodeBatch === 'function') return tokenizer.encodeBatch(texts, options);
  return encodeBatchParts(encoderFromEncode(tokenizer), texts, options);
}

/**
 * The id of one vocabulary entry given as text (`'</think>'`, `'[CLS]'`), or undefined: the
 * tokenizer's own `tokenToId` when it has one, else the single id `encode(text, { bos: false })`
 * gives if `idToToken` maps it back to `text`.
 */
export function tokenToIdWith(tokenizer: Tokenizer, text: string): number | undefined {
  if (typeof tokenizer.tokenToId === 'function') return tokenizer.tokenToId(text);
  const ids = tokenizer.encode(text, { bos: false, eos: false });
  return ids.length === 1 && tokenizer.idToToken(ids[0]!) === text ? ids[0] : undefined;
}
