import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { closeMatches, exposeOutputs } from './expose-outputs.js';
import { GraphBuilder } from './graph-builder.js';
import { listValueNames, locateGraph, readOnnxModelInfo } from './onnx-model-info.js';
import { OnnxDataType } from './proto-writer.js';

function buildModel(): Uint8Array {
  const g = new GraphBuilder('expose');
  const x = g.input('x', OnnxDataType.FLOAT, ['batch_size', 3]);
  const mid = g.op('Mul', [x, g.constFloat([2])], {}, { outputs: ['/model/layers.0/mid'] });
  const sq = g.op('Mul', [mid, mid], {}, { outputs: ['/model/layers.0/squared'] });
  g.op('ReduceSum', [sq, g.constInt64([1])], { keepdims: 0 }, { outputs: ['y'] });
  g.output('y', OnnxDataType.FLOAT, ['batch_size']);
  return g.toModel();
}

describe('exposeOutputs (spec core §5.6, target 7)', () => {
  const model = buildModel();

  it('adds a working output under onnxruntime-node; ORT infers its type and shape', async () => {
    const exposed = exposeOutputs(model, ['/model/layers.0/mid', '/model/layers.0/squared']);
    const info = readOnnxModelInfo(exposed);
    expect(info.outputs.map((o) => o.name)).toEqual(['y', '/model/layers.0/mid', '/model/layers.0/squared']);
    expect(info.outputs[1]!.elemType).toBeUndefined();
    const session = await ort.InferenceSession.create(exposed, { intraOpNumThreads: 1 });
    try {
      expect(session.outputNames).toEqual(['y', '/model/layers.0/mid', '/model/layers.0/squared']);
      const meta = session.outputMetadata.find((m) => m.name === '/model/layers.0/mid');
      expect(meta).toMatchObject({ isTensor: true, type: 'float32' });
      const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, -2, 3, 0.5, 0, 1]), [2, 3]) });
      expect([...(out['/model/layers.0/mid']!.data as Float32Array)]).toEqual([2, -4, 6, 1, 0, 2]);
      expect(out['/model/layers.0/mid']!.dims).toEqual([2, 3]);
      expect([...(out['/model/layers.0/squared']!.data as Float32Array)]).toEqual([4, 16, 36, 1, 0, 4]);
      expect([...(out.y!.data as Float32Array)]).toEqual([56, 5]);
    } finally {
      await session.release();
    }
  });

  it('only rewrites the graph length prefix and appends outputs', () => {
    const exposed = exposeOutputs(model, ['/model/layers.0/mid']);
    const a = locateGraph(model);
    const b = locateGraph(exposed);
    const name = '/model/layers.0/mid';
    const appended = Uint8Array.from([0x62, name.length + 2, 0x0a, name.length, ...new TextEncoder().encode(name)]);
    expect(b.tagStart).toBe(a.tagStart);
    expect(exposed.subarray(0, b.tagStart)).toEqual(model.subarray(0, a.tagStart));
    expect(exposed.subarray(b.start, b.start + (a.end - a.start))).toEqual(model.subarray(a.start, a.end));
    expect(exposed.subarray(b.start + (a.end - a.start), b.end)).toEqual(appended);
    expect(exposed.subarray(b.end)).toEqual(model.subarray(a.end));
    expect(exposeOutputs(model, ['y'])).toBe(model); // already an output: unchanged
  });

  it('throws UNKNOWN_OUTPUT listing close matches from listValueNames', () => {
    let error: unknown;
    try {
      exposeOutputs(model, ['/model/layers.0/mdi']);
    } catch (e) {
      error = e;
    }
    expect(ReasonkitError.is(error, 'UNKNOWN_OUTPUT')).toBe(true);
    const e = error as ReasonkitError;
    expect(e.message).toContain('"/model/layers.0/mdi" is not a value of the graph');
    expect(e.message).toContain('"/model/layers.0/mid"');
    expect(e.details.tensor).toBe('/model/layers.0/mdi');
    expect(e.details.closeMatches).toContain('/model/layers.0/mid');
    expect(listValueNames(model)).toContain('/model/layers.0/mid');
  });

  it('suggests substring matches and reports none when nothing is close', () => {
    expect(closeMatches('squared', ['/model/layers.0/squared', 'x', 'y'])).toEqual(['/model/layers.0/squared']);
    expect(() => exposeOutputs(model, ['completely_unrelated_name'])).toThrow(/no close matches/);
  });
});
