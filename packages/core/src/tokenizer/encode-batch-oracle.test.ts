// encodeBatch against the HF `tokenizers` library's own batch encoding (npm `tokenizers`, the
// official Rust bindings, a devDependency used only here as the oracle). Both load the same
// tokenizer.json built below, so no network is needed.
import { byteLevelAlphabet, Tokenizer as RustTokenizer } from 'tokenizers';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/mulberry32.js';
import type { EncodeBatchOptions } from './encode-batch.js';
import { createHfTokenizer } from './hf-tokenizer.js';

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const WORDS = ['the', 'cat', 'sat', 'on', 'mat', 'dog', 'quick', 'brown', 'fox', 'jump', 'over', 'lazy', 'run', 'play', 'think', 'answer', 'is'];
const SUFFIXES = ['##s', '##ed', '##ing', '##er'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PUNCT = '.,!?;:()';

function addedToken(content: string, id: number) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

/** A BERT-like WordPiece tokenizer.json: lowercasing, BERT pre-tokenizer, `[CLS] A [SEP] B [SEP]` template. */
function wordPieceJson(): Record<string, unknown> {
  const vocab: Record<string, number> = {};
  const add = (t: string) => {
    if (!(t in vocab)) vocab[t] = Object.keys(vocab).length;
  };
  for (const s of SPECIALS) add(s);
  for (const w of WORDS) add(w);
  for (const s of SUFFIXES) add(s);
  for (const c of LETTERS) add(c);
  for (const c of LETTERS) add(`##${c}`);
  for (const c of PUNCT) add(c);
  const special = (id: string, typeId: number) => ({ SpecialToken: { id, type_id: typeId } });
  const seq = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((s, i) => addedToken(s, i)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]', 0), seq('A', 0), special('[SEP]', 0)],
      pair: [special('[CLS]', 0), seq('A', 0), special('[SEP]', 0), seq('B', 1), special('[SEP]', 1)],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}

/** A character BPE with a few merges, whitespace pre-tokenizer and no post-processor (pairs merge with type ids 0/1). */
function bpeJson(): Record<string, unknown> {
  const vocab: Record<string, number> = { '<pad>': 0, '<unk>': 1 };
  const add = (t: string) => {
    if (!(t in vocab)) vocab[t] = Object.keys(vocab).length;
  };
  for (const c of LETTERS + PUNCT) add(c);
  const merges = ['t h', 'th e', 'a t', 'c at', 's at', 'o n', 'i n', 'in g', 'e r', 'o v', 'ov er', 'd o', 'do g', 'r u', 'ru n'];
  for (const m of merges) add(m.replace(' ', ''));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [addedToken('<pad>', 0), addedToken('<unk>', 1)],
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: null,
    decoder: null,
    model: { type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, vocab, merges },
  };
}

/** A GPT-2-like byte-level BPE (byte-level pre-tokenizer and post-processor: pairs merge with type ids 0/1). */
function byteLevelJson(): Record<string, unknown> {
  const vocab: Record<string, number> = { '<|endoftext|>': 0 };
  const add = (t: string) => {
    if (!(t in vocab)) vocab[t] = Object.keys(vocab).length;
  };
  for (const c of byteLevelAlphabet().sort()) add(c);
  const merges = ['Ġ t', 'Ġt h', 'Ġth e', 'h e', 'a t', 'Ġ c', 'Ġc at', 'Ġ s', 'Ġs at', 'o n', 'Ġ on', 'i n', 'in g', 'Ġ d', 'Ġd o', 'Ġdo g', 'e r'];
  for (const m of merges) add(m.replace(' ', ''));
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [addedToken('<|endoftext|>', 0)],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: byteLevel,
    decoder: byteLevel,
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, vocab, merges },
  };
}

/**
 * 200 mixed-length strings (0 to ~45 words, some unknown words, punctuation, capitals, and now and
 * then the added token `added`, which HF splits out before normalisation), seeded.
 */
function sampleTexts(seed: number, added: string, count = 200): string[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = i % 17 === 0 ? 0 : Math.floor(rand() ** 2 * 45);
    const words: string[] = [];
    for (let w = 0; w < n; w++) {
      const r = rand();
      if (r < 0.03) words.push(added);
      else if (r < 0.6) words.push(pick(WORDS) + (rand() < 0.2 ? pick(['s', 'ed', 'ing', 'er']) : ''));
      else if (r < 0.85) {
        let s = '';
        const len = 1 + Math.floor(rand() * 7);
        for (let k = 0; k < len; k++) s += pick([...LETTERS]);
        words.push(s);
      } else words.push(pick([...PUNCT]));
      if (rand() < 0.1) words[words.length - 1] = words[words.length - 1]!.toUpperCase();
    }
    out.push(words.join(' '));
  }
  return out;
}

interface Case {
  name: string;
  options: EncodeBatchOptions;
  pairs?: boolean;
}

const CASES: Case[] = [
  { name: 'padding longest, no truncation', options: {} },
  { name: 'padding longest on the left', options: { padSide: 'left' } },
  { name: 'max_length 24, truncation right', options: { maxLength: 24, truncation: 'right', padding: 'max_length' } },
  { name: 'max_length 16, truncation left, pads left', options: { maxLength: 16, truncation: 'left', padding: 'max_length', padSide: 'left' } },
  { name: 'longest with truncation right at 12', options: { maxLength: 12, truncation: 'right' } },
  { name: 'pairs, longest, truncation right at 20', options: { maxLength: 20, truncation: 'right' }, pairs: true },
  { name: 'pairs, max_length 33, truncation left', options: { maxLength: 33, truncation: 'left', padding: 'max_length' }, pairs: true },
  { name: 'pairs, no truncation, pads left', options: { padSide: 'left' }, pairs: true },
  { name: 'no special tokens, max_length 10, truncation right', options: { maxLength: 10, truncation: 'right', padding: 'max_length', addSpecialTokens: false } },
  { name: 'pairs, no special tokens, truncation left at 9', options: { maxLength: 9, truncation: 'left', addSpecialTokens: false }, pairs: true },
  { name: 'pairs, tight max_length 7, truncation right', options: { maxLength: 7, truncation: 'right', padding: 'max_length' }, pairs: true },
];

async function oracle(json: Record<string, unknown>, padId: number, padToken: string, texts: string[], pairs: string[] | undefined, o: EncodeBatchOptions) {
  const rust = RustTokenizer.fromString(JSON.stringify(json));
  if (o.truncation) rust.setTruncation(o.maxLength!, { direction: o.truncation });
  rust.setPadding({
    direction: o.padSide ?? 'right',
    padId,
    padToken,
    ...(o.padding === 'max_length' ? { maxLength: o.maxLength! } : {}),
  });
  const addSpecialTokens = o.addSpecialTokens ?? true;
  let encodings;
  if (!pairs) {
    encodings = await rust.encodeBatch(texts, { addSpecialTokens });
  } else {
    // The node binding's encodeBatch takes single strings only: encode each pair, then pad the
    // batch with the library's own Encoding.pad to the longest row (as encode_batch does).
    rust.disablePadding();
    encodings = await Promise.all(texts.map((t, i) => rust.encode(t, pairs[i]!, { addSpecialTokens })));
    const width = o.padding === 'max_length' ? o.maxLength! : Math.max(...encodings.map((e) => e.getLength()));
    for (const e of encodings) e.pad(width, { direction: o.padSide ?? 'right', padId, padToken });
  }
  return {
    inputIds: encodings.map((e) => e.getIds()),
    attentionMask: encodings.map((e) => e.getAttentionMask()),
    tokenTypeIds: encodings.map((e) => e.getTypeIds()),
  };
}

describe.each([
  { kind: 'WordPiece + TemplateProcessing (BERT-like)', json: wordPieceJson(), config: { pad_token: '[PAD]' }, padId: 0, padToken: '[PAD]', added: '[MASK]' },
  { kind: 'BPE without post-processor', json: bpeJson(), config: { pad_token: '<pad>' }, padId: 0, padToken: '<pad>', added: '<unk>' },
  { kind: 'byte-level BPE (GPT-2-like)', json: byteLevelJson(), config: { pad_token: '<|endoftext|>' }, padId: 0, padToken: '<|endoftext|>', added: '<|endoftext|>' },
])('encodeBatch equals HF tokenizers (Rust) encode_batch: $kind', ({ json, config, padId, padToken, added }) => {
  const ours = createHfTokenizer(json, config);
  const texts = sampleTexts(7, added);
  const pairTexts = sampleTexts(11, added);

  it('the sample holds added tokens', () => {
    expect(texts.filter((t) => t.includes(added)).length).toBeGreaterThan(5);
  });

  it.each(CASES)('$name: ids, masks and type ids equal on 200 strings', async ({ options, pairs }) => {
    const opts: EncodeBatchOptions = { ...options, ...(pairs ? { pairs: pairTexts } : {}) };
    const got = ours.encodeBatch(texts, opts);
    const want = await oracle(json, padId, padToken, texts, pairs ? pairTexts : undefined, options);
    // The case must exercise what it names: padding happened, and truncation cut something.
    expect(want.attentionMask.some((m) => m.includes(0))).toBe(true);
    if (options.truncation) {
      const full = ours.encodeBatch(texts, { ...(pairs ? { pairs: pairTexts } : {}), addSpecialTokens: options.addSpecialTokens ?? true });
      expect(Math.max(...full.inputIds.map((r) => r.length))).toBeGreaterThan(options.maxLength!);
    }
    if (options.padSide === 'left') expect(want.attentionMask.some((m) => m[0] === 0)).toBe(true);
    expect(got.inputIds).toEqual(want.inputIds);
    expect(got.attentionMask).toEqual(want.attentionMask);
    expect(got.tokenTypeIds).toEqual(want.tokenTypeIds);
  });
});
