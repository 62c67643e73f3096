import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTinyDecoder } from '../testing/tiny-decoder.js';
import type { OrtModule, OrtTensor } from './ort-module.js';
import { OnnxSession } from './session.js';
import { rejection } from '../test-utils/expect-error.js';

const node = ortNode as unknown as OrtModule;
const web = ortWeb as unknown as OrtModule;
web.env.wasm!.numThreads = 1;
web.env.wasm!.proxy = false;

const model = buildTinyDecoder({ vocab: 8, layers: 2, kvHeads: 2, headDim: 4, seed: 3 });

function feeds(ort: OrtModule, ids: number[]): Record<string, OrtTensor> {
  const n = ids.length;
  const f: Record<string, OrtTensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, n]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
    position_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (_, i) => BigInt(i)), [1, n]),
  };
  for (let l = 0; l < 2; l++) {
    f[`past_key_values.${l}.key`] = new ort.Tensor('float32', new Float32Array(0), [1, 2, 0, 4]);
    f[`past_key_values.${l}.value`] = new ort.Tensor('float32', new Float32Array(0), [1, 2, 0, 4]);
  }
  return f;
}


const sessions: OnnxSession[] = [];
afterAll(async () => {
  for (const s of sessions) await s.release();
});

describe.each([
  ['onnxruntime-node', node],
  ['onnxruntime-web', web],
] as const)('OnnxSession on %s', (_label, ort) => {
  const open = async (logger?: { warn: (m: string) => void }) => {
    const s = await OnnxSession.create(ort, model, {
      fileName: 'tiny.onnx',
      sessionOptions: { intraOpNumThreads: 1 },
      ...(logger ? { logger } : {}),
    });
    sessions.push(s);
    return s;
  };

  it('reports metadata with symbolic dims', async () => {
    const s = await open();
    expect(s.inputNames).toContain('past_key_values.1.value');
    const past = s.input('past_key_values.0.key')!;
    expect(past.dtype).toBe('float32');
    expect(past.shape).toEqual(['batch_size', 2, 'past_sequence_length', 4]);
  });

  it('names every missing feed at once', async () => {
    const s = await open();
    const f = feeds(ort, [1, 2]);
    delete f.attention_mask;
    delete f['past_key_values.1.value'];
    const e = await rejection(s.run(f));
    expect(e.code).toBe('MISSING_FEEDS');
    expect(e.details.missing).toEqual(['attention_mask', 'past_key_values.1.value']);
    expect(e.message).toContain('attention_mask, past_key_values.1.value');
  });

  it('warns about extra feeds via the logger and runs output subsets', async () => {
    const warnings: string[] = [];
    const s = await open({ warn: (m) => warnings.push(m) });
    const f = { ...feeds(ort, [1, 2, 3]), bogus: new ort.Tensor('float32', new Float32Array(1), [1]) };
    const out = await s.run(f, ['logits']);
    expect(Object.keys(out)).toEqual(['logits']);
    expect(out.logits!.dims).toEqual([1, 3, 8]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('bogus');
    const e = await rejection(s.run(feeds(ort, [1]), ['logitz']));
    expect(e.code).toBe('UNKNOWN_OUTPUT');
    expect(e.message).toContain('available: logits');
  });

  it('rethrows a run failure with every input name, dtype and dims', async () => {
    const s = await open();
    const f = feeds(ort, [1, 2]);
    f['past_key_values.0.key'] = new ort.Tensor('float32', new Float32Array(10), [1, 2, 1, 5]);
    const e = await rejection(s.run(f));
    expect(e.code).toBe('RUNTIME_ERROR');
    expect(e.message).toContain('past_key_values.0.key: float32 [1, 2, 1, 5]');
    expect(e.message).toContain('input_ids: int64 [1, 2]');
    expect(e.details.inputs).toContainEqual({ name: 'attention_mask', dtype: 'int64', dims: [1, 2] });
  });

  it('runs concurrent calls (serialised on web) and refuses after release', async () => {
    const s = await open();
    const [a, b] = await Promise.all([s.run(feeds(ort, [1, 2])), s.run(feeds(ort, [1, 2]))]);
    expect(Array.from(a!.logits!.data as Float32Array)).toEqual(Array.from(b!.logits!.data as Float32Array));
    await s.release();
    expect((await rejection(s.run(feeds(ort, [1])))).message).toContain('released');
  });

  it('fails creation with ONNX_INVALID naming the file', async () => {
    const e = await rejection(OnnxSession.create(ort, new Uint8Array([1, 2, 3]), { fileName: 'broken.onnx' }));
    expect(e.code).toBe('ONNX_INVALID');
    expect(e.message).toMatch(/^broken\.onnx:/);
  });
});
