import { createHfTokenizer, createOnnxModel, type OnnxModel, type OrtModule } from '@reasonkit/core';
import { buildTinyEncoder, tinyWordLevelTokenizerJson } from '@reasonkit/core/testing';
import * as ortNode from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { classifierDetector } from './classifier-detector.js';
import { onnxSequenceClassifier } from './onnx-classifier.js';

// A word-level toy tokenizer ([CLS] text [SEP]) and core's tiny encoder graph (Gather → masked mean → MatMul + bias),
// run by the real onnxruntime-node; probabilities are checked against a hand computation from the weights.
const WORDS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'i', 'cannot', 'answer', 'that', 'carrie', 'is', 'the', 'novel', 'sorry', "don't", 'know', 'it'];
const tokenizer = createHfTokenizer(tinyWordLevelTokenizerJson(WORDS, { lowercase: true, preTokenizer: 'WhitespaceSplit' }), { pad_token: '[PAD]' },
);
// seed 178: weights under which the two refusals score above 0.5 and the answer below (found by a search over seeds)
const H = 4;
const { model: bytes, weights: w } = buildTinyEncoder({ vocab: WORDS.length, hidden: H, classes: 2, seed: 178, withTokenTypes: false });

/** Hand computation in float64: mean of the token embeddings of [CLS] words [SEP], then · weight + bias, then softmax. */
function handProbRefusal(text: string): number {
  const ids = [2, ...text.toLowerCase().split(/\s+/).filter(Boolean).map((t) => WORDS.indexOf(t) >= 0 ? WORDS.indexOf(t) : 1), 3];
  const pooled = Array.from({ length: H }, (_, h) => ids.reduce((s, id) => s + w.embed[id * H + h]!, 0) / ids.length);
  const logits = [0, 1].map((c) => pooled.reduce((s, v, h) => s + v * w.weight[h * 2 + c]!, w.bias[c]!));
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  return e[1]! / (e[0]! + e[1]!);
}

const models: OnnxModel[] = [];
afterAll(async () => {
  for (const m of models) await m.dispose();
});

describe('ONNX classifier detector on onnxruntime-node (spec §13.5)', () => {
  const texts = ['I cannot answer that', 'Carrie is the novel', "sorry I don't know it"];
  it('probabilities equal a hand softmax within 1e-6; a batch of 3 equals 3 singles', async () => {
    const model = await createOnnxModel({ ort: ortNode as unknown as OrtModule, model: bytes, threads: 1, fileName: 'tiny.onnx' });
    models.push(model);
    const det = classifierDetector(onnxSequenceClassifier(model, tokenizer, { id: 'tiny' }));
    const batch = await det.detectBatch!(texts);
    texts.forEach((t, i) => expect(Math.abs(batch[i]!.score - handProbRefusal(t))).toBeLessThan(1e-6));
    const singles = await Promise.all(texts.map((t) => det.detect(t)));
    singles.forEach((v, i) => expect(Math.abs(v.score - batch[i]!.score)).toBeLessThan(1e-6));
    expect(batch.map((v) => v.isRefusal)).toEqual([true, false, true]);
    expect(batch[0]!.strategy).toBe('classifier:tiny');
  });
});
