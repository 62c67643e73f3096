import { generate } from '../generation/generate.js';
import type { CausalLM } from '../model/causal-lm.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';

/** File names of the shared reference model (karpathy/llama2.c stories260K, spec core §9.1). */
export const STORIES260K_FILES = { checkpoint: 'stories260K.bin', tokenizer: 'tok512.bin' } as const;

/** The oracle prompt (spec core §9.4/§9.5). */
export const STORIES260K_ORACLE_PROMPT = 'Once upon a time';

/** `tok512.encode(STORIES260K_ORACLE_PROMPT)` with BOS: `[1, 403, 407, 261, 378]` (spec core §9.4). */
export const STORIES260K_ORACLE_PROMPT_IDS: readonly number[] = Object.freeze([1, 403, 407, 261, 378]);

/** The first 12 greedy ids after the oracle prompt (spec core §9.5). */
export const STORIES260K_ORACLE_FIRST_IDS: readonly number[] = Object.freeze([432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338]);

/**
 * The documented greedy oracle: prompt + 57 greedy tokens decoded (spec core §9.5,
 * `shared/models/README.md`).
 */
export const STORIES260K_ORACLE_57 =
  'Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.';

/**
 * The full documented greedy sample (karpathy/llama2.c `doc/stories260K.md`, `run -t 0.0`):
 * all 256 positions (BOS + 4 prompt tokens + 251 new tokens) from an empty prompt, whose greedy
 * path equals the encoded "Once upon a time" (spec core §9.5). Newlines are token 13.
 */
export const STORIES260K_ORACLE_FULL = [
  STORIES260K_ORACLE_57,
  'Lily\'s mom said, "Lily, let\'s go to the park." Lily was sad and didn\'t know what to do. She said, "I want to play with your ball, but I can\'t find it."',
  'Lily was sad and didn\'t know what to do. She said, "I\'m sorry, Lily. I didn\'t know what to do."',
  'Lily didn\'t want to help her mom, so she said, "I\'m sorry, mom. I didn\'t know what to do." Her mom said, "Don\'t worry, Lily. We can help you.',
].join('\n');

/** What {@link runStories260KOracle} found. */
export interface Stories260KOracleResult {
  /** Prompt + generated text, as `tokenizer.decode(allIds)`. */
  text: string;
  /** {@link STORIES260K_ORACLE_57}. */
  expected: string;
  /** `text === expected`. */
  matches: boolean;
  /** Prompt + generated ids. */
  ids: number[];
}

/**
 * Runs the stories260K greedy oracle on any `CausalLM` holding stories260K (the reference model,
 * an ONNX export on ORT-node or ORT-web, or a feature package's wrapper around one): prompt ids
 * {@link STORIES260K_ORACLE_PROMPT_IDS}, 57 greedy tokens, never stopping on EOS, decoded with
 * `tokenizer` (tok512). `matches` is true when the text equals {@link STORIES260K_ORACLE_57}.
 * Extra `generate` options (e.g. `hooks` that evict nothing, a custom `cache`) pass through.
 */
export async function runStories260KOracle(
  lm: CausalLM,
  tokenizer: Pick<Tokenizer, 'decode'>,
  options: { cache?: Parameters<typeof generate>[1]['cache']; hooks?: Parameters<typeof generate>[1]['hooks']; signal?: AbortSignal } = {},
): Promise<Stories260KOracleResult> {
  const r = await generate(lm, {
    inputIds: [...STORIES260K_ORACLE_PROMPT_IDS],
    maxNewTokens: 57,
    temperature: 0,
    eosTokenIds: [],
    ...options,
  });
  const text = tokenizer.decode(r.allIds);
  return { text, expected: STORIES260K_ORACLE_57, matches: text === STORIES260K_ORACLE_57, ids: r.allIds };
}
