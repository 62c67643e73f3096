import { ReasonkitError, type Tokenizer } from '@reasonkit/core';
import { createPrng, deriveSeed, type Prng } from '../random/prng.js';
import { noThinkingCompletion, noThinkingPrompt, thinkingCompletion, thinkingPrompt, type PromptMode } from '../tasks/format.js';
import { generateProblem } from '../tasks/levels.js';
import { MAX_OPERAND_DIGITS, type Operation, type Problem } from '../tasks/problem.js';
import { solve } from '../tasks/solution.js';

/** One training sequence: token ids and the index of the first id that carries loss. */
export interface TrainingSequence {
  readonly ids: number[];
  /** Ids before this index are the prompt (BOS, question, prefill); no loss on them. */
  readonly lossStart: number;
}

/**
 * The training mixture (our choice): an operation drawn uniformly from `ops` (the shipped model:
 * addition only); the first operand has 1…`maxDigits` digits uniformly; the second has the same
 * width half of the time and a uniform width otherwise (sub: at most the first's; mul: a digit 1…9).
 */
export function sampleTrainingProblem(prng: Prng, ops: readonly Operation[] = ['add'], maxDigits: number = MAX_OPERAND_DIGITS): Problem {
  const op: Operation = ops.length === 1 ? ops[0]! : ops[prng.int(0, ops.length - 1)]!;
  const digits = prng.int(1, maxDigits);
  if (op === 'mul') {
    const p = generateProblem(prng, 'mul', digits);
    return { ...p, b: prng.int(1, 9) };
  }
  const same = prng.next() < 0.5;
  const bDigits = same ? digits : prng.int(1, op === 'sub' ? digits : maxDigits);
  return generateProblem(prng, op, digits, bDigits);
}

/** Tokenises prompt + completion + EOS; checks that the prompt's ids are a prefix of the whole. */
export function encodeExample(tok: Tokenizer, prompt: string, completion: string): TrainingSequence {
  const promptIds = tok.encode(prompt, { bos: true, eos: false });
  const ids = tok.encode(prompt + completion, { bos: true, eos: true });
  for (let i = 0; i < promptIds.length; i++) {
    if (ids[i] !== promptIds[i]) throw new Error(`prompt tokens are not a prefix of the full sequence for ${JSON.stringify(prompt)}`);
  }
  return { ids, lossStart: promptIds.length };
}

export function trainingExample(tok: Tokenizer, p: Problem, mode: PromptMode): TrainingSequence {
  const sol = solve(p);
  return mode === 'thinking'
    ? encodeExample(tok, thinkingPrompt(p), thinkingCompletion(sol))
    : encodeExample(tok, noThinkingPrompt(p), noThinkingCompletion(sol));
}

export interface TrainingCorpusOptions {
  readonly seed: number;
  /** Sequences per mode. */
  readonly count: number;
  /** Operations (default addition only). */
  readonly ops?: readonly Operation[];
  /**
   * Widest operand of the NoThinking sequences (default 5, no cap). The shipped model uses 2: like
   * reasoning models, which are trained to answer hard problems with a thinking trace, it learns
   * to answer directly only small problems (our choice; see the testbed README).
   */
  readonly noThinkingMaxDigits?: number;
  /**
   * Share of NoThinking sequences drawn without the cap, at any width 1…5 (default 0). The graded
   * model (`testbedModelDir('graded')`) uses a small share, so it answers some wider problems
   * directly and fails others: its NoThinking accuracy falls gradually with width and varies within
   * a level (our choice; see the testbed README).
   */
  readonly noThinkingWideShare?: number;
}

/**
 * Serialises `count` Thinking and `count` NoThinking sequences from `seed` (separate streams),
 * as: ASCII `RKTB`, uint32 count of sequences, then per sequence uint16 length, uint16
 * lossStart, uint16 ids (little-endian). Thinking sequences come first.
 */
export function buildTrainingCorpus(tok: Tokenizer, options: TrainingCorpusOptions): Uint8Array {
  const { seed, count, ops = ['add'], noThinkingMaxDigits = MAX_OPERAND_DIGITS, noThinkingWideShare = 0 } = options;
  if (!Number.isInteger(noThinkingMaxDigits) || noThinkingMaxDigits < 1 || noThinkingMaxDigits > MAX_OPERAND_DIGITS) {
    throw new ReasonkitError('INVALID_ARGUMENT', `noThinkingMaxDigits must be an integer in 1..${MAX_OPERAND_DIGITS}, got ${noThinkingMaxDigits}`, {
      option: 'noThinkingMaxDigits',
      value: noThinkingMaxDigits,
    });
  }
  if (!(noThinkingWideShare >= 0 && noThinkingWideShare <= 1)) {
    throw new ReasonkitError('INVALID_ARGUMENT', `noThinkingWideShare must be a number in [0, 1], got ${noThinkingWideShare}`, {
      option: 'noThinkingWideShare',
      value: noThinkingWideShare,
    });
  }
  const chunks: TrainingSequence[] = [];
  for (const mode of ['thinking', 'no-thinking'] as const) {
    const prng = createPrng(deriveSeed(seed, `train:${mode}`));
    // A separate stream decides which NoThinking sequences are uncapped, so a share of 0 leaves
    // the capped corpus identical to the one the shipped model was trained on.
    const widePrng = createPrng(deriveSeed(seed, `train:${mode}:wide`));
    for (let i = 0; i < count; i++) {
      const wide = mode === 'thinking' || (noThinkingWideShare > 0 && widePrng.next() < noThinkingWideShare);
      const maxDigits = wide ? MAX_OPERAND_DIGITS : noThinkingMaxDigits;
      chunks.push(trainingExample(tok, sampleTrainingProblem(prng, ops, maxDigits), mode));
    }
  }
  const total = 8 + chunks.reduce((n, c) => n + 4 + 2 * c.ids.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set([0x52, 0x4b, 0x54, 0x42], 0);
  view.setUint32(4, chunks.length, true);
  let off = 8;
  for (const c of chunks) {
    view.setUint16(off, c.ids.length, true);
    view.setUint16(off + 2, c.lossStart, true);
    off += 4;
    for (const id of c.ids) {
      view.setUint16(off, id, true);
      off += 2;
    }
  }
  return out;
}
