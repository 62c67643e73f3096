import * as ortNode from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { tensor } from './create-tensor.js';
import { fromOrt, toOrt } from './ort-convert.js';
import type { OrtModuleLike } from './ort-types.js';
import type { Tensor } from './tensor.js';
import { identityModel } from '../test-utils/identity-model.js';

const samples: Tensor[] = [
  tensor('float32', Float32Array.from([1.5, -2, 0, Infinity, -0.25, 3e-40]), [2, 3], 'f32'),
  tensor('float16', Uint16Array.from([0x3c00, 0xc000, 0x7c00, 0x0001, 0x7bff, 0x8000]), [3, 2], 'f16'),
  tensor('int8', Int8Array.from([-128, 127, 0, 5]), [4], 'i8'),
  tensor('uint8', Uint8Array.from([0, 255, 7]), [1, 3], 'u8'),
  tensor('bool', Uint8Array.from([1, 0, 1, 1]), [2, 2], 'b'),
  tensor('int32', Int32Array.from([-(2 ** 31), 2 ** 31 - 1, 42]), [3, 1], 'i32'),
  tensor('int64', BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n, 0n, 123456789012345n]), [1, 1, 4], 'i64'),
];
const dtypes = samples.map((s) => s.dtype);

function expectSameTensor(actual: Tensor, expected: Tensor): void {
  expect(actual.dtype).toBe(expected.dtype);
  expect([...actual.dims]).toEqual([...expected.dims]);
  expect(Object.prototype.toString.call(actual.data)).toBe(Object.prototype.toString.call(expected.data));
  expect([...actual.data]).toEqual([...expected.data]);
}

type RunnableOrt = OrtModuleLike & {
  InferenceSession: {
    create(model: Uint8Array, options?: object): Promise<{
      run(feeds: Record<string, unknown>): Promise<Record<string, unknown>>;
      release(): Promise<void>;
    }>;
  };
};

function runtimeSuite(label: string, load: () => Promise<RunnableOrt>, sessionOptions: object): void {
  describe(`toOrt / fromOrt on ${label}`, () => {
    let ort: RunnableOrt;
    beforeAll(async () => {
      ort = await load();
    });

    it('round-trips every dtype through an ORT tensor, sharing data', () => {
      for (const s of samples) {
        const o = toOrt(s, ort, s.dtype);
        expect(o.type).toBe(s.dtype);
        expect([...o.dims]).toEqual([...s.dims]);
        const back = fromOrt(o, s.dtype);
        expectSameTensor(back, s);
        expect(back.data).toBe(s.data);
      }
    });

    it('round-trips every dtype through an Identity session run', async () => {
      const session = await ort.InferenceSession.create(identityModel(dtypes), sessionOptions);
      try {
        const feeds: Record<string, unknown> = {};
        for (const s of samples) feeds[`x_${s.dtype}`] = toOrt(s, ort, `x_${s.dtype}`);
        const out = await session.run(feeds);
        for (const s of samples) {
          const back = fromOrt(out[`y_${s.dtype}`] as Parameters<typeof fromOrt>[0], `y_${s.dtype}`);
          expectSameTensor(back, s);
        }
      } finally {
        await session.release();
      }
    });

    it('rejects unsupported ORT types naming the tensor', async () => {
      const session = await ort.InferenceSession.create(identityModel(['float64']), sessionOptions);
      try {
        const Ctor = ort.Tensor as unknown as new (type: string, data: Float64Array, dims: number[]) => unknown;
        const out = await session.run({ x_float64: new Ctor('float64', Float64Array.from([1, 2]), [2]) });
        let err: unknown;
        try {
          fromOrt(out.y_float64 as Parameters<typeof fromOrt>[0], 'y_float64');
        } catch (e) {
          err = e;
        }
        expect(ReasonkitError.is(err, 'DTYPE_UNSUPPORTED')).toBe(true);
        expect((err as ReasonkitError).message).toMatch(/^y_float64: ORT tensor type float64 is not supported/);
        expect((err as ReasonkitError).details.tensor).toBe('y_float64');
      } finally {
        await session.release();
      }
    });
  });
}

runtimeSuite('onnxruntime-node', async () => ortNode as unknown as RunnableOrt, { intraOpNumThreads: 1, interOpNumThreads: 1 });
runtimeSuite(
  'onnxruntime-web (node build, wasm, 1 thread)',
  async () => {
    const web = await import('onnxruntime-web');
    const typed: OrtModuleLike<import('onnxruntime-web').Tensor> = web; // structural compatibility
    expect(typed.Tensor).toBe(web.Tensor);
    web.env.wasm.numThreads = 1;
    web.env.wasm.proxy = false;
    return web as unknown as RunnableOrt;
  },
  { executionProviders: ['wasm'] },
);

describe('fromOrt / toOrt errors and edge cases', () => {
  it('rejects bfloat16 and unknown types with DTYPE_UNSUPPORTED naming the tensor', () => {
    for (const type of ['bfloat16', 'string', 'int4', 'uint64', 'float8e4m3fn']) {
      expect(() => fromOrt({ type, dims: [1], data: new Uint16Array(1) }, 'present.0.key')).toThrow(
        expect.objectContaining({ code: 'DTYPE_UNSUPPORTED', details: expect.objectContaining({ tensor: 'present.0.key', actual: type }) }),
      );
    }
  });

  it('rejects data that is not on the CPU', () => {
    expect(() => fromOrt({ type: 'float32', dims: [1], data: undefined, location: 'gpu-buffer' }, 'logits')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining("logits: ORT tensor data is on 'gpu-buffer'") }),
    );
  });

  it('rejects a data array of the wrong kind and a wrong element count', () => {
    expect(() => fromOrt({ type: 'int64', dims: [2], data: new Int32Array(2) }, 'ids')).toThrow(
      expect.objectContaining({ code: 'DTYPE_MISMATCH', message: 'ids: ORT tensor of type int64 holds Int32Array, expected BigInt64Array' }),
    );
    expect(() => fromOrt({ type: 'float32', dims: [3], data: new Float32Array(2) }, 'x')).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
    const bad = { dtype: 'float16', dims: [1], data: new Float32Array(1) } as unknown as Tensor;
    expect(() => toOrt(bad, ortNode as unknown as OrtModuleLike, 'w')).toThrow(
      expect.objectContaining({ code: 'DTYPE_MISMATCH', message: 'w: dtype float16 needs Uint16Array data but got Float32Array' }),
    );
  });

  it('reinterprets a Float16Array as its bits', () => {
    // Simulated runtime with Float16Array: a typed array whose toStringTag says Float16Array.
    const bits = Uint16Array.from([0x3c00, 0x4000]);
    const fake = Object.assign(new Uint16Array(bits.buffer), {});
    Object.defineProperty(fake, Symbol.toStringTag, { value: 'Float16Array' });
    const t = fromOrt({ type: 'float16', dims: [2], data: fake }, 'h');
    expect(Object.prototype.toString.call(t.data)).toBe('[object Uint16Array]');
    expect([...t.data]).toEqual([0x3c00, 0x4000]);
  });

  it('accepts the real ORT modules structurally (type-level check)', () => {
    const m: OrtModuleLike<ortNode.Tensor> = ortNode;
    const t: ortNode.Tensor = toOrt(tensor('float32', new Float32Array(1), [1]), m);
    expect(t.type).toBe('float32');
  });
});
