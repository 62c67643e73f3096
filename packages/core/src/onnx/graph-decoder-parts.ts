import type { GraphBuilder } from './graph-builder.js';
import { OnnxDataType } from './proto-writer.js';

/** Lowest finite float32, used instead of `-Infinity` so fully masked rows give no NaN. */
const MASKED_SCORE = -3.4028234663852886e38;

/** The standard decoder graph inputs (spec core §5.2) and their symbolic dim names. */
export const DECODER_DIMS = {
  batch: 'batch_size',
  seq: 'sequence_length',
  past: 'past_sequence_length',
  total: 'total_sequence_length',
} as const;

export interface DecoderInputs {
  inputIds: string;
  attentionMask: string;
  positionIds: string | undefined;
  past: { key: string; value: string }[];
}

/**
 * Declares `input_ids`, `attention_mask`, optional `position_ids` and `past_key_values.{i}.key|value`
 * float32 `[batch_size, kvHeads, past_sequence_length, headDim]` (spec core §5.2).
 */
export function declareDecoderInputs(
  g: GraphBuilder,
  layers: number,
  kvHeads: number,
  headDim: number,
  withPositionIds = true,
): DecoderInputs {
  const { batch, seq, past, total } = DECODER_DIMS;
  const inputIds = g.input('input_ids', OnnxDataType.INT64, [batch, seq]);
  const attentionMask = g.input('attention_mask', OnnxDataType.INT64, [batch, total]);
  const positionIds = withPositionIds ? g.input('position_ids', OnnxDataType.INT64, [batch, seq]) : undefined;
  const pastNames = Array.from({ length: layers }, (_, i) => ({
    key: g.input(`past_key_values.${i}.key`, OnnxDataType.FLOAT, [batch, kvHeads, past, headDim]),
    value: g.input(`past_key_values.${i}.value`, OnnxDataType.FLOAT, [batch, kvHeads, past, headDim]),
  }));
  return { inputIds, attentionMask, positionIds, past: pastNames };
}

/** Declares `present.{i}.key|value` float32 `[batch_size, kvHeads, total_sequence_length, headDim]`. */
export function declarePresentOutput(g: GraphBuilder, name: string, kvHeads: number, headDim: number): void {
  const { batch, total } = DECODER_DIMS;
  g.output(name, OnnxDataType.FLOAT, [batch, kvHeads, total, headDim]);
}

/**
 * Builds the boolean attention permission `[batch, 1, seq, total]` from cache order: query `i` of
 * the `seq` new tokens may attend key `j` iff `j ≤ (total − seq) + i` and `attention_mask[b, j] = 1`.
 * It depends on cache order only (not on `position_ids`), so an evicted cache fed with explicit
 * absolute positions still works.
 */
export function buildCausalPermission(g: GraphBuilder, inputIds: string, attentionMask: string): string {
  return g.withScope('/model/attn_mask', () => {
    const idx1 = g.constInt64([1], []);
    const zero = g.constInt64([0], []);
    const one = g.constInt64([1], []);
    const seqLen = g.op('Gather', [g.op('Shape', [inputIds]), idx1], { axis: 0 }, { outputs: ['/model/attn_mask/seq_len'] });
    const totalLen = g.op('Gather', [g.op('Shape', [attentionMask]), idx1], { axis: 0 }, { outputs: ['/model/attn_mask/total_len'] });
    const pastLen = g.op('Sub', [totalLen, seqLen], {}, { outputs: ['/model/attn_mask/past_len'] });
    const keyIdx = g.op('Range', [zero, totalLen, one]); // [total]
    const queryIdx = g.op('Add', [g.op('Range', [zero, seqLen, one]), pastLen]); // [seq]
    const queryCol = g.op('Unsqueeze', [queryIdx, g.constInt64([1])]); // [seq, 1]
    const causal = g.op('LessOrEqual', [keyIdx, queryCol]); // [seq, total]
    const maskBool = g.op('Equal', [attentionMask, one]); // [batch, total]
    const mask4 = g.op('Unsqueeze', [maskBool, g.constInt64([1, 2])]); // [batch, 1, 1, total]
    return g.op('And', [causal, mask4], {}, { outputs: ['/model/attn_mask/allowed'] }); // [batch, 1, seq, total]
  });
}

/**
 * Scaled dot-product attention with a boolean permission: `softmax(where(allowed, q·kᵀ/√d, min))·v`.
 * `q` `[B, H, S, D]`, `k`/`v` `[B, H, T, D]`, `allowed` broadcastable to `[B, H, S, T]`. Returns
 * `[B, H, S, D]`. Scores are divided by `√headDim` as llama2.c does. With `probsName`, the attention
 * weights `[B, H, S, T]` (masked entries exactly 0, rows summing to 1) get that value name.
 */
export function scaledDotProductAttention(
  g: GraphBuilder,
  q: string,
  k: string,
  v: string,
  allowed: string,
  headDim: number,
  probsName?: string,
): string {
  const kT = g.op('Transpose', [k], { perm: [0, 1, 3, 2] });
  const scores = g.op('Div', [g.op('MatMul', [q, kT]), g.constFloat([Math.sqrt(headDim)])]);
  const masked = g.op('Where', [allowed, scores, g.constFloat([MASKED_SCORE])]);
  const probs = g.op('Softmax', [masked], { axis: -1 }, probsName === undefined ? {} : { outputs: [probsName] });
  return g.op('MatMul', [probs, v]);
}

/** `[B, S, H·D]` → `[B, H, S, D]`. */
export function splitHeads(g: GraphBuilder, x: string, heads: number, headDim: number): string {
  const r = g.op('Reshape', [x, g.constInt64([0, 0, heads, headDim])]);
  return g.op('Transpose', [r], { perm: [0, 2, 1, 3] });
}

/** `[B, H, S, D]` → `[B, S, H·D]`. */
export function mergeHeads(g: GraphBuilder, x: string, heads: number, headDim: number): string {
  const t = g.op('Transpose', [x], { perm: [0, 2, 1, 3] });
  return g.op('Reshape', [t, g.constInt64([0, 0, heads * headDim])]);
}

/** Row-major `[rows, cols]` → `[cols, rows]` copy (weights `[out, in]` become MatMul's `[in, out]`). */
export function transposeMatrix(w: Float32Array, rows: number, cols: number, offset = 0): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[c * rows + r] = w[offset + r * cols + c]!;
  }
  return out;
}
