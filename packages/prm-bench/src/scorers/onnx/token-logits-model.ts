import type { OnnxSession, OrtModule, OrtTensor } from '@reasonkit/core';

/**
 * What the step classifier needs from a model: per-token class (or vocabulary) logits for a batch
 * of token-id rows. `logits[b]` is row-major `[length_b, numClasses]` for row `b`.
 */
export interface TokenLogitsModel {
  readonly id: string;
  tokenLogits(rows: readonly (readonly number[])[], signal?: AbortSignal): Promise<{ logits: Float32Array[]; numClasses: number }>;
}

export interface SessionTokenLogitsOptions {
  /** Model identity for `scorer.id` (name + revision). */
  id: string;
  /** Default `input_ids`. */
  inputName?: string;
  /** Default `attention_mask`; null = the graph has no mask input. */
  maskName?: string | null;
  /** Default `logits` (`[batch, seq, classes]`). */
  outputName?: string;
  /** Right-padding id. Default 0. */
  padId?: number;
}

/**
 * A `TokenLogitsModel` over a core `OnnxSession` (token classifiers and causal LMs exported with a
 * `[batch, seq, classes]` logits output): right-pads the batch, feeds int64 ids and an attention
 * mask, and slices each row back to its length.
 */
export function sessionTokenLogitsModel(session: OnnxSession, ort: OrtModule, options: SessionTokenLogitsOptions): TokenLogitsModel {
  const inputName = options.inputName ?? 'input_ids';
  const maskName = options.maskName === undefined ? 'attention_mask' : options.maskName;
  const outputName = options.outputName ?? 'logits';
  const pad = BigInt(options.padId ?? 0);
  return {
    id: options.id,
    async tokenLogits(rows, signal) {
      const b = rows.length;
      const t = Math.max(1, ...rows.map((r) => r.length));
      const ids = new BigInt64Array(b * t).fill(pad);
      const mask = new BigInt64Array(b * t);
      rows.forEach((r, i) => {
        for (let j = 0; j < r.length; j++) {
          ids[i * t + j] = BigInt(r[j]!);
          mask[i * t + j] = 1n;
        }
      });
      const feeds: Record<string, OrtTensor> = { [inputName]: new ort.Tensor('int64', ids, [b, t]) };
      if (maskName) feeds[maskName] = new ort.Tensor('int64', mask, [b, t]);
      const out = await session.run(feeds, [outputName], signal);
      const tensor = out[outputName]!;
      const c = Number(tensor.dims[tensor.dims.length - 1]);
      const data = tensor.data as Float32Array;
      return { numClasses: c, logits: rows.map((r, i) => data.slice(i * t * c, (i * t + r.length) * c)) };
    },
  };
}
