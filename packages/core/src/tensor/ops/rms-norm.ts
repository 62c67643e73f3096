import { ReasonkitError } from '../../errors/reasonkit-error.js';
import { tensor } from '../create-tensor.js';
import type { Tensor } from '../tensor.js';
import { floatData, type FloatInput, type FloatTensor } from './float-input.js';

/** Default RMSNorm epsilon: 1e-5 (llama2.c `rmsnorm`, reference code). */
export const RMS_NORM_EPS = 1e-5;

/**
 * RMSNorm over the last axis: `y_j = w_j · x_j / sqrt(mean(x²) + eps)` (llama2.c `rmsnorm`; eps is
 * added to the mean of squares, inside the square root). `weight` has the last-axis length, or is
 * `null` for no scale. A Float32Array input gives a Float32Array, a tensor a float32 tensor.
 */
export function rmsNorm(x: Float32Array, weight: FloatInput | null, eps?: number, name?: string): Float32Array;
export function rmsNorm(x: FloatTensor, weight: FloatInput | null, eps?: number, name?: string): Tensor<'float32'>;
export function rmsNorm(
  x: FloatInput,
  weight: FloatInput | null,
  eps?: number,
  name?: string,
): Float32Array | Tensor<'float32'>;
export function rmsNorm(
  x: FloatInput,
  weight: FloatInput | null,
  eps = RMS_NORM_EPS,
  name = 'rmsNorm',
): Float32Array | Tensor<'float32'> {
  const { data, dims } = floatData(x, `${name}.x`);
  const n = dims.length === 0 ? 1 : dims[dims.length - 1]!;
  const w = weight === null ? null : floatData(weight, `${name}.weight`).data;
  if (w !== null && w.length !== n) {
    throw new ReasonkitError('SHAPE_MISMATCH', `${name}.weight: length is ${w.length} but must be ${n} (last dim of x)`, {
      tensor: `${name}.weight`,
      expected: n,
      actual: w.length,
    });
  }
  if (!(eps >= 0)) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${name}: eps must be >= 0 but is ${eps}`, { field: 'eps', actual: eps });
  }
  const out = new Float32Array(data.length);
  if (n > 0) {
    for (let start = 0; start < data.length; start += n) {
      let ss = 0;
      for (let j = 0; j < n; j++) {
        const v = data[start + j]!;
        ss += v * v;
      }
      const scale = 1 / Math.sqrt(ss / n + eps);
      if (w === null) for (let j = 0; j < n; j++) out[start + j] = data[start + j]! * scale;
      else for (let j = 0; j < n; j++) out[start + j] = w[j]! * (data[start + j]! * scale);
    }
  }
  return x instanceof Float32Array ? out : tensor('float32', out, dims, name);
}
