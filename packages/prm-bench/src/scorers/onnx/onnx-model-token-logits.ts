import type { OnnxModel } from '@reasonkit/core';
import type { TokenLogitsModel } from './token-logits-model.js';

/** Options of the ONNX token-logits model. */
export interface OnnxModelTokenLogitsOptions {
  /** Model identity for `scorer.id` (name + revision). */
  id: string;
  /** Output with `[batch, seq, classes]` logits. Default `logits`. */
  outputName?: string;
  /** Right-padding id (masked out). Default 0. */
  padId?: number;
}

/**
 * A `TokenLogitsModel` over core's generic `OnnxModel` (`createOnnxModel` / `loadOnnxModel`):
 * right-pads the id rows into an `EncodedBatch`, lets `model.feedsFor` build the feeds the graph
 * declares (`input_ids`, `attention_mask`, `token_type_ids`, `position_ids`, in its dtypes), runs
 * it, and slices each row's logits back to its length.
 */
export function onnxModelTokenLogits(model: OnnxModel, options: OnnxModelTokenLogitsOptions): TokenLogitsModel {
  const outputName = options.outputName ?? 'logits';
  const pad = options.padId ?? 0;
  return {
    id: options.id,
    async tokenLogits(rows, signal) {
      const t = Math.max(1, ...rows.map((r) => r.length));
      const fill = (n: number, v: number) => new Array<number>(n).fill(v);
      const batch = {
        inputIds: rows.map((r) => [...r, ...fill(t - r.length, pad)]),
        attentionMask: rows.map((r) => [...fill(r.length, 1), ...fill(t - r.length, 0)]),
        tokenTypeIds: rows.map(() => fill(t, 0)),
      };
      const out = (await model.run(model.feedsFor(batch), { outputs: [outputName], ...(signal ? { signal } : {}) }))[outputName]!;
      const c = out.dims[out.dims.length - 1]!;
      const data = out.data as Float32Array;
      return { numClasses: c, logits: rows.map((r, i) => data.slice(i * t * c, (i * t + r.length) * c)) };
    },
  };
}
