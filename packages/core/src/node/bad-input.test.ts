// Issue 2, acceptance 6: each kind of bad input gives a typed error naming its cause, through the
// public Node API on real files (one place to see them all; unit tests cover each in depth).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../test-utils/expect-error.js';
import { generate } from '../generation/generate.js';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import { buildSyntheticCheckpoint } from '../llama2c/synthetic-checkpoint.js';
import { tensor } from '../tensor/create-tensor.js';
import { checkpointPath, haveReferenceModel, skipMessage, tokenizerPath } from '../test-utils/shared-models.js';
import { convertLlama2c } from './convert-llama2c.js';
import { loadModelDir } from './load-model.js';


describe.skipIf(!haveReferenceModel)(`bad input gives typed errors naming the cause${haveReferenceModel ? '' : ` (${skipMessage})`}`, () => {
  let dir: string;
  let model: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reasonkit-bad-'));
    model = join(dir, 'model');
    await convertLlama2c({ checkpoint: checkpointPath, tokenizer: tokenizerPath, out: model });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a truncated checkpoint: CHECKPOINT_INVALID with the file, expected and actual sizes', async () => {
    const bad = join(dir, 'truncated.bin');
    writeFileSync(bad, readFileSync(checkpointPath).subarray(0, 1_056_540 - 4));
    const e = await rejection(convertLlama2c({ checkpoint: bad, tokenizer: tokenizerPath, out: join(dir, 'x') }));
    expect(e.code).toBe('CHECKPOINT_INVALID');
    expect(e.details.file).toBe(bad);
    expect(e.message).toMatch(/1,?056,?540/);
    expect(e.message).toMatch(/1,?056,?536/);
  });

  it('a tokenizer of the wrong vocabulary size: TOKENIZER_INVALID stating the expected size', async () => {
    const ckpt = join(dir, 'vocab300.bin');
    writeFileSync(ckpt, buildSyntheticCheckpoint({ dim: 16, hiddenDim: 32, nLayers: 1, nHeads: 2, nKvHeads: 1, vocabSize: 300, seqLen: 32 }));
    const e = await rejection(convertLlama2c({ checkpoint: ckpt, tokenizer: tokenizerPath, out: join(dir, 'y') }));
    expect(e.code).toBe('TOKENIZER_INVALID');
    expect(e.message).toContain(tokenizerPath);
    expect(e.message).toContain('300');
  });

  it('a missing config.json field: CONFIG_INVALID naming the file and field', async () => {
    const copy = join(dir, 'noconfig');
    await convertLlama2c({ checkpoint: checkpointPath, tokenizer: tokenizerPath, out: copy });
    const config = JSON.parse(readFileSync(join(copy, 'config.json'), 'utf8'));
    delete config.num_hidden_layers;
    writeFileSync(join(copy, 'config.json'), JSON.stringify(config));
    const e = await rejection(loadModelDir(copy, { threads: 1 }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(join(copy, 'config.json'));
    expect(e.message).toContain('num_hidden_layers');
  });

  it('a prompt longer than the context: CONTEXT_OVERFLOW naming the length and the limit, before any forward', async () => {
    const { lm, tokenizer } = await loadModelDir(model, { threads: 1 });
    try {
      const prompt = 'Once upon a time there was a dog. '.repeat(80);
      const e = await rejection(generate(lm, { prompt, tokenizer, maxNewTokens: 4 }));
      expect(e.code).toBe('CONTEXT_OVERFLOW');
      expect(e.message).toContain('512');
    } finally {
      await lm.dispose();
    }
  });

  it('mismatched tensor shapes: SHAPE_MISMATCH naming the tensor', async () => {
    const { lm } = await loadModelDir(model, { threads: 1 });
    try {
      // stories260K has 4 KV heads of dim 8; a cache with 3 heads does not fit the graph.
      const bad = Array.from({ length: 5 }, () => ({
        key: tensor('float32', new Float32Array(3 * 2 * 8), [1, 3, 2, 8]),
        value: tensor('float32', new Float32Array(3 * 2 * 8), [1, 3, 2, 8]),
      }));
      const e = await rejection(lm.forward({ inputIds: [5], cache: DenseKVCache.from(bad, Int32Array.from([0, 1])) }));
      expect(e.code).toBe('SHAPE_MISMATCH');
      expect(e.message).toContain('past_key_values.0.key');
      // and a tensor whose data does not fit its dims
      const e2 = await rejection(() => tensor('float32', new Float32Array(5), [2, 3], 'logits'));
      expect(e2.code).toBe('SHAPE_MISMATCH');
      expect(e2.message).toContain('logits');
    } finally {
      await lm.dispose();
    }
  });
});
