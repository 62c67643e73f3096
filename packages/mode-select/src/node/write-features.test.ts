import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedCausalLM } from '@reasonkit/core/testing';
import { generateLevelProblems, MODEL_LEVELS, TESTBED_EOS_ID } from '@reasonkit/testbed';
import { createLocalBackend, type LocalBackend } from '../backend/local-backend.js';
import { decodeNpy } from '../features/npy.js';
import { extractFeatures } from '../features/extract-features.js';
import { haveTestbedModel, loadTestbedBackend, testbedInput } from '../test-utils/testbed.js';
import { writeFeatures } from './write-features.js';

const skip = !haveTestbedModel();
if (skip) console.warn('mode-select: testbed model missing (packages/testbed/model); skipping feature-extraction tests');

describe.skipIf(skip)('extractFeatures + writeFeatures on the testbed model (real ONNX Runtime session)', () => {
  let backend: LocalBackend;
  let dir: string;
  beforeAll(async () => {
    backend = await loadTestbedBackend();
    dir = await mkdtemp(join(tmpdir(), 'mode-select-features-'));
  });
  afterAll(async () => {
    await backend?.lm.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes one NPY matrix per layer and a manifest; rows equal the hidden state read by a direct forward', async () => {
    const problems = generateLevelProblems(MODEL_LEVELS[1]!, 3, 11);
    const items = problems.map((p, i) => ({ input: testbedInput(p), label: i % 2 }));
    const top = backend.hiddenLayers.at(-1)!;
    const low = backend.hiddenLayers[0]!;
    const progress: number[] = [];
    const features = await extractFeatures(backend, items, { layers: ['last', low], model: 'testbed', onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([1, 2, 3]);
    const paths = await writeFeatures(dir, features);
    expect(paths.map((p) => p.slice(dir.length + 1)).sort()).toEqual([`layer-${low}.npy`, `layer-${top}.npy`, 'manifest.json'].sort());

    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'reasonkit-features@1', model: 'testbed', formatId: 'testbed', position: 'last', placement: 'inside-think', layers: [top, low], labels: [0, 1, 0], rows: 3, width: backend.lm.config.hiddenSize });
    expect(manifest.ids).toEqual(items.map((it) => it.input.id));
    expect(manifest.fakeThought.body).toBe(items[0]!.input.fakeThought.body);

    const { data, shape } = decodeNpy(await readFile(join(dir, `layer-${top}.npy`)));
    expect(shape).toEqual([3, backend.lm.config.hiddenSize]);
    // oracle: a fresh forward over the ProbeConf prompt (question + <think> + fake-thought body)
    const input = items[2]!.input;
    const ids = backend.tokenizer.encode(input.format.promptFor(input.question) + input.fakeThought.body, { bos: true });
    const out = await backend.lm.forward({ inputIds: ids, outputs: [`hidden_states.${top}`] });
    const t = out.extra[`hidden_states.${top}`]!;
    const w = shape[1]!;
    const expected = (t.data as Float32Array).subarray(t.data.length - w);
    const row = data.subarray(2 * w, 3 * w);
    let maxDiff = 0;
    for (let i = 0; i < w; i++) maxDiff = Math.max(maxDiff, Math.abs(row[i]! - expected[i]!));
    expect(maxDiff).toBeLessThan(1e-4);
    // the two layers differ
    const lowData = decodeNpy(await readFile(join(dir, `layer-${low}.npy`))).data;
    expect(lowData.subarray(2 * w, 3 * w)).not.toEqual(row);
  });

  it('fails before any model call without hidden states, or on an empty list', async () => {
    const lm = createScriptedCausalLM({ vocabSize: 8, script: [], extraOutputs: [] });
    const tokenizer = { vocabSize: 8, encode: () => [1], decode: () => '', idToToken: () => undefined };
    const noHidden = createLocalBackend({ lm, tokenizer, eosTokenIds: [TESTBED_EOS_ID] });
    const p = generateLevelProblems(MODEL_LEVELS[1]!, 1, 1)[0]!;
    await expect(extractFeatures(noHidden, [{ input: testbedInput(p), label: 1 }])).rejects.toThrow(/needs hidden states/);
    await expect(extractFeatures(backend, [])).rejects.toThrow(/no items/);
    const { id: _id, ...noId } = testbedInput(p);
    await expect(extractFeatures(backend, [{ input: noId, label: 1 }])).rejects.toThrow(/item 0 has no input\.id/);
  });
});
