import { ReasonkitError } from '../errors/reasonkit-error.js';
import { tensor } from './create-tensor.js';
import type { OrtModuleLike, OrtTensorLike, OrtTensorType } from './ort-types.js';
import type { DataTypeMap, DType, Tensor } from './tensor.js';

/** Typed-array tag (`Object.prototype.toString`) each dtype's data must carry; realm-independent. */
const ARRAY_TAG: Record<DType, string> = {
  float32: '[object Float32Array]',
  float16: '[object Uint16Array]',
  int8: '[object Int8Array]',
  uint8: '[object Uint8Array]',
  bool: '[object Uint8Array]',
  int32: '[object Int32Array]',
  int64: '[object BigInt64Array]',
};

function isDType(type: string): type is DType {
  return Object.prototype.hasOwnProperty.call(ARRAY_TAG, type);
}

function tagOf(x: unknown): string {
  return Object.prototype.toString.call(x);
}

/**
 * Wraps a core tensor as an ORT tensor (`new ort.Tensor(dtype, data, dims)`), sharing its data (no
 * copy). float16 is passed as its Uint16Array bits, which ORT-node on Node 20 requires; int64 as
 * BigInt64Array; bool as Uint8Array. Throws `DTYPE_UNSUPPORTED` / `DTYPE_MISMATCH` naming the
 * tensor when the dtype or its data array is not one ORT can take.
 *
 * @example
 * const ort = await import('onnxruntime-node');
 * const feeds = { input_ids: toOrt(tensor('int64', ids, [1, ids.length]), ort, 'input_ids') };
 */
export function toOrt<T extends OrtTensorLike>(t: Tensor, ort: OrtModuleLike<T>, name = 'tensor'): T {
  if (!isDType(t.dtype)) {
    throw new ReasonkitError('DTYPE_UNSUPPORTED', `${name}: dtype ${String(t.dtype)} cannot be converted to an ORT tensor`, {
      tensor: name,
      actual: t.dtype,
    });
  }
  if (tagOf(t.data) !== ARRAY_TAG[t.dtype]) {
    throw new ReasonkitError(
      'DTYPE_MISMATCH',
      `${name}: dtype ${t.dtype} needs ${ARRAY_TAG[t.dtype].slice(8, -1)} data but got ${tagOf(t.data).slice(8, -1)}`,
      { tensor: name, expected: ARRAY_TAG[t.dtype].slice(8, -1), actual: tagOf(t.data).slice(8, -1) },
    );
  }
  return new ort.Tensor(t.dtype as OrtTensorType, t.data, t.dims);
}

/**
 * Reads an ORT tensor into a core tensor, sharing its data (no copy). Supported ORT types:
 * float32, float16 (Uint16Array bits; a Float16Array, where the runtime uses one, is reinterpreted
 * as its bits), int8, uint8, bool, int32, int64. Any other type (bfloat16, float64, string, int4,
 * ...) throws `DTYPE_UNSUPPORTED` naming the tensor; data not on the CPU throws
 * `INVALID_ARGUMENT` (download it with `getData()` first).
 */
export function fromOrt(ortTensor: OrtTensorLike, name = 'tensor'): Tensor {
  const { type } = ortTensor;
  if (!isDType(type)) {
    throw new ReasonkitError(
      'DTYPE_UNSUPPORTED',
      `${name}: ORT tensor type ${type} is not supported (supported: ${Object.keys(ARRAY_TAG).join(', ')})`,
      { tensor: name, actual: type },
    );
  }
  const location = ortTensor.location;
  if (location !== undefined && location !== 'cpu' && location !== 'cpu-pinned') {
    throw new ReasonkitError(
      'INVALID_ARGUMENT',
      `${name}: ORT tensor data is on '${location}', not the CPU; download it with getData() first`,
      { tensor: name, field: 'location', expected: 'cpu', actual: location },
    );
  }
  let data = ortTensor.data;
  if (type === 'float16' && tagOf(data) === '[object Float16Array]') {
    const view = data as ArrayBufferView & { length: number };
    data = new Uint16Array(view.buffer, view.byteOffset, view.length);
  }
  if (tagOf(data) !== ARRAY_TAG[type]) {
    throw new ReasonkitError(
      'DTYPE_MISMATCH',
      `${name}: ORT tensor of type ${type} holds ${tagOf(data).slice(8, -1)}, expected ${ARRAY_TAG[type].slice(8, -1)}`,
      { tensor: name, expected: ARRAY_TAG[type].slice(8, -1), actual: tagOf(data).slice(8, -1) },
    );
  }
  return tensor(type, data as DataTypeMap[DType], ortTensor.dims, name);
}
