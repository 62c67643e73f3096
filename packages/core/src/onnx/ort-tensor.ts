import { ReasonkitError } from '../errors/reasonkit-error.js';
import { tensor } from '../tensor/create-tensor.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import type { OrtModule, OrtTensor } from './ort-module.js';

// Private stand-ins for the tensor folder's `toOrt` / `fromOrt` (same semantics), used by the
// ONNX adapter.

const SUPPORTED: Record<string, DType> = {
  float32: 'float32',
  float16: 'float16',
  int8: 'int8',
  uint8: 'uint8',
  bool: 'bool',
  int32: 'int32',
  int64: 'int64',
};

/** Core tensor → ORT tensor of the given module (shares the data buffer). */
export function toOrtTensor(ort: OrtModule, t: Tensor): OrtTensor {
  return new ort.Tensor(t.dtype, t.data, [...t.dims]);
}

/**
 * ORT tensor → core tensor (shares the data). float16 data arriving as a `Float16Array` (newer
 * Node) is reinterpreted as raw bits. bfloat16 and other unsupported types throw naming `name`.
 */
export function fromOrtTensor(t: OrtTensor, name: string): Tensor {
  const dtype = SUPPORTED[t.type];
  if (!dtype) {
    throw new ReasonkitError('DTYPE_UNSUPPORTED', `${name}: ONNX Runtime returned dtype ${t.type}, which core does not support`, {
      tensor: name,
      actual: t.type,
    });
  }
  let data = t.data as Tensor['data'];
  if (dtype === 'float16' && !(data instanceof Uint16Array)) {
    const view = data as unknown as { buffer: ArrayBuffer; byteOffset: number; length: number };
    data = new Uint16Array(view.buffer, view.byteOffset, view.length);
  }
  return tensor(dtype, data, t.dims, name);
}
