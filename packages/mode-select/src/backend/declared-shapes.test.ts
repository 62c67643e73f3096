import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxCausalLM } from '@reasonkit/core';
import type { LocalBackend } from './local-backend.js';
import { haveTestbedModel, loadTestbedBackend } from '../test-utils/testbed.js';

// Spec §11.7 / acceptance 9 "declared shapes", on the committed testbed ONNX model (real weights)
// instead of a synthetic fixture: the graph's declared input/output shapes agree with the model
// config, and a real forward returns tensors that fit them.
const skip = !haveTestbedModel();
if (skip) console.warn('mode-select: testbed model missing (packages/testbed/model); skipping declared-shapes test');

/** A declared dim fits an actual one when it is symbolic (string / negative) or equal. */
const fits = (declared: readonly (number | string)[], actual: readonly number[]) =>
  declared.length === actual.length && declared.every((d, i) => typeof d === 'string' || d < 0 || d === actual[i]);

describe.skipIf(skip)('testbed ONNX model: declared shapes', () => {
  let backend: LocalBackend;
  beforeAll(async () => {
    backend = await loadTestbedBackend();
  });
  afterAll(async () => {
    await backend?.lm.dispose();
  });

  it('declares logits [b, s, vocab], present.* [b, kvHeads, s, headDim], hidden_states.* [b, s, hidden], and a forward fits them', async () => {
    const lm = backend.lm;
    expect(lm).toBeInstanceOf(OnnxCausalLM);
    const session = (lm as OnnxCausalLM).session;
    const { vocabSize, hiddenSize, numKvHeads, headDim, numLayers } = lm.config;
    const byName = new Map(session.outputs.map((o) => [o.name, o]));

    const logits = byName.get('logits');
    expect(logits?.dtype).toBe('float32');
    expect(logits?.shape?.length).toBe(3);
    expect(logits?.shape?.[2]).toBe(vocabSize);

    const presents = session.outputs.filter((o) => o.name.startsWith('present.'));
    expect(presents.length).toBe(2 * numLayers);
    for (const p of presents) {
      expect(p.shape?.length, p.name).toBe(4);
      expect(p.shape?.[1], p.name).toBe(numKvHeads);
      expect(p.shape?.[3], p.name).toBe(headDim);
    }

    const hidden = session.outputs.filter((o) => o.name.startsWith('hidden_states.'));
    expect(hidden.length).toBeGreaterThan(0);
    expect(backend.hiddenLayers.length).toBe(hidden.length);
    for (const h of hidden) {
      expect(h.shape?.length, h.name).toBe(3);
      expect(h.shape?.[2], h.name).toBe(hiddenSize);
    }

    const ids = session.inputs.find((i) => i.name === 'input_ids');
    expect(ids?.dtype).toBe('int64');
    expect(ids?.shape?.length).toBe(2);

    // A real forward over 5 tokens: actual dims fit the declared ones.
    const layer = `hidden_states.${backend.hiddenLayers.at(-1)}`;
    const out = await lm.forward({ inputIds: [1, 2, 3, 4, 5], outputs: [layer] });
    expect(out.logits.dims).toEqual([1, 5, vocabSize]);
    expect(fits(logits!.shape!, out.logits.dims)).toBe(true);
    expect(out.extra[layer]!.dims).toEqual([1, 5, hiddenSize]);
    expect(fits(byName.get(layer)!.shape!, out.extra[layer]!.dims)).toBe(true);
    expect(out.cache.length).toBe(5);
  });
});
