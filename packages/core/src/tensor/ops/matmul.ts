import { ReasonkitError } from '../../errors/reasonkit-error.js';
import { tensor } from '../create-tensor.js';
import type { Tensor } from '../tensor.js';
import { floatData, type FloatTensor } from './float-input.js';
import { assertRank, sizeMismatch } from './shape-errors.js';

function leadingAndLast2(dims: readonly number[], name: string): { batch: number; rows: number; cols: number } {
  if (dims.length < 2) {
    throw new ReasonkitError('SHAPE_MISMATCH', `${name}: expected rank >= 2 but got dims [${dims.join(', ')}]`, {
      tensor: name,
      actual: dims,
    });
  }
  let batch = 1;
  for (let i = 0; i < dims.length - 2; i++) batch *= dims[i]!;
  return { batch, rows: dims[dims.length - 2]!, cols: dims[dims.length - 1]! };
}

/**
 * Writes `a @ b` into `out` for row-major `a [m, k]`, `b [k, n]`, `out [m, n]` (all float32).
 * Loop order i-k-j streams rows of `b` contiguously; each output row accumulates in float64.
 * Returns `out`.
 */
export function matmulInto(out: Float32Array, a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  if (a.length !== m * k) throw sizeMismatch('a.length', m * k, a.length, 'a');
  if (b.length !== k * n) throw sizeMismatch('b.length', k * n, b.length, 'b');
  if (out.length !== m * n) throw sizeMismatch('out.length', m * n, out.length, 'out');
  const acc = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    const aRow = i * k;
    for (let p = 0; p < k; p++) {
      const av = a[aRow + p]!;
      const bRow = p * n;
      for (let j = 0; j < n; j++) acc[j]! += av * b[bRow + j]!;
    }
    const oRow = i * n;
    for (let j = 0; j < n; j++) out[oRow + j] = acc[j]!;
  }
  return out;
}

/**
 * Matrix product `a @ b` for `a [..., m, k]` (leading dims are batch, flattened into rows) and a
 * 2-D `b [k, n]`; returns float32 `[..., m, n]`. float16 inputs are converted first.
 */
export function matmul(a: FloatTensor, b: FloatTensor, name = 'matmul'): Tensor<'float32'> {
  const A = floatData(a, `${name}.a`);
  const B = floatData(b, `${name}.b`);
  const { batch, rows, cols: k } = leadingAndLast2(A.dims, `${name}.a`);
  assertRank(B.dims, 2, `${name}.b`);
  if (B.dims[0] !== k) throw sizeMismatch(`b.dims[0] (inner size)`, k, B.dims[0]!, `${name}.b`);
  const n = B.dims[1]!;
  const out = matmulInto(new Float32Array(batch * rows * n), A.data, B.data, batch * rows, k, n);
  return tensor('float32', out, [...A.dims.slice(0, -1), n], name);
}

