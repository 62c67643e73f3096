import type { Tokenizer } from '@reasonkit/core';
import { stripStepPrefix } from '../parse.js';

/** Token ids of one item and the position read out for each step. */
export interface BuiltInput {
  ids: number[];
  /** One readout position per step, in step order. */
  positions: number[];
}

/** Builds a classifier input for an item; spec §4.4 input builders. */
export type InputBuilder = (tokenizer: Tokenizer, question: string, steps: readonly string[]) => BuiltInput;

function prepare(steps: readonly string[], strip?: 'prmbench'): readonly string[] {
  return strip === 'prmbench' ? steps.map(stripStepPrefix) : steps;
}

/**
 * TRL token-classification PRMs (ProcessBench PR #12): question + separator, then each step +
 * separator, **tokenized piece by piece and concatenated as ids**; each step is read at its
 * last token. (Concatenating the strings first lets merges cross pieces and moves the positions.)
 */
export function concatIds(o: { separator?: string; bos?: boolean; stripStepPrefix?: 'prmbench' } = {}): InputBuilder {
  const sep = o.separator ?? '\n';
  return (tok, question, steps) => {
    const ids = [...(o.bos && tok.bosId !== undefined ? [tok.bosId] : []), ...tok.encode(question + sep)];
    const positions: number[] = [];
    for (const step of prepare(steps, o.stripStepPrefix)) {
      ids.push(...tok.encode(step + sep));
      positions.push(ids.length - 1);
    }
    return { ids, positions };
  };
}

/**
 * Math-Shepherd / Skywork style: `question` + ` `, then `Step k: <step><tag><lineEnd>` per step,
 * each piece tokenized on its own; each step is read at the last token of its tag (e.g. ` ки`).
 */
export function tagged(o: { prefix?: (k: number) => string; tag?: string; lineEnd?: string; questionSuffix?: string; stripStepPrefix?: 'prmbench' } = {}): InputBuilder {
  const prefix = o.prefix ?? ((k: number) => `Step ${k}: `);
  const tag = o.tag ?? ' ки';
  const lineEnd = o.lineEnd ?? '\n';
  return (tok, question, steps) => {
    const ids = tok.encode(question + (o.questionSuffix ?? ' '));
    const positions: number[] = [];
    prepare(steps, o.stripStepPrefix).forEach((step, k) => {
      ids.push(...tok.encode(prefix(k + 1) + step));
      ids.push(...tok.encode(tag));
      positions.push(ids.length - 1);
      if (lineEnd) ids.push(...tok.encode(lineEnd));
    });
    return { ids, positions };
  };
}

/**
 * Separator-token models (Qwen2.5-Math-PRM `<extra_0>`): renders the whole input with `render`
 * (e.g. a chat template whose assistant turn is the steps each followed by the separator),
 * tokenizes it once, and reads every position holding `separatorId`.
 */
export function separatorTokens(o: { separator: string; separatorId: number; render?: (question: string, steps: readonly string[], separator: string) => string; stripStepPrefix?: 'prmbench' }): InputBuilder {
  const render = o.render ?? ((q, steps, sep) => `${q}\n${steps.map((s) => s + sep).join('')}`);
  return (tok, question, steps) => {
    const ids = tok.encode(render(question, prepare(steps, o.stripStepPrefix), o.separator));
    const positions: number[] = [];
    ids.forEach((id, i) => {
      if (id === o.separatorId) positions.push(i);
    });
    return { ids, positions };
  };
}
