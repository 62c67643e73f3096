import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { buildTinyDecoder } from '../testing/tiny-decoder.js';
import { listValueNames, readOnnxModelInfo } from './onnx-model-info.js';
import { encodeModel, OnnxDataType } from './proto-writer.js';

function onnxError(fn: () => unknown): ReasonkitError {
  try {
    fn();
  } catch (e) {
    if (ReasonkitError.is(e, 'ONNX_INVALID')) return e;
    throw e;
  }
  throw new Error('expected ONNX_INVALID');
}

const small = encodeModel({
  irVersion: 8,
  opsetImports: [{ domain: '', version: 17 }],
  graph: {
    name: 'g',
    nodes: [
      { opType: 'Relu', inputs: ['x'], outputs: ['a'] },
      { opType: 'Split', inputs: ['a'], outputs: ['b', ''] },
    ],
    initializers: [],
    inputs: [{ name: 'x', elemType: OnnxDataType.FLOAT, dims: [2] }],
    outputs: [{ name: 'b', elemType: OnnxDataType.FLOAT, dims: [1] }],
  },
});

describe('readOnnxModelInfo / listValueNames on malformed bytes', () => {
  it('names the byte offset of a truncated field', () => {
    const e = onnxError(() => readOnnxModelInfo(small.subarray(0, small.length - 3)));
    expect(e.message).toMatch(/at byte \d+ \(in ModelProto/);
    expect(typeof e.details.record).toBe('number');
  });

  it('rejects a group wire type with its offset', () => {
    const e = onnxError(() => readOnnxModelInfo(Uint8Array.from([0x08, 0x08, 0x0b])));
    expect(e.message).toBe('ONNX protobuf: unsupported wire type 3 for field 1 at byte 2 (in ModelProto)');
  });

  it('rejects a model without a graph', () => {
    expect(onnxError(() => readOnnxModelInfo(Uint8Array.from([0x08, 0x08]))).message).toMatch(/no graph field \(7\)/);
    expect(onnxError(() => listValueNames(new Uint8Array(0))).message).toMatch(/no graph field/);
  });

  it('reports a graph field with the wrong wire type', () => {
    const e = onnxError(() => readOnnxModelInfo(Uint8Array.from([0x38, 0x01])));
    expect(e.message).toMatch(/field 7 has wire type 0, expected 2 at byte 0 \(in ModelProto.graph\)/);
  });
});

describe('listValueNames', () => {
  it('lists inputs, initializers and node outputs, skipping empty optional outputs', () => {
    expect(listValueNames(small)).toEqual(['x', 'a', 'b']);
  });

  it('exposes readable per-layer names of the tiny decoder', () => {
    const names = listValueNames(buildTinyDecoder({ vocab: 5, layers: 2, kvHeads: 1, headDim: 2 }));
    expect(names).toContain('/model/layers.1/output_0');
    expect(names).toContain('present.1.value');
    expect(names).toContain('model.layers.0.attn.q_proj.weight');
    expect(names).toContain('input_ids');
  });
});
