import { tensor } from '../create-tensor.js';
import type { Tensor } from '../tensor.js';
import { floatData, type FloatInput, type FloatTensor } from './float-input.js';

/**
 * Row kernel shared by softmax and log-softmax. Max-subtracted for stability. Edge cases (as the
 * limits of the formula, matching torch where it is defined):
 * - `-Infinity` entries get probability 0 (log-prob `-Infinity`);
 * - `+Infinity` entries share all the mass equally (others 0);
 * - an all `-Infinity` row has no distribution: every output is NaN (torch gives NaN too);
 * - any NaN entry makes the whole row NaN.
 */
function rowKernel(src: Float32Array, dst: Float32Array, start: number, n: number, log: boolean): void {
  let max = -Infinity;
  let nan = false;
  for (let j = 0; j < n; j++) {
    const v = src[start + j]!;
    if (v > max) max = v;
    else if (v !== v) nan = true;
  }
  if (nan || max === -Infinity) {
    dst.fill(NaN, start, start + n);
    return;
  }
  if (max === Infinity) {
    let count = 0;
    for (let j = 0; j < n; j++) if (src[start + j] === Infinity) count++;
    const hit = log ? -Math.log(count) : 1 / count;
    const miss = log ? -Infinity : 0;
    for (let j = 0; j < n; j++) dst[start + j] = src[start + j] === Infinity ? hit : miss;
    return;
  }
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(src[start + j]! - max);
  if (log) {
    const lse = max + Math.log(sum);
    for (let j = 0; j < n; j++) dst[start + j] = src[start + j]! - lse;
  } else {
    const inv = 1 / sum;
    for (let j = 0; j < n; j++) dst[start + j] = Math.exp(src[start + j]! - max) * inv;
  }
}

function alongLastAxis(x: FloatInput, name: string, log: boolean): Float32Array | Tensor<'float32'> {
  const { data, dims } = floatData(x, name);
  const out = new Float32Array(data.length);
  const n = dims.length === 0 ? 1 : dims[dims.length - 1]!;
  if (n > 0) for (let start = 0; start < data.length; start += n) rowKernel(data, out, start, n, log);
  return x instanceof Float32Array ? out : tensor('float32', out, dims, name);
}

/**
 * Softmax along the last axis (numerically stable). A Float32Array is one row and gives a
 * Float32Array; a tensor gives a float32 tensor of the same dims. See the edge cases on
 * {@link logSoftmax}: `-Infinity` → 0, all `-Infinity` row → NaN.
 */
export function softmax(x: Float32Array, name?: string): Float32Array;
export function softmax(x: FloatTensor, name?: string): Tensor<'float32'>;
export function softmax(x: FloatInput, name?: string): Float32Array | Tensor<'float32'>;
export function softmax(x: FloatInput, name = 'softmax'): Float32Array | Tensor<'float32'> {
  return alongLastAxis(x, name, false);
}

/**
 * Log-softmax along the last axis: `x - max - log(sum(exp(x - max)))`, numerically stable.
 * `-Infinity` entries stay `-Infinity`; `+Infinity` entries share the mass (`-log(count)`, others
 * `-Infinity`); an all `-Infinity` row, or any NaN, yields a NaN row. Input kinds as {@link softmax}.
 */
export function logSoftmax(x: Float32Array, name?: string): Float32Array;
export function logSoftmax(x: FloatTensor, name?: string): Tensor<'float32'>;
export function logSoftmax(x: FloatInput, name?: string): Float32Array | Tensor<'float32'>;
export function logSoftmax(x: FloatInput, name = 'logSoftmax'): Float32Array | Tensor<'float32'> {
  return alongLastAxis(x, name, true);
}
