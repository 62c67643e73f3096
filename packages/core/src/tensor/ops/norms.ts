import { ReasonkitError } from '../../errors/reasonkit-error.js';
import { normalizeAxis, splitAtAxis } from '../axis.js';
import { tensor } from '../create-tensor.js';
import type { Tensor } from '../tensor.js';
import { floatData, type FloatInput, type FloatTensor } from './float-input.js';

function checkP(p: number, name: string): void {
  if (!(p > 0)) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${name}: p must be > 0 (or Infinity) but is ${p}`, {
      tensor: name,
      field: 'p',
      actual: p,
    });
  }
}

function finish(acc: number, p: number): number {
  if (p === Infinity || p === 1) return acc;
  if (p === 2) return Math.sqrt(acc);
  return acc ** (1 / p);
}

/**
 * Lp norm of all elements, `(Σ|x|^p)^(1/p)`; `p = Infinity` gives `max|x|`. Accumulates in
 * float64. A tensor is flattened (Frobenius norm for p = 2).
 */
export function lpNorm(x: FloatInput, p: number, name = 'lpNorm'): number {
  checkP(p, name);
  const { data } = floatData(x, name);
  let acc = 0;
  if (p === Infinity) {
    for (let i = 0; i < data.length; i++) {
      const a = Math.abs(data[i]!);
      if (a > acc || a !== a) acc = a;
      if (acc !== acc) break;
    }
    return acc;
  }
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]!);
    acc += p === 2 ? a * a : p === 1 ? a : a ** p;
  }
  return finish(acc, p);
}

/** Euclidean norm of all elements (`lpNorm(x, 2)`). */
export function l2Norm(x: FloatInput, name = 'l2Norm'): number {
  return lpNorm(x, 2, name);
}

/**
 * Lp norm reduced over one axis, returning float32 with that axis removed. For keys
 * `[1, kvHeads, seq, headDim]`, `lpNormAlongAxis(k, 2)` gives each channel's norm over the tokens,
 * `[1, kvHeads, headDim]`. `p = Infinity` gives the max absolute value.
 */
export function lpNormAlongAxis(t: FloatTensor, axis: number, p = 2, name = 'lpNormAlongAxis'): Tensor<'float32'> {
  checkP(p, name);
  const { data, dims } = floatData(t, name);
  const a = normalizeAxis(axis, dims.length, name);
  const { outer, size, inner } = splitAtAxis(dims, a);
  const acc = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    const base = o * inner;
    for (let s = 0; s < size; s++) {
      const src = (o * size + s) * inner;
      if (p === Infinity) {
        for (let i = 0; i < inner; i++) {
          const v = Math.abs(data[src + i]!);
          if (v > acc[base + i]! || v !== v) acc[base + i] = v;
        }
      } else if (p === 2) {
        for (let i = 0; i < inner; i++) {
          const v = data[src + i]!;
          acc[base + i]! += v * v;
        }
      } else {
        for (let i = 0; i < inner; i++) acc[base + i]! += Math.abs(data[src + i]!) ** p;
      }
    }
  }
  const out = new Float32Array(acc.length);
  for (let i = 0; i < acc.length; i++) out[i] = finish(acc[i]!, p);
  return tensor('float32', out, dims.filter((_, i) => i !== a), name);
}

/** Euclidean norm reduced over one axis (`lpNormAlongAxis(t, axis, 2)`). */
export function l2NormAlongAxis(t: FloatTensor, axis: number, name = 'l2NormAlongAxis'): Tensor<'float32'> {
  return lpNormAlongAxis(t, axis, 2, name);
}
