import { ReasonkitError } from '../../errors/reasonkit-error.js';
import { tensor } from '../create-tensor.js';
import type { Tensor } from '../tensor.js';
import { floatData, type FloatTensor } from './float-input.js';

/**
 * A float32 or float16 tensor; other dtypes throw `DTYPE_MISMATCH` naming the tensor.
 *
 * @inline
 */
type FloatLike = FloatTensor | Tensor;

/** An attention mask: rows of 0/1 (`EncodedBatch.attentionMask`) or an integer tensor `[batch, length]`. */
export type AttentionMask = readonly (readonly number[])[] | Tensor<'int64'> | Tensor<'int32'>;

/** Pooling of token states into one vector per row. */
export type Pooling = 'mean' | 'cls' | 'last';

function hiddenOf(hidden: FloatLike, name: string): { data: Float32Array; batch: number; length: number; size: number } {
  const { data, dims } = floatData(hidden as FloatTensor, name);
  if (dims.length !== 3) {
    throw new ReasonkitError('SHAPE_MISMATCH', `${name}: expected token states [batch, length, hidden] but got [${dims.join(', ')}]`, {
      tensor: name,
      expected: '[batch, length, hidden]',
      actual: [...dims],
    });
  }
  return { data, batch: dims[0]!, length: dims[1]!, size: dims[2]! };
}

function maskOf(mask: AttentionMask, batch: number, length: number, name: string): Uint8Array {
  const out = new Uint8Array(batch * length);
  if (Array.isArray(mask)) {
    const m = mask as readonly (readonly number[])[];
    const ok = m.length === batch && m.every((row) => row.length === length);
    if (!ok) {
      throw new ReasonkitError('SHAPE_MISMATCH', `${name}: the attention mask is not [${batch}, ${length}] like the token states`, {
        tensor: name,
        field: 'mask',
        expected: [batch, length],
      });
    }
    for (let b = 0; b < batch; b++) for (let t = 0; t < length; t++) out[b * length + t] = m[b]![t] ? 1 : 0;
    return out;
  }
  const t = mask as Tensor<'int64'> | Tensor<'int32'>;
  if (t.dims.length !== 2 || t.dims[0] !== batch || t.dims[1] !== length) {
    throw new ReasonkitError('SHAPE_MISMATCH', `${name}: the attention mask is [${t.dims.join(', ')}], not [${batch}, ${length}] like the token states`, {
      tensor: name,
      field: 'mask',
      expected: [batch, length],
      actual: [...t.dims],
    });
  }
  for (let i = 0; i < out.length; i++) out[i] = t.data[i] ? 1 : 0;
  return out;
}

/**
 * Mean of the token states over the attention mask, `[batch, length, hidden]` → `[batch, hidden]`
 * float32 (sentence-transformers' mean pooling: sum over masked tokens divided by their count,
 * at least 1e-9, so an all-pad row gives zeros).
 */
export function meanPool(hidden: FloatLike, mask: AttentionMask, name = 'meanPool'): Tensor<'float32'> {
  const { data, batch, length, size } = hiddenOf(hidden, name);
  const m = maskOf(mask, batch, length, name);
  const out = new Float32Array(batch * size);
  const acc = new Float64Array(size);
  for (let b = 0; b < batch; b++) {
    acc.fill(0);
    let count = 0;
    for (let t = 0; t < length; t++) {
      if (!m[b * length + t]) continue;
      count++;
      const base = (b * length + t) * size;
      for (let h = 0; h < size; h++) acc[h]! += data[base + h]!;
    }
    const div = Math.max(count, 1e-9);
    for (let h = 0; h < size; h++) out[b * size + h] = acc[h]! / div;
  }
  return tensor('float32', out, [batch, size], name);
}

function pickToken(hidden: FloatLike, mask: AttentionMask | undefined, which: 'first' | 'last', name: string): Tensor<'float32'> {
  const { data, batch, length, size } = hiddenOf(hidden, name);
  const m = mask === undefined ? undefined : maskOf(mask, batch, length, name);
  const out = new Float32Array(batch * size);
  for (let b = 0; b < batch; b++) {
    let at = which === 'first' ? 0 : length - 1;
    if (m) {
      const picks: number[] = [];
      for (let t = 0; t < length; t++) if (m[b * length + t]) picks.push(t);
      if (picks.length === 0) {
        throw new ReasonkitError('INVALID_ARGUMENT', `${name}: row ${b} of the attention mask has no token`, { tensor: name, field: `mask.${b}`, record: b });
      }
      at = which === 'first' ? picks[0]! : picks[picks.length - 1]!;
    }
    out.set(data.subarray((b * length + at) * size, (b * length + at + 1) * size), b * size);
  }
  return tensor('float32', out, [batch, size], name);
}

/**
 * The first real token's state per row (CLS pooling), `[batch, hidden]`. With a mask, the first
 * position whose mask is 1, so left-padded batches pick `[CLS]` too; without one, position 0
 * (sentence-transformers' CLS pooling).
 */
export function clsPool(hidden: FloatLike, mask?: AttentionMask, name = 'clsPool'): Tensor<'float32'> {
  return pickToken(hidden, mask, 'first', name);
}

/**
 * The last real token's state per row (last-token pooling for decoder embedders and LM-head
 * scorers), `[batch, hidden]`: the last position whose mask is 1, whichever side was padded.
 */
export function lastTokenPool(hidden: FloatLike, mask: AttentionMask, name = 'lastTokenPool'): Tensor<'float32'> {
  return pickToken(hidden, mask, 'last', name);
}

/** Pools token states with the named method (see {@link meanPool}, {@link clsPool}, {@link lastTokenPool}). */
export function poolTokens(hidden: FloatLike, mask: AttentionMask, pooling: Pooling, name = 'pool'): Tensor<'float32'> {
  if (pooling === 'mean') return meanPool(hidden, mask, name);
  if (pooling === 'cls') return clsPool(hidden, mask, name);
  return lastTokenPool(hidden, mask, name);
}

/**
 * Each row (last axis) divided by its Euclidean norm, at least `eps` (torch
 * `F.normalize(x, p=2, dim=-1)`, eps 1e-12), so a zero row stays zero. float32 out.
 */
export function l2Normalize(x: FloatLike, eps = 1e-12, name = 'l2Normalize'): Tensor<'float32'> {
  const { data, dims } = floatData(x as FloatTensor, name);
  const n = dims.length === 0 ? 1 : dims[dims.length - 1]!;
  const out = new Float32Array(data.length);
  if (n > 0) {
    for (let start = 0; start < data.length; start += n) {
      let sq = 0;
      for (let j = 0; j < n; j++) sq += data[start + j]! * data[start + j]!;
      const div = Math.max(Math.sqrt(sq), eps);
      for (let j = 0; j < n; j++) out[start + j] = data[start + j]! / div;
    }
  }
  return tensor('float32', out, dims, name);
}

/** Elementwise logistic sigmoid `1 / (1 + exp(-x))`, float32 out (multi-label classifier scores). */
export function sigmoid(x: FloatLike, name = 'sigmoid'): Tensor<'float32'> {
  const { data, dims } = floatData(x as FloatTensor, name);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    // Stable on both sides: exp of a non-positive number only.
    out[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
  }
  return tensor('float32', out, dims, name);
}
