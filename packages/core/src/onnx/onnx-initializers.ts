import { ReasonkitError } from '../errors/reasonkit-error.js';
import { tensor } from '../tensor/create-tensor.js';
import type { Tensor } from '../tensor/tensor.js';
import { locateGraph } from './onnx-model-info.js';
import { fieldString, iterateFields, readVarint } from './proto-reader.js';
import { OnnxDataType, WireType } from './proto-writer.js';

/**
 * Reads the graph initializers (weights) of an ONNX model: float32 (raw_data or float_data) and
 * int64 (raw_data or int64_data) tensors, keyed by name. Other types are skipped, external-data
 * initializers throw (their bytes are not in the model file). Data is copied out of `bytes`.
 */
export function readOnnxInitializers(bytes: Uint8Array, names?: ReadonlySet<string>): Map<string, Tensor<'float32' | 'int64'>> {
  const graph = locateGraph(bytes);
  const result = new Map<string, Tensor<'float32' | 'int64'>>();
  for (const f of iterateFields(bytes, graph.start, graph.end, 'GraphProto')) {
    if (f.field !== 5 || f.wireType !== WireType.LEN) continue;
    const t = readTensorProto(bytes, f.start, f.end, names);
    if (t) result.set(t.name, t.tensor);
  }
  return result;
}

function readTensorProto(
  bytes: Uint8Array,
  start: number,
  end: number,
  names: ReadonlySet<string> | undefined,
): { name: string; tensor: Tensor<'float32' | 'int64'> } | undefined {
  const context = 'GraphProto.initializer';
  let name = '';
  let dataType = 0;
  const dims: number[] = [];
  let raw: Uint8Array | undefined;
  const floats: number[] = [];
  const ints: bigint[] = [];
  let external = false;
  for (const f of iterateFields(bytes, start, end, context)) {
    if (f.field === 1) {
      if (f.wireType === WireType.VARINT) dims.push(f.value);
      else for (let p = f.start; p < f.end; ) { const r = readVarint(bytes, p, f.end, `${context}.dims`); dims.push(r.value); p = r.next; }
    } else if (f.field === 2 && f.wireType === WireType.VARINT) dataType = f.value;
    else if (f.field === 8 && f.wireType === WireType.LEN) name = fieldString(bytes, f);
    else if (f.field === 9 && f.wireType === WireType.LEN) raw = bytes.subarray(f.start, f.end);
    else if (f.field === 4) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let p = f.start; p + 4 <= f.end; p += 4) floats.push(view.getFloat32(p, true));
    } else if (f.field === 7) {
      if (f.wireType === WireType.VARINT) ints.push(BigInt.asIntN(64, readBig(bytes, f.start, f.end)));
      else for (let p = f.start; p < f.end; ) { const r = readVarint(bytes, p, f.end, `${context}.int64_data`); ints.push(BigInt(r.value)); p = r.next; }
    } else if (f.field === 14) external = true;
  }
  if (names && !names.has(name)) return undefined;
  if (external) {
    throw new ReasonkitError('ONNX_INVALID', `initializer ${name} stores its data externally; load the model with its .onnx_data file`, { tensor: name });
  }
  const count = dims.reduce((a, b) => a * b, 1);
  if (dataType === OnnxDataType.FLOAT) {
    let data: Float32Array;
    if (raw) {
      if (raw.byteLength !== count * 4) throw sizeError(name, count * 4, raw.byteLength);
      data = new Float32Array(count);
      new Uint8Array(data.buffer).set(raw);
    } else data = Float32Array.from(floats);
    return { name, tensor: tensor('float32', data, dims, name) };
  }
  if (dataType === OnnxDataType.INT64) {
    let data: BigInt64Array;
    if (raw) {
      if (raw.byteLength !== count * 8) throw sizeError(name, count * 8, raw.byteLength);
      data = new BigInt64Array(count);
      new Uint8Array(data.buffer).set(raw);
    } else data = BigInt64Array.from(ints);
    return { name, tensor: tensor('int64', data, dims, name) };
  }
  return undefined;
}

function readBig(bytes: Uint8Array, start: number, end: number): bigint {
  let v = 0n;
  let shift = 0n;
  for (let p = start; p < end; p++) {
    v |= BigInt(bytes[p]! & 0x7f) << shift;
    shift += 7n;
  }
  return v;
}

function sizeError(name: string, expected: number, actual: number): ReasonkitError {
  return new ReasonkitError('ONNX_INVALID', `initializer ${name}: raw_data has ${actual} bytes, its dims need ${expected}`, {
    tensor: name,
    expected,
    actual,
  });
}
