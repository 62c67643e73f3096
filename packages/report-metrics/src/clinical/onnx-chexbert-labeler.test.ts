import * as ortNode from 'onnxruntime-node';
import { GraphBuilder, OnnxDataType, createHfTokenizer, createOnnxModel } from '@reasonkit/core';
import type { OnnxModel, OrtModule } from '@reasonkit/core';
import { tinyWordLevelTokenizerJson } from '@reasonkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onnxChexbertLabeler } from './onnx-chexbert-labeler.js';

// A real ONNX Runtime session over a tiny hand-made "CheXbert": logits[b] = Σ_t mask[b,t] · E[ids[b,t]],
// E a [vocab, 54] table chosen by hand (13 four-way heads, then the two-way No Finding head):
//   [CLS]        +1 on every head's blank class (so a report without findings is all blank)
//   cardiomegaly +5 on Cardiomegaly positive (head 1, column 1·4+1 = 5)
//   effusion     +5 on Pleural Effusion positive (head 9, column 9·4+1 = 37)
//   possible     +5 on Edema uncertain (head 4, column 4·4+3 = 19)
//   no           +10 on every four-way head's negative class (beats 5 + 1)
//   normal       +5 on No Finding positive (column 52+1 = 53)
const WORDS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'cardiomegaly', 'effusion', 'possible', 'no', 'normal', 'stable'];
const V = WORDS.length;
const W = 54;
const E = new Float32Array(V * W);
const at = (word: string, col: number, v: number) => (E[WORDS.indexOf(word) * W + col] = v);
for (let h = 0; h < 13; h++) at('[CLS]', h * 4, 1);
at('[CLS]', 52, 1);
at('cardiomegaly', 5, 5);
at('effusion', 37, 5);
at('possible', 19, 5);
for (let h = 0; h < 13; h++) at('no', h * 4 + 2, 10);
at('normal', 53, 5);

function buildGraph(perHead: boolean): Uint8Array {
  const g = new GraphBuilder('tiny-chexbert');
  const dims = ['batch_size', 'sequence_length'];
  const ids = g.input('input_ids', OnnxDataType.INT64, dims);
  const mask = g.input('attention_mask', OnnxDataType.INT64, dims);
  const emb = g.op('Gather', [g.floatInit('E', E, [V, W]), ids], { axis: 0 });
  const m3 = g.op('Unsqueeze', [g.op('Cast', [mask], { to: OnnxDataType.FLOAT }), g.constInt64([2])]);
  const summed = g.op('ReduceSum', [g.op('Mul', [emb, m3]), g.constInt64([1])], { keepdims: 0 });
  if (!perHead) {
    g.output(g.op('Identity', [summed], {}, { outputs: ['logits'] }), OnnxDataType.FLOAT, ['batch_size', W]);
  } else {
    const sizes = [...new Array<number>(13).fill(4), 2];
    const names = sizes.map((_, h) => `head_${h}`);
    const parts = g.op('Split', [summed, g.constInt64(sizes)], { axis: 1 }, { outputs: names });
    void parts;
    names.forEach((n, h) => g.output(n, OnnxDataType.FLOAT, ['batch_size', sizes[h]!]));
  }
  return g.toModel();
}

const tokenizer = createHfTokenizer(tinyWordLevelTokenizerJson(WORDS, { lowercase: true }), { pad_token: '[PAD]' },
);

const ort = ortNode as unknown as OrtModule;
let concatenated: OnnxModel;
let split: OnnxModel;
beforeAll(async () => {
  concatenated = await createOnnxModel({ ort, model: buildGraph(false), threads: 1 });
  split = await createOnnxModel({ ort, model: buildGraph(true), threads: 1 });
});
afterAll(async () => {
  await concatenated?.dispose();
  await split?.dispose();
});

const TEXTS = ['Cardiomegaly.', 'Possible  edema,\n stable effusion', 'No effusion.', 'Normal', ''];
// Hand-computed (rrg): 14 labels in CheXbert order.
const zeros = () => new Array<number>(14).fill(0);
const EXPECTED_RRG = [
  Object.assign(zeros(), { 1: 1 }), // cardiomegaly positive
  Object.assign(zeros(), { 4: 1, 9: 1 }), // edema uncertain → 1, effusion positive ('edema' is [UNK])
  zeros(), // 'no' makes every four-way head negative → 0
  Object.assign(zeros(), { 13: 1 }), // No Finding positive
  zeros(), // empty report: [CLS] [SEP] → all blank
];

describe('onnxChexbertLabeler on a real ORT session', () => {
  it('concatenated-logits output, batches of 2 with padding: hand-computed rrg labels', async () => {
    const l = onnxChexbertLabeler({ model: concatenated, tokenizer, id: 'tiny-chexbert@test', batchSize: 2 });
    expect(l.id).toBe('tiny-chexbert@test|rrg');
    expect((await l.label(TEXTS)).map((v) => Array.from(v))).toEqual(EXPECTED_RRG);
  });

  it('one output per head gives the same labels; classification mode keeps uncertain as −1', async () => {
    const names = Array.from({ length: 14 }, (_, h) => `head_${h}`);
    const l = onnxChexbertLabeler({ model: split, tokenizer, id: 't', outputs: names, mode: 'classification', batchSize: 3 });
    const got = (await l.label(TEXTS)).map((v) => Array.from(v));
    expect(got[1]).toEqual(Object.assign(zeros(), { 4: -1, 9: 1 }));
    expect(got[0]).toEqual(EXPECTED_RRG[0]);
  });

  it('truncation to maxLength cuts findings past the limit', async () => {
    const l = onnxChexbertLabeler({ model: concatenated, tokenizer, id: 't', maxLength: 3 });
    // [CLS] stable [SEP]: 'cardiomegaly' is cut away
    expect(Array.from((await l.label(['stable cardiomegaly']))[0]!)).toEqual(zeros());
  });

  it('a wrong output name fails naming the available outputs', () => {
    expect(() => onnxChexbertLabeler({ model: concatenated, tokenizer, id: 't', outputs: 'scores' })).toThrow(/no output scores; available: logits/);
  });
});
