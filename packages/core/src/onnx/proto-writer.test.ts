import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './graph-builder.js';
import { readOnnxModelInfo } from './onnx-model-info.js';
import { readVarintBigInt } from './proto-reader.js';
import {
  encodeAttribute,
  encodeModel,
  encodeValueInfo,
  encodeVarint,
  floatTensor,
  int64Tensor,
  OnnxDataType,
} from './proto-writer.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('encodeVarint', () => {
  it('matches hand-computed protobuf varints', () => {
    expect(hex(encodeVarint(0))).toBe('00');
    expect(hex(encodeVarint(1))).toBe('01');
    expect(hex(encodeVarint(127))).toBe('7f');
    expect(hex(encodeVarint(128))).toBe('8001');
    expect(hex(encodeVarint(300))).toBe('ac02');
    expect(hex(encodeVarint(2 ** 32))).toBe('8080808010');
    // negative int64: ten bytes of two's complement
    expect(hex(encodeVarint(-1))).toBe('ffffffffffffffffff01');
    expect(hex(encodeVarint(-1n))).toBe('ffffffffffffffffff01');
    expect(hex(encodeVarint(2n ** 63n - 1n))).toBe('ffffffffffffffff7f');
  });

  it('round-trips every int64 through readVarintBigInt', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => {
        const b = encodeVarint(v);
        const r = readVarintBigInt(b, 0, b.length, 'test');
        return r.value === v && r.next === b.length;
      }),
    );
  });
});

describe('ONNX message encoders', () => {
  it('encodes a ValueInfoProto with fixed and symbolic dims byte for byte', () => {
    // name "x"; type.tensor_type{elem_type 1, shape{dim{dim_value 2}, dim{dim_param "b"}}}
    expect(hex(encodeValueInfo({ name: 'x', elemType: OnnxDataType.FLOAT, dims: [2, 'b'] }))).toBe(
      '0a0178' + '120f' + '0a0d' + '0801' + '1209' + '0a020802' + '0a03120162',
    );
    expect(hex(encodeValueInfo({ name: 'x' }))).toBe('0a0178');
  });

  it('encodes attributes with their type field (20)', () => {
    // name "alpha", f = 0.5 as fixed32 (field 2), type FLOAT = 1 (tag 160 → a0 01)
    expect(hex(encodeAttribute({ name: 'alpha', type: 'float', value: 0.5 }))).toBe('0a05616c706861' + '150000003f' + 'a00101');
    // name "perm", ints 0, 2 (field 8, unpacked), type INTS = 7
    expect(hex(encodeAttribute({ name: 'perm', type: 'ints', value: [0, 2] }))).toBe('0a047065726d' + '4000' + '4002' + 'a00107');
  });

  it('round-trips through readOnnxModelInfo', () => {
    const bytes = encodeModel({
      irVersion: 8,
      opsetImports: [
        { domain: '', version: 17 },
        { domain: 'com.microsoft', version: 1 },
      ],
      producerName: 'test',
      metadata: { a: 'b' },
      graph: {
        name: 'g',
        nodes: [{ opType: 'Identity', inputs: ['x'], outputs: ['y'] }],
        initializers: [floatTensor('w', [1, 2], [2]), int64Tensor('k', [-3n], [1])],
        inputs: [
          { name: 'x', elemType: OnnxDataType.FLOAT16, dims: ['batch', 3] },
          { name: 'w', elemType: OnnxDataType.FLOAT, dims: [2] },
        ],
        outputs: [{ name: 'y', elemType: OnnxDataType.BFLOAT16 }],
      },
    });
    expect(readOnnxModelInfo(bytes)).toEqual({
      irVersion: 8,
      producerName: 'test',
      opsetImports: [
        { domain: '', version: 17 },
        { domain: 'com.microsoft', version: 1 },
      ],
      graphName: 'g',
      inputs: [{ name: 'x', elemType: 'float16', dims: ['batch', 3] }], // initializer-backed input dropped
      outputs: [{ name: 'y', elemType: 'bfloat16', dims: undefined }],
      initializerNames: ['w', 'k'],
      nodeCount: 1,
      metadata: { a: 'b' },
    });
  });
});

describe('GraphBuilder under onnxruntime-node', () => {
  it('builds a model whose every attribute and initializer kind ORT reads correctly', async () => {
    const g = new GraphBuilder('attrs');
    const x = g.input('x', OnnxDataType.FLOAT, ['batch_size', 2, 3]);
    const w = g.floatInit('w', [1, 2, 3, 4, 5, 6], [3, 2]); // raw_data floats
    const mm = g.op('MatMul', [x, w]); // [b, 2, 2]
    const t = g.op('Transpose', [mm], { perm: [0, 2, 1] }); // ints attribute
    const lr = g.op('LeakyRelu', [t], { alpha: 0.25 }); // float attribute
    const c = g.op('Constant', [], { value: floatTensor('c', [10], [1]) }); // tensor attribute
    const added = g.op('Add', [lr, c]);
    const flat = g.op('Reshape', [added, g.constInt64([0, -1])]); // int64_data with a negative value
    const s = g.op('Softmax', [flat], { axis: -1 }); // negative int attribute
    g.op('Identity', [s], {}, { outputs: ['y'] });
    g.output('y', OnnxDataType.FLOAT, ['batch_size', 4]);
    const bytes = g.toModel({ opset: 17, irVersion: 8 });
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
    const xData = Float32Array.from([1, 0, -1, 0, 1, 0]);
    const out = await session.run({ x: new ort.Tensor('float32', xData, [1, 2, 3]) });
    await session.release();
    // naive reference
    const W = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const rows = [
      [1, 0, -1],
      [0, 1, 0],
    ];
    const mmRef = rows.map((r) => [0, 1].map((j) => r.reduce((acc, v, k) => acc + v * W[k]![j]!, 0)));
    const tRef = [0, 1].flatMap((j) => [0, 1].map((i) => mmRef[i]![j]!));
    const pre = tRef.map((v) => (v < 0 ? 0.25 * v : v) + 10);
    const m = Math.max(...pre);
    const z = pre.reduce((a, v) => a + Math.exp(v - m), 0);
    const ref = pre.map((v) => Math.exp(v - m) / z);
    const y = out.y!.data as Float32Array;
    expect(out.y!.dims).toEqual([1, 4]);
    ref.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 6));
  });

  it('names nodes by scope and rejects undefined inputs and duplicate names', () => {
    const g = new GraphBuilder();
    const x = g.input('x', OnnxDataType.FLOAT, [1]);
    const y = g.withScope('/model/layers.3/attn', () => g.op('Relu', [g.op('Relu', [x])]));
    expect(y).toBe('/model/layers.3/attn/Relu_1_output_0');
    expect(() => g.op('Relu', ['nope'])).toThrow(/input "nope" is not a defined value/);
    expect(() => g.input('x', OnnxDataType.FLOAT, [1])).toThrow(/already defined/);
    expect(() => g.output('missing')).toThrow(/not a defined value/);
  });
});
