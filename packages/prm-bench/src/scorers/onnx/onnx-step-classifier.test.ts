import * as ortNode from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHfTokenizer, createOnnxModel, type OnnxModel, type OrtModule, type Tokenizer } from '@reasonkit/core';
import { tinyClassifierOnnx, tinyP1, tinyTokenizerJson } from './__fixtures__/tiny-classifier.js';
import { applyDecision, DECISIONS } from '../decisions.js';
import { createOnnxStepClassifier } from './onnx-step-classifier.js';
import { concatIds, separatorTokens, tagged } from './input-builders.js';
import { sigmoid, twoClassSoftmax } from './readouts.js';
import { onnxModelTokenLogits } from './onnx-model-token-logits.js';
import type { TokenLogitsModel } from './token-logits-model.js';

// A real onnxruntime-node session, through core's generic `OnnxModel` (`createOnnxModel`), over
// a tiny graph built with core's GraphBuilder (see
// __fixtures__/tiny-classifier.ts): p(class 1) at token v is sigmoid(1 − v), known by hand.
const ort = ortNode as unknown as OrtModule;
const tinyClassifier = tinyClassifierOnnx;
const tinyTokenizer = (): Tokenizer => createHfTokenizer(tinyTokenizerJson());
const p1 = tinyP1;

let onnx: OnnxModel;
let masked: OnnxModel;
let model: TokenLogitsModel;
let tok: Tokenizer;
beforeAll(async () => {
  onnx = await createOnnxModel({ ort, model: tinyClassifier(), threads: 1 });
  masked = await createOnnxModel({ ort, model: tinyClassifier({ mask: true }), threads: 1 });
  model = onnxModelTokenLogits(onnx, { id: 'tiny@1' });
  tok = tinyTokenizer();
});
afterAll(async () => {
  await onnx?.dispose();
  await masked?.dispose();
});

describe('ONNX step classifier on a real ORT session', () => {
  it('the tokenizer merges "\\n"+"b" only inside a string: id-level concatenation differs from string concatenation (ProcessBench PR #12)', () => {
    const built = concatIds({ separator: '\n' })(tok, 'q?', ['ab', 'b']);
    expect(built.ids).toEqual([4, 5, 2, 0, 1, 2, 1, 2]);
    expect(built.positions).toEqual([5, 7]);
    expect(tok.encode('q?\nab\nb\n')).toEqual([4, 5, 2, 0, 1, 3, 2]);
  });

  it('reads two-class softmax at each step end: hand-computed sigmoid(1 − v)', async () => {
    const scorer = createOnnxStepClassifier({ model, tokenizer: tok, input: concatIds({ separator: '' }), readout: twoClassSoftmax(), preset: 'trl-test@1' });
    const r = await scorer.score({ id: 'i', question: 'q?', steps: ['ab', 'ba', 'z'] }, {});
    // step ends: 'b' (1), 'a' (0), 'z' (14)
    expect(r.scores!.map((s) => s.toFixed(15))).toEqual([p1(1), p1(0), p1(14)].map((s) => s.toFixed(15)));
    expect(r.scores![0]).toBeCloseTo(0.5, 15);
    expect(r.scores![1]).toBeCloseTo(0.7310585786300049, 15);
    expect(scorer.id).toBe('onnx:tiny@1|trl-test@1|max=2048');
  });

  it('tagged input reads at the tag token; separator input reads at every separator id', async () => {
    const t = tagged({ prefix: (k) => `S${k}:`, tag: '+', lineEnd: '\n' })(tok, 'q?', ['a', 'b']);
    expect(t.ids.filter((_, i) => t.positions.includes(i))).toEqual([11, 11]);
    const s = separatorTokens({ separator: '<sep>', separatorId: 16 })(tok, 'q?', ['ab', 'b']);
    expect(s).toEqual({ ids: [4, 5, 2, 0, 1, 16, 1, 16], positions: [5, 7] });
    const scorer = createOnnxStepClassifier({ model, tokenizer: tok, input: separatorTokens({ separator: '<sep>', separatorId: 16 }), readout: sigmoid(1) });
    const r = await scorer.score({ id: 'i', question: 'q?', steps: ['ab', 'b'] }, {});
    // sigmoid of class-1 logit 1 − 0.5·16 = −7
    expect(r.scores![0]).toBeCloseTo(1 / (1 + Math.exp(7)), 12);
  });

  it('truncation at maxLength scores the steps seen and sets truncatedAtStep', async () => {
    const scorer = createOnnxStepClassifier({ model, tokenizer: tok, input: concatIds({ separator: '\n' }), readout: twoClassSoftmax(), maxLength: 6 });
    const r = await scorer.score({ id: 'i', question: 'q?', steps: ['ab', 'b'] }, {});
    expect(r.scores).toHaveLength(1);
    expect(r.scores![0]).toBeCloseTo(p1(2), 12);
    expect(r.truncatedAtStep).toBe(1);
  });

  it('batches concurrent items (right-padded) with the same scores as one at a time', async () => {
    const one = createOnnxStepClassifier({ model, tokenizer: tok, input: concatIds({ separator: '' }), readout: twoClassSoftmax() });
    const batched = createOnnxStepClassifier({ model, tokenizer: tok, input: concatIds({ separator: '' }), readout: twoClassSoftmax(), batchSize: 3 });
    const items = [
      { id: 'a', question: 'q?', steps: ['ab', 'x'] },
      { id: 'b', question: 'q', steps: ['yyyyyy', 'w', 'z'] },
      { id: 'c', question: '?', steps: ['b'] },
    ];
    const solo = [];
    for (const it of items) solo.push((await one.score(it, {})).scores);
    const together = await Promise.all(items.map((it) => batched.score(it, {})));
    expect(together.map((r) => r.scores)).toEqual(solo);
    // A graph that also takes attention_mask (fed by core's feedsFor) gives the same scores.
    const withMask = createOnnxStepClassifier({ model: onnxModelTokenLogits(masked, { id: 'tiny-mask@1' }), tokenizer: tok, input: concatIds({ separator: '' }), readout: twoClassSoftmax(), batchSize: 3 });
    expect((await Promise.all(items.map((it) => withMask.score(it, {})))).map((r) => r.scores)).toEqual(solo);
  });

  it('a cancelled signal aborts the run with ABORTED', async () => {
    const scorer = createOnnxStepClassifier({ model, tokenizer: tok, input: concatIds(), readout: twoClassSoftmax() });
    const c = new AbortController();
    c.abort();
    await expect(scorer.score({ id: 'i', question: 'q?', steps: ['a'] }, { signal: c.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('Skywork delta rule and strict thresholds on classifier scores', async () => {
    const scorer = createOnnxStepClassifier({ model, tokenizer: tok, input: concatIds({ separator: '' }), readout: twoClassSoftmax() });
    const r = await scorer.score({ id: 'i', question: 'q?', steps: ['b', 'a', 'x'] }, {});
    // scores: p1(1) = 0.5, p1(0) = 0.731, p1(12) ≈ 1.67e-5 → deltas 0.5, 0.231, −0.731
    expect(applyDecision(r, DECISIONS.skywork)).toEqual([true, true, false]);
    // Qwen threshold 0.5 is strict: a score of exactly 0.5 is an error.
    expect(applyDecision(r, DECISIONS.qwenPrm)).toEqual([false, true, false]);
  });
});
