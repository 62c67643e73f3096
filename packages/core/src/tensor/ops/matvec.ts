import { tensor } from '../create-tensor.js';
import type { Tensor } from '../tensor.js';
import { floatData, type FloatInput, type FloatTensor } from './float-input.js';
import { assertRank, sizeMismatch } from './shape-errors.js';

/**
 * Writes `w @ x` into `out` for row-major `w [out.length, x.length]`: the decoder hot kernel (one
 * dot product per output row, 4-way unrolled, float64 accumulation). Returns `out`.
 */
export function matvecInto(out: Float32Array, w: Float32Array, x: Float32Array): Float32Array {
  const rows = out.length;
  const cols = x.length;
  if (w.length !== rows * cols) throw sizeMismatch('w.length', rows * cols, w.length, 'w');
  const tail = cols - (cols % 4);
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j < tail; j += 4) {
      s0 += w[r + j]! * x[j]!;
      s1 += w[r + j + 1]! * x[j + 1]!;
      s2 += w[r + j + 2]! * x[j + 2]!;
      s3 += w[r + j + 3]! * x[j + 3]!;
    }
    for (; j < cols; j++) s0 += w[r + j]! * x[j]!;
    out[i] = s0 + s1 + (s2 + s3);
  }
  return out;
}

/**
 * Matrix-vector product `w @ x` for `w [out, in]` and `x [in]` (a Float32Array or a single-row
 * tensor), returning a new `Float32Array(out)`.
 */
export function matvec(w: FloatTensor, x: FloatInput, name = 'matvec'): Float32Array {
  const W = floatData(w, `${name}.w`);
  const X = floatData(x, `${name}.x`);
  assertRank(W.dims, 2, `${name}.w`);
  if (X.data.length !== W.dims[1]) throw sizeMismatch('x length', W.dims[1]!, X.data.length, `${name}.x`);
  return matvecInto(new Float32Array(W.dims[0]!), W.data, X.data);
}

/**
 * `x @ w^T` (PyTorch `F.linear` without bias) for `x [..., in]` and a weight in the usual
 * `[out, in]` layout; returns float32 `[..., out]`. Each output is a contiguous dot product.
 */
export function linear(x: FloatTensor, w: FloatTensor, name = 'linear'): Tensor<'float32'> {
  const X = floatData(x, `${name}.x`);
  const W = floatData(w, `${name}.w`);
  assertRank(W.dims, 2, `${name}.w`);
  const [outDim, inDim] = W.dims as [number, number];
  const last = X.dims.length === 0 ? 1 : X.dims[X.dims.length - 1]!;
  if (last !== inDim) throw sizeMismatch('last dim of x', inDim, last, `${name}.x`);
  let rows = 1;
  for (let i = 0; i < X.dims.length - 1; i++) rows *= X.dims[i]!;
  const out = new Float32Array(rows * outDim);
  for (let r = 0; r < rows; r++) {
    matvecInto(out.subarray(r * outDim, (r + 1) * outDim), W.data, X.data.subarray(r * inDim, (r + 1) * inDim));
  }
  return tensor('float32', out, [...X.dims.slice(0, -1), outDim], name);
}
