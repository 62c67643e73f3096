import { Tokenizer as HfTokenizerImpl } from '@huggingface/tokenizers';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { type BatchEncoder, type EncodeBatchOptions, type EncodedBatch, encodeBatchParts } from './encode-batch.js';
import { hfBatchEncoder } from './hf-batch-encoder.js';
import type { HfTokenizersTokenizer } from './hf-tokenizers-types.js';
import type { Tokenizer } from './tokenizer.js';

/** The parts of `tokenizer_config.json` core reads; everything else is passed through. */
export interface HfTokenizerConfig {
  bos_token?: string | { content: string } | null;
  eos_token?: string | { content: string } | null;
  unk_token?: string | { content: string } | null;
  pad_token?: string | { content: string } | null;
  /** A Jinja chat template, or named templates (`default`, `tool_use`, …). */
  chat_template?: string | Array<{ name: string; template: string }> | null;
  clean_up_tokenization_spaces?: boolean;
  [key: string]: unknown;
}

/**
 * A `Tokenizer` over `@huggingface/tokenizers` (offline: it is given the parsed
 * `tokenizer.json` and `tokenizer_config.json`, never fetches anything).
 *
 * - `bosId` / `eosId`: the ids of `bos_token` / `eos_token` from the config (string or
 *   `{content}` form), else undefined.
 * - `encode(text, {bos, eos})`: `bos` (default true) turns on HF's special tokens, i.e. the
 *   post-processor's template; if `bos` is true, `bosId` is known and the post-processor did not
 *   put it first, it is prepended. `eos: true` appends `eosId` unless already last.
 * - `decode(ids, {skipSpecial})`: `skipSpecial` defaults to true (HF `skip_special_tokens`);
 *   `clean_up_tokenization_spaces` follows the config (HF default true).
 */
export class HfTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly bosId?: number;
  readonly eosId?: number;
  /** Id of `pad_token` from the config, else `padding.pad_id` of `tokenizer.json`, else undefined. */
  readonly padId?: number;
  /** The tokenizer config this tokenizer was created with (for chat templates). */
  readonly tokenizerConfig: HfTokenizerConfig;
  readonly #hf: HfTokenizerImpl;
  readonly #vocab: Map<string, number>;
  #batchEncoder: BatchEncoder<string> | undefined;

  constructor(hf: HfTokenizersTokenizer, tokenizerConfig: HfTokenizerConfig, options: { padId?: number } = {}) {
    this.#hf = hf as HfTokenizerImpl;
    this.tokenizerConfig = tokenizerConfig;
    this.#vocab = hf.get_vocab(true);
    let max = -1;
    for (const id of this.#vocab.values()) if (id > max) max = id;
    this.vocabSize = max + 1;
    const pad = tokenText(tokenizerConfig.pad_token);
    const padId = pad === undefined ? options.padId : (this.#vocab.get(pad) ?? options.padId);
    if (padId !== undefined) this.padId = padId;
    const bos = tokenText(tokenizerConfig.bos_token);
    const eos = tokenText(tokenizerConfig.eos_token);
    const bosId = bos === undefined ? undefined : hf.token_to_id(bos);
    const eosId = eos === undefined ? undefined : hf.token_to_id(eos);
    if (bosId !== undefined) this.bosId = bosId;
    if (eosId !== undefined) this.eosId = eosId;
  }

  /** The underlying `@huggingface/tokenizers` instance (typed by the subset core uses, see {@link HfTokenizersTokenizer}). */
  get hf(): HfTokenizersTokenizer {
    return this.#hf;
  }

  /** Encodes text to token ids; `bos` / `eos` add the begin / end-of-sequence tokens. */
  encode(text: string, options: { bos?: boolean; eos?: boolean } = {}): number[] {
    const { bos = true, eos = false } = options;
    const ids = [...this.#hf.encode(text, { add_special_tokens: bos }).ids];
    if (bos && this.bosId !== undefined && ids[0] !== this.bosId) ids.unshift(this.bosId);
    if (eos && this.eosId !== undefined && ids[ids.length - 1] !== this.eosId) ids.push(this.eosId);
    return ids;
  }

  /** Decodes token ids to text; `skipSpecial` drops special tokens. */
  decode(ids: readonly number[], options: { skipSpecial?: boolean } = {}): string {
    if (ids.length === 0) return '';
    for (const [i, id] of ids.entries()) {
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
        throw new ReasonkitError('INVALID_ARGUMENT', `ids.${i} is ${id}; token ids must be integers in [0, ${this.vocabSize})`, {
          field: `ids.${i}`,
          actual: id,
        });
      }
    }
    return this.#hf.decode([...ids], { skip_special_tokens: options.skipSpecial ?? true });
  }

  idToToken(id: number): string | undefined {
    return this.#hf.id_to_token(id);
  }

  /** Id of a vocabulary entry or added token (`'[CLS]'`, `'</think>'`), or undefined. */
  tokenToId(text: string): number | undefined {
    return this.#vocab.get(text);
  }

  /**
   * Batch encoding with HF `tokenizers` semantics (`encode_batch` with truncation and padding):
   * content tokens without special tokens, longest-first truncation to `maxLength` minus the
   * special tokens the post-processor adds, then the post-processor (`[CLS] A [SEP] B [SEP]`,
   * type ids from its template), then padding. Unlike `encode`, no BOS is added beyond what the
   * post-processor adds. See {@link EncodeBatchOptions} for defaults.
   */
  encodeBatch(texts: readonly string[], options: EncodeBatchOptions = {}): EncodedBatch {
    this.#batchEncoder ??= hfBatchEncoder(this.#hf, this.#vocab, {
      padId: this.padId ?? this.eosId ?? 0,
      padSide: this.tokenizerConfig.padding_side === 'left' ? 'left' : 'right',
      truncationSide: this.tokenizerConfig.truncation_side === 'left' ? 'left' : 'right',
    });
    return encodeBatchParts(this.#batchEncoder, texts, options);
  }
}

/**
 * Creates a {@link HfTokenizer} from a parsed `tokenizer.json` and (optionally)
 * `tokenizer_config.json`. Throws `TOKENIZER_INVALID` when the library rejects the JSON
 * (unsupported model, normalizer, pre-tokenizer or decoder type, missing fields).
 */
export function createHfTokenizer(tokenizerJson: unknown, tokenizerConfig: HfTokenizerConfig = {}, source = 'tokenizer.json'): HfTokenizer {
  if (tokenizerJson === null || typeof tokenizerJson !== 'object' || Array.isArray(tokenizerJson)) {
    throw new ReasonkitError('TOKENIZER_INVALID', `${source}: expected a JSON object`, { file: source });
  }
  const json = tokenizerJson as Record<string, unknown>;
  // The library requires these keys to be present (null is fine); tokenizer.json files written
  // by hand often omit them.
  const filled: Record<string, unknown> = { added_tokens: [], ...json };
  for (const key of ['normalizer', 'pre_tokenizer', 'post_processor', 'decoder']) if (!(key in filled)) filled[key] = null;
  if (!('model' in json)) {
    throw new ReasonkitError('TOKENIZER_INVALID', `${source}: missing "model"`, { file: source, field: 'model' });
  }
  // The library reads special tokens from the config as plain strings (its WordLevel fallback
  // takes the unknown token from `unk_token`), so normalise `{content}` forms and default
  // `unk_token` to the model's.
  const hfConfig: Record<string, unknown> = { ...tokenizerConfig };
  for (const key of ['bos_token', 'eos_token', 'unk_token', 'pad_token'] as const) {
    const text = tokenText(tokenizerConfig[key]);
    if (text !== undefined) hfConfig[key] = text;
  }
  const model = json.model as { unk_token?: unknown } | null;
  if (hfConfig.unk_token === undefined && typeof model?.unk_token === 'string') hfConfig.unk_token = model.unk_token;
  let hf: HfTokenizerImpl;
  try {
    hf = new HfTokenizerImpl(filled, hfConfig);
  } catch (cause) {
    throw new ReasonkitError(
      'TOKENIZER_INVALID',
      `${source}: @huggingface/tokenizers could not load it: ${cause instanceof Error ? cause.message : String(cause)}`,
      { file: source },
      { cause },
    );
  }
  const padding = json.padding as { pad_id?: unknown } | null | undefined;
  const padId = typeof padding?.pad_id === 'number' ? { padId: padding.pad_id } : {};
  return new HfTokenizer(hf, tokenizerConfig, padId);
}

/** Text of a special token given as a string or an AddedToken-like `{content}` object. */
export function tokenText(token: string | { content: string } | null | undefined): string | undefined {
  if (token === null || token === undefined) return undefined;
  return typeof token === 'string' ? token : token.content;
}
