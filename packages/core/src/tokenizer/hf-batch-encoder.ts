import type { Tokenizer as HfTokenizerImpl } from '@huggingface/tokenizers';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { BatchEncoder } from './encode-batch.js';

interface WordGroup {
  tokens: string[];
  /** An added token split out before pre-tokenization (not produced by the model). */
  added: boolean;
}

/**
 * The content tokens of `text` grouped by pre-token (word), as HF `tokenizers` splits them: the
 * library's own pipeline runs, with its model called one pre-token at a time (the model maps each
 * pre-token independently, so the tokens are the same); tokens outside any model call are added
 * tokens.
 */
function wordGroups(hf: HfTokenizerImpl, text: string): WordGroup[] {
  const model = hf.model as unknown as { _call(words: string[]): string[] };
  const own = Object.getOwnPropertyDescriptor(model, '_call');
  const call = model._call;
  const groups: string[][] = [];
  model._call = function perWord(this: unknown, words: string[]): string[] {
    const out: string[] = [];
    for (const word of words) {
      const tokens = call.call(this, [word]);
      groups.push(tokens);
      out.push(...tokens);
    }
    return out;
  };
  let flat: string[];
  try {
    flat = hf.tokenize(text, { add_special_tokens: false });
  } finally {
    if (own) Object.defineProperty(model, '_call', own);
    else delete (model as { _call?: unknown })._call;
  }
  const out: WordGroup[] = [];
  let g = 0;
  for (let p = 0; p < flat.length; ) {
    const next = groups[g];
    if (next !== undefined && next.every((t, k) => flat[p + k] === t)) {
      out.push({ tokens: next, added: false });
      p += next.length;
      g++;
    } else {
      out.push({ tokens: [flat[p]!], added: true });
      p++;
    }
  }
  return out;
}

/**
 * HF `tokenizers`' early exit before truncation (`tokenize_with_limit`, 0.22+): pre-tokens are
 * kept from the kept side until their tokens reach `max` (the full `maxLength`); added tokens
 * count but do not end the scan. The longest-first split of a pair is computed on these lengths.
 */
function preTruncated(groups: WordGroup[], max: number, side: 'left' | 'right'): string[] {
  const order = side === 'right' ? groups : [...groups].reverse();
  const kept: WordGroup[] = [];
  let total = 0;
  for (const group of order) {
    kept.push(group);
    total += group.tokens.length;
    if (!group.added && total >= max) break;
  }
  if (side === 'left') kept.reverse();
  return kept.flatMap((group) => group.tokens);
}

/**
 * The {@link BatchEncoder} of an `@huggingface/tokenizers` instance, with HF `tokenizers`
 * semantics: content tokens without special tokens (pre-truncated like the library when
 * truncation is on), the library's post-processor for special tokens and type ids (processors
 * without a template, such as ByteLevel, concatenate a pair with type ids 0 and 1 as HF's default
 * processing does), ids from the vocabulary including added tokens.
 */
export function hfBatchEncoder(hf: HfTokenizerImpl, vocab: ReadonlyMap<string, number>, defaults: BatchEncoder<string>['defaults']): BatchEncoder<string> {
  const unk = (hf.model as unknown as { unk_token_id?: number } | null)?.unk_token_id;
  const toId = (token: string): number => {
    const id = vocab.get(token) ?? unk;
    if (id === undefined) {
      throw new ReasonkitError('TOKENIZER_INVALID', `token "${token}" is not in the vocabulary and the model has no unknown token`, {
        field: 'token',
        actual: token,
      });
    }
    return id;
  };
  const post = (a: string[], b: string[] | undefined, addSpecial: boolean): { tokens: string[]; typeIds: number[] } => {
    const processor = hf.post_processor;
    const merged = (x: string[], y: string[] | undefined) => ({
      tokens: [...x, ...(y ?? [])],
      typeIds: [...new Array<number>(x.length).fill(0), ...new Array<number>(y?.length ?? 0).fill(1)],
    });
    if (!processor) return merged(a, b);
    const out = processor.post_process(a, b ?? null, addSpecial) as { tokens: string[]; tokens_pair?: string[] | null; token_type_ids?: number[] };
    // Processors without a template (ByteLevel) hand the pair back unmerged and set no type ids:
    // HF's default processing then concatenates with type ids 0 and 1.
    if (out.token_type_ids === undefined) return merged(out.tokens, out.tokens_pair ?? undefined);
    return { tokens: out.tokens, typeIds: out.token_type_ids };
  };
  const added = [false, true].map((pair) => post([], pair ? [] : undefined, true).tokens.length);
  return {
    content: (text, limit) => (limit ? preTruncated(wordGroups(hf, text), limit.maxLength, limit.side) : hf.tokenize(text, { add_special_tokens: false })),
    addedTokens: (pair) => added[pair ? 1 : 0]!,
    postProcess(a, b, addSpecial) {
      const { tokens, typeIds } = post(a, b, addSpecial);
      return { ids: tokens.map(toId), typeIds };
    },
    defaults,
  };
}
