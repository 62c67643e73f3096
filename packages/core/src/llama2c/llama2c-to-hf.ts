import { ReasonkitError } from '../errors/reasonkit-error.js';
import { LLAMA2C_BOS_ID, LLAMA2C_EOS_ID, type Llama2cTokenizer } from './llama2c-tokenizer.js';

/**
 * Stand-in for BOS during decoding: U+FFFF, a Unicode noncharacter. The BOS token's text is
 * replaced by it token-wise, then the fused text drops it together with one following space.
 */
const BOS_SENTINEL = '\uFFFF';

/**
 * Converts a llama2.c tokenizer into a Hugging Face `tokenizer.json` object (BPE with byte
 * fallback) that `@huggingface/tokenizers` loads and that encodes and decodes like
 * `Llama2cTokenizer`:
 *
 * - **normalizer** `Prepend(" ")`: the dummy-prefix space (only for non-empty text);
 * - **no pre-tokenizer**: the whole text is one BPE word, split into code points as llama2.c does;
 * - **model** `BPE` with `byte_fallback`: the vocabulary keeps llama2.c's ids; the merges are every
 *   split `(left, right)` of a piece into two vocabulary pieces, ranked by the merged piece's
 *   score (descending; ties by id, then by split point). llama2.c merges the highest-scoring
 *   adjacent pair and HF BPE the lowest-rank pair, so this ordering reproduces it (checked
 *   empirically against `Llama2cTokenizer`, see the tests);
 * - **post-processor** `TemplateProcessing` adding BOS (id 1) in front when special tokens are on;
 * - **decoder** `Replace(BOS text → U+FFFF)` per token, `Replace(EOS text → "")`,
 *   `ByteFallback`, `Fuse`, then drop `U+FFFF` plus one following space, then any other `U+FFFF`:
 *   the leading space of the piece after BOS is dropped, like run.c's `decode`.
 *
 * Known differences (documented, tested): BOS and EOS are not registered as HF special tokens
 * (registering them would make HF split literal `"\n<s>\n"` text into BOS, which llama2.c never
 * does), so HF `skip_special_tokens` does not apply to them; instead the decoder always removes
 * their text, which equals `Llama2cTokenizer.decode` with its default `skipSpecial: true`. A
 * literal U+FFFF in decoded text is removed as well (with a following space). Encoding is exact
 * when distinct merged pieces have distinct scores (true for tok512 and sentencepiece-trained
 * vocabularies); if two different pieces tie, llama2.c merges the leftmost tied pair while HF
 * applies the one ranked first (lower id), which can differ.
 *
 * Throws `TOKENIZER_INVALID` if a piece is not valid UTF-8 or two ids share a piece, since
 * `tokenizer.json` keys vocabularies by string.
 */
export function llama2cTokenizerToHfJson(tok: Llama2cTokenizer): Record<string, unknown> {
  const strings = vocabStrings(tok);
  const bos = strings[LLAMA2C_BOS_ID]!;
  const eos = strings[LLAMA2C_EOS_ID]!;
  const unk = strings[0]!;
  const idOf = new Map(strings.map((s, id) => [s, id] as const));

  const merges: Array<{ score: number; id: number; k: number; pair: [string, string] }> = [];
  for (const [id, s] of strings.entries()) {
    const cps = Array.from(s);
    for (let k = 1; k < cps.length; k++) {
      const left = cps.slice(0, k).join('');
      const right = cps.slice(k).join('');
      if (idOf.has(left) && idOf.has(right)) merges.push({ score: tok.score(id), id, k, pair: [left, right] });
    }
  }
  merges.sort((a, b) => b.score - a.score || a.id - b.id || a.k - b.k);

  const special = (content: string, id: number) => ({ id: content, ids: [id], tokens: [content] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: { type: 'Prepend', prepend: ' ' },
    pre_tokenizer: null,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: unk,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: true,
      ignore_merges: false,
      vocab: Object.fromEntries(strings.map((s, id) => [s, id])),
      merges: merges.map((m) => m.pair),
    },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: bos, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: bos, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: bos, type_id: 1 } },
        { Sequence: { id: 'B', type_id: 1 } },
      ],
      special_tokens: { [bos]: special(bos, LLAMA2C_BOS_ID) },
    },
    decoder: {
      type: 'Sequence',
      decoders: [
        { type: 'Replace', pattern: { String: bos }, content: BOS_SENTINEL },
        { type: 'Replace', pattern: { String: eos }, content: '' },
        { type: 'ByteFallback' },
        { type: 'Fuse' },
        { type: 'Replace', pattern: { String: `${BOS_SENTINEL} ` }, content: '' },
        { type: 'Replace', pattern: { String: BOS_SENTINEL }, content: '' },
      ],
    },
  };
}

/**
 * The `tokenizer_config.json` to ship next to {@link llama2cTokenizerToHfJson}'s output:
 * BOS/EOS/UNK token texts, `add_bos_token`, and `clean_up_tokenization_spaces: false` (HF's
 * default `true` would rewrite `" ."` to `"."`, which llama2.c never does). No chat template.
 */
export function tokenizerConfigFor(tok: Llama2cTokenizer): Record<string, unknown> {
  const strings = vocabStrings(tok);
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    bos_token: strings[LLAMA2C_BOS_ID],
    eos_token: strings[LLAMA2C_EOS_ID],
    unk_token: strings[0],
    add_bos_token: true,
    add_eos_token: false,
    clean_up_tokenization_spaces: false,
    legacy: true,
  };
}

function vocabStrings(tok: Llama2cTokenizer): string[] {
  if (tok.vocabSize <= LLAMA2C_EOS_ID) {
    throw new ReasonkitError('TOKENIZER_INVALID', `llama2.c tokenizer has ${tok.vocabSize} pieces; BOS (1) and EOS (2) are missing`, {
      field: 'vocabSize',
      actual: tok.vocabSize,
    });
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const [id, piece] of tok.pieces.entries()) {
    let s: string;
    try {
      s = decoder.decode(piece.bytes);
    } catch {
      throw new ReasonkitError(
        'TOKENIZER_INVALID',
        `llama2.c token ${id} is not valid UTF-8 and cannot be a tokenizer.json vocabulary key`,
        { record: id },
      );
    }
    const dup = seen.get(s);
    if (dup !== undefined) {
      throw new ReasonkitError(
        'TOKENIZER_INVALID',
        `llama2.c tokens ${dup} and ${id} share the piece ${JSON.stringify(s)}; tokenizer.json needs unique pieces`,
        { record: id },
      );
    }
    seen.set(s, id);
    out.push(s);
  }
  return out;
}
