import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { readOnnxModelInfo } from '../onnx/onnx-model-info.js';
import {
  argmax,
  createDriverSession,
  decoderStep,
  emptyDecoderState,
  logitsRow,
  maxAbsDiff,
  type DriverSession,
  type PlainTensor,
} from '../test-utils/onnx-graph-driver.js';
import { buildTinyDecoder, tinyDecoderConfig } from './tiny-decoder.js';

const opts = { vocab: 11, layers: 2, kvHeads: 2, headDim: 4, seed: 5 };

/** Prefill 3 tokens from an empty past, then 2 greedy single-token steps (past 0 → 3 → 4 → 5). */
async function threeSteps(session: DriverSession): Promise<{ logits: Float32Array[]; presents: PlainTensor[]; ids: number[] }> {
  let state = emptyDecoderState(opts.layers, opts.kvHeads, opts.headDim);
  const ids = [1, 7, 3];
  const logits: Float32Array[] = [];
  const presents: PlainTensor[] = [];
  let feed = ids;
  for (let step = 0; step < 3; step++) {
    const r = await decoderStep(session, state, feed);
    state = r.state;
    const l = r.outputs.logits!;
    expect(l.dims).toEqual([1, feed.length, opts.vocab]);
    logits.push(new Float32Array(l.data));
    presents.push(r.outputs['present.1.value']!);
    const next = argmax(logitsRow(l, feed.length - 1));
    ids.push(next);
    feed = [next];
  }
  return { logits, presents, ids };
}

describe('buildTinyDecoder (spec core §6, target 6)', () => {
  const model = buildTinyDecoder(opts);

  it('is deterministic per seed and declares the §5.2 contract', () => {
    expect(buildTinyDecoder(opts)).toEqual(model);
    expect(buildTinyDecoder({ ...opts, seed: 6 })).not.toEqual(model);
    const info = readOnnxModelInfo(model);
    expect(info.opsetImports).toEqual([{ domain: '', version: 17 }]);
    expect(info.inputs.map((i) => [i.name, i.elemType, i.dims])).toEqual([
      ['input_ids', 'int64', ['batch_size', 'sequence_length']],
      ['attention_mask', 'int64', ['batch_size', 'total_sequence_length']],
      ['position_ids', 'int64', ['batch_size', 'sequence_length']],
      ['past_key_values.0.key', 'float32', ['batch_size', 2, 'past_sequence_length', 4]],
      ['past_key_values.0.value', 'float32', ['batch_size', 2, 'past_sequence_length', 4]],
      ['past_key_values.1.key', 'float32', ['batch_size', 2, 'past_sequence_length', 4]],
      ['past_key_values.1.value', 'float32', ['batch_size', 2, 'past_sequence_length', 4]],
    ]);
    expect(info.outputs.map((o) => [o.name, o.elemType, o.dims])).toEqual([
      ['logits', 'float32', ['batch_size', 'sequence_length', 11]],
      ['present.0.key', 'float32', ['batch_size', 2, 'total_sequence_length', 4]],
      ['present.0.value', 'float32', ['batch_size', 2, 'total_sequence_length', 4]],
      ['present.1.key', 'float32', ['batch_size', 2, 'total_sequence_length', 4]],
      ['present.1.value', 'float32', ['batch_size', 2, 'total_sequence_length', 4]],
      ['hidden_states.0', 'float32', ['batch_size', 'sequence_length', 8]],
    ]);
  });

  it('omits position_ids on request', () => {
    const info = readOnnxModelInfo(buildTinyDecoder({ ...opts, withPositionIds: false }));
    expect(info.inputs.map((i) => i.name)).not.toContain('position_ids');
  });

  it('rejects bad options naming the field', () => {
    expect(() => buildTinyDecoder({ ...opts, kvHeads: 0 })).toThrow(ReasonkitError);
    expect(() => buildTinyDecoder({ ...opts, kvHeads: 0 })).toThrow(/options\.kvHeads/);
  });

  it('gives a matching HF llama-style config', () => {
    expect(tinyDecoderConfig(opts)).toMatchObject({
      model_type: 'llama',
      vocab_size: 11,
      hidden_size: 8,
      num_hidden_layers: 2,
      num_attention_heads: 2,
      num_key_value_heads: 2,
      head_dim: 4,
    });
  });

  it('runs on ORT-node cpu and ORT-web wasm (1 thread) from an empty past through 3 growing steps; logits agree to 1e-5', async () => {
    const nodeSession = await createDriverSession('node', model);
    const webSession = await createDriverSession('web', model);
    try {
      const a = await threeSteps(nodeSession);
      const b = await threeSteps(webSession);
      expect(b.ids).toEqual(a.ids);
      expect(a.presents.map((p) => p.dims[2])).toEqual([3, 4, 5]);
      for (let s = 0; s < 3; s++) expect(maxAbsDiff(a.logits[s]!, b.logits[s]!)).toBeLessThan(1e-5);
      // logits are not trivially constant
      expect(Math.max(...a.logits[0]!) - Math.min(...a.logits[0]!)).toBeGreaterThan(0.1);
    } finally {
      await nodeSession.release();
      await webSession.release();
    }
  });

  it('gives the same logits as a one-shot prefill when decoding token by token (causal, cache-aware)', async () => {
    const session = await createDriverSession('node', model);
    try {
      const ids = [4, 9, 2, 6, 1];
      const full = await decoderStep(session, emptyDecoderState(2, 2, 4), ids);
      let state = emptyDecoderState(2, 2, 4);
      for (const [i, id] of ids.entries()) {
        const r = await decoderStep(session, state, [id]);
        state = r.state;
        expect(maxAbsDiff(logitsRow(r.outputs.logits!, 0), logitsRow(full.outputs.logits!, i))).toBeLessThan(1e-5);
      }
      // a different past changes the last logits: the cache really is read
      const other = await decoderStep(session, emptyDecoderState(2, 2, 4), [5, 5, 5, 5, 1]);
      expect(maxAbsDiff(logitsRow(other.outputs.logits!, 4), logitsRow(full.outputs.logits!, 4))).toBeGreaterThan(1e-3);
    } finally {
      await session.release();
    }
  });
});
