import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { tensor } from '../tensor/create-tensor.js';
import { clsPool, l2Normalize, lastTokenPool, meanPool } from '../tensor/ops/pooling.js';
import { buildTinyEncoder, type TinyEncoderWeights } from '../testing/tiny-encoder.js';
import { tinyWordLevelTokenizerJson } from '../testing/tiny-word-tokenizer.js';
import { rejection } from '../test-utils/expect-error.js';
import { createHfTokenizer } from '../tokenizer/hf-tokenizer.js';
import { classifyTexts } from './classify-texts.js';
import { embedTexts } from './embed-texts.js';
import { GraphBuilder } from './graph-builder.js';
import { createOnnxModel, type OnnxModel } from './onnx-model.js';
import type { OrtModule } from './ort-module.js';
import { OnnxDataType } from './proto-writer.js';
import { OnnxSession } from './session.js';

const node = ortNode as unknown as OrtModule;
const web = ortWeb as unknown as OrtModule;
web.env.wasm!.numThreads = 1;
web.env.wasm!.proxy = false;

const WORDS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'the', 'cat', 'sat', 'on', 'mat', 'dog', 'ran', 'far'];
const tokenizer = createHfTokenizer(
  tinyWordLevelTokenizerJson(WORDS),
  { pad_token: '[PAD]' },
);

const H = 4;
const C = 3;
const { model: encoderBytes, weights } = buildTinyEncoder({ vocab: WORDS.length, hidden: H, classes: C, seed: 5 });

// ---- hand computation in plain loops (float64) ----
function handHidden(w: TinyEncoderWeights, ids: number[], types: number[]): number[][] {
  return ids.map((id, t) => Array.from({ length: w.hidden }, (_, h) => w.embed[id * w.hidden + h]! + w.types[types[t]! * w.hidden + h]!));
}
function handMean(states: number[][], mask: number[]): number[] {
  const out = new Array<number>(states[0]!.length).fill(0);
  let n = 0;
  for (const [t, s] of states.entries()) {
    if (!mask[t]) continue;
    n++;
    for (let h = 0; h < s.length; h++) out[h]! += s[h]!;
  }
  return out.map((v) => v / n);
}
function handLogits(w: TinyEncoderWeights, pooled: number[]): number[] {
  return Array.from({ length: w.classes }, (_, c) => {
    let acc = w.bias[c]!;
    for (let h = 0; h < w.hidden; h++) acc += pooled[h]! * w.weight[h * w.classes + c]!;
    return acc;
  });
}
function handSoftmax(x: number[]): number[] {
  const max = Math.max(...x);
  const e = x.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
function handNormalize(x: number[]): number[] {
  const n = Math.sqrt(x.reduce((a, v) => a + v * v, 0));
  return x.map((v) => v / n);
}
function expectClose(got: ArrayLike<number>, want: readonly number[], digits = 5): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, digits);
}
const int64 = (rows: number[][]) => tensor('int64', BigInt64Array.from(rows.flat(), (v) => BigInt(v)), [rows.length, rows[0]!.length]);

const models: OnnxModel[] = [];
afterAll(async () => {
  for (const m of models) await m.dispose();
});

describe.each([
  ['onnxruntime-node', node],
  ['onnxruntime-web', web],
] as const)('OnnxModel on %s', (_label, ort) => {
  const open = async (model = encoderBytes) => {
    const m = await createOnnxModel({ ort, model, threads: 1, fileName: 'tiny-encoder.onnx' });
    models.push(m);
    return m;
  };

  it('reads named inputs and outputs from the session metadata', async () => {
    const m = await open();
    expect(m.inputNames).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(m.outputNames).toEqual(['last_hidden_state', 'logits']);
    expect(m.input('input_ids')).toMatchObject({ dtype: 'int64', shape: ['batch_size', 'sequence_length'] });
  });

  it('runs a batch of 3 (right padding, a pair row) and equals embedding lookup + mean pool + linear by hand', async () => {
    const m = await open();
    const ids = [
      [2, 4, 5, 6, 3, 0],
      [2, 9, 10, 3, 0, 0],
      [2, 4, 5, 3, 7, 3],
    ];
    const mask = [
      [1, 1, 1, 1, 1, 0],
      [1, 1, 1, 1, 0, 0],
      [1, 1, 1, 1, 1, 1],
    ];
    const types = [
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1, 1],
    ];
    const out = await m.run({ input_ids: int64(ids), attention_mask: int64(mask), token_type_ids: int64(types) });
    expect(out.last_hidden_state!.dims).toEqual([3, 6, H]);
    expect(out.logits!.dims).toEqual([3, C]);
    const states = out.last_hidden_state!.data as Float32Array;
    const logits = out.logits!.data as Float32Array;
    for (let b = 0; b < 3; b++) {
      const hidden = handHidden(weights, ids[b]!, types[b]!);
      expectClose(states.subarray(b * 6 * H, (b + 1) * 6 * H), hidden.flat());
      expectClose(logits.subarray(b * C, (b + 1) * C), handLogits(weights, handMean(hidden, mask[b]!)));
    }
    // The pooling helpers agree with the graph's own masked mean and with hand picks.
    const pooled = meanPool(out.last_hidden_state!, mask);
    for (let b = 0; b < 3; b++) expectClose(pooled.data.subarray(b * H, (b + 1) * H), handMean(handHidden(weights, ids[b]!, types[b]!), mask[b]!));
    const last = lastTokenPool(out.last_hidden_state!, mask);
    expectClose(last.data.subarray(H, 2 * H), handHidden(weights, ids[1]!, types[1]!)[3]!);
    const cls = clsPool(out.last_hidden_state!, mask);
    expectClose(cls.data.subarray(0, H), handHidden(weights, ids[0]!, types[0]!)[0]!);
  });

  it('fetches only the requested output and names unknown outputs and missing or extra inputs', async () => {
    const m = await open();
    const feeds = { input_ids: int64([[2, 4, 3]]), attention_mask: int64([[1, 1, 1]]), token_type_ids: int64([[0, 0, 0]]) };
    expect(Object.keys(await m.run(feeds, { outputs: ['logits'] }))).toEqual(['logits']);
    const unknown = await rejection(m.run(feeds, { outputs: ['pooler_output'] }));
    expect(unknown.code).toBe('UNKNOWN_OUTPUT');
    expect(unknown.details.tensor).toBe('pooler_output');
    const { attention_mask: _m, ...noMask } = feeds;
    const missing = await rejection(m.run(noMask));
    expect(missing.code).toBe('MISSING_FEEDS');
    expect(missing.details.tensor).toBe('attention_mask');
    expect(missing.message).toMatch(/tiny-encoder\.onnx: missing inputs attention_mask/);
    const extra = await rejection(m.run({ ...feeds, position_ids: int64([[0, 1, 2]]) }));
    expect(extra.details.tensor).toBe('position_ids');
    const dtype = await rejection(m.run({ ...feeds, input_ids: tensor('float32', Float32Array.of(2, 4, 3), [1, 3]) }));
    expect(dtype.code).toBe('DTYPE_MISMATCH');
    expect(dtype.details.tensor).toBe('input_ids');
    const rank = await rejection(m.run({ ...feeds, input_ids: tensor('int64', BigInt64Array.of(2n, 4n, 3n), [3]) }));
    expect(rank.code).toBe('SHAPE_MISMATCH');
    expect(rank.details.tensor).toBe('input_ids');
    // int32 ids are widened to the declared int64
    const widened = await m.run({ ...feeds, input_ids: tensor('int32', Int32Array.of(2, 4, 3), [1, 3]) }, { outputs: ['logits'] });
    expect(Array.from(widened.logits!.data as Float32Array)).toEqual(Array.from((await m.run(feeds, { outputs: ['logits'] })).logits!.data as Float32Array));
  });

  it('feedsFor maps a tokenizer batch (pairs, left padding) to the graph inputs', async () => {
    const m = await open();
    const batch = tokenizer.encodeBatch(['the cat', 'dog ran far'], { pairs: ['on the mat', 'the'], padSide: 'left' });
    const feeds = m.feedsFor(batch);
    expect(Object.keys(feeds).sort()).toEqual(['attention_mask', 'input_ids', 'token_type_ids']);
    expect(feeds.input_ids!.dims).toEqual([2, 8]);
    expect(Array.from(feeds.token_type_ids!.data as BigInt64Array, Number)).toEqual(batch.tokenTypeIds.flat());
    const out = await m.run(feeds);
    for (let b = 0; b < 2; b++) {
      const hidden = handHidden(weights, batch.inputIds[b]!, batch.tokenTypeIds[b]!);
      expectClose((out.logits!.data as Float32Array).subarray(b * C, (b + 1) * C), handLogits(weights, handMean(hidden, batch.attentionMask[b]!)));
    }
    const noTypes = buildTinyEncoder({ vocab: WORDS.length, hidden: H, classes: C, withTokenTypes: false });
    const plain = await open(noTypes.model);
    expect(Object.keys(plain.feedsFor(batch)).sort()).toEqual(['attention_mask', 'input_ids']);
  });

  it('classifyTexts: softmax of the logits by hand, batch size 2 over 5 texts with pairs, progress reported', async () => {
    const m = await open();
    const texts = ['the cat sat', 'dog', 'the dog ran far on the mat', 'cat on mat', 'far'];
    const pairs = ['mat', 'the cat', 'ran', 'dog dog', 'sat on'];
    const progress: number[] = [];
    const results = await classifyTexts(m, tokenizer, texts, { pairs, batchSize: 2, labels: ['a', 'b', 'c'], onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([2, 4, 5]);
    for (const [i, r] of results.entries()) {
      const single = tokenizer.encodeBatch([texts[i]!], { pairs: [pairs[i]!] });
      const want = handLogits(weights, handMean(handHidden(weights, single.inputIds[0]!, single.tokenTypeIds[0]!), single.attentionMask[0]!));
      expectClose(r.logits, want);
      expectClose(r.scores, handSoftmax(want));
      const best = want.indexOf(Math.max(...want));
      expect(r.label).toBe(best);
      expect(r.labelName).toBe(['a', 'b', 'c'][best]);
    }
    const picked = await classifyTexts(m, tokenizer, texts.slice(0, 2), { select: [2, 0], pairs: pairs.slice(0, 2) });
    for (const [i, r] of picked.entries()) {
      const all = results[i]!.logits;
      expectClose(r.logits, [all[2]!, all[0]!]);
      expectClose(r.scores, handSoftmax([all[2]!, all[0]!]));
    }
    expect((await rejection(classifyTexts(m, tokenizer, ['x'], { select: [3] }))).details.field).toBe('select');
    const sig = await classifyTexts(m, tokenizer, ['the cat'], { activation: 'sigmoid' });
    expectClose(sig[0]!.scores, Array.from(sig[0]!.logits, (v) => 1 / (1 + Math.exp(-v))));
  });

  it('embedTexts: mean pooling over the mask + L2 normalisation by hand; cls and last pooling', async () => {
    const m = await open();
    const texts = ['the cat sat on the mat', 'dog', 'ran far'];
    const embeddings = await embedTexts(m, tokenizer, texts, { batchSize: 3 });
    for (const [i, e] of embeddings.entries()) {
      const ids = tokenizer.encodeBatch([texts[i]!]).inputIds[0]!;
      const hidden = handHidden(weights, ids, ids.map(() => 0));
      expectClose(e, handNormalize(handMean(hidden, ids.map(() => 1))));
    }
    const last = await embedTexts(m, tokenizer, texts, { pooling: 'last', normalize: false, padSide: 'left' });
    const cls = await embedTexts(m, tokenizer, texts, { pooling: 'cls', normalize: false, padSide: 'left' });
    for (let i = 0; i < texts.length; i++) {
      expectClose(last[i]!, handHidden(weights, [3], [0])[0]!); // [SEP]
      expectClose(cls[i]!, handHidden(weights, [2], [0])[0]!); // [CLS]
    }
    const aborted = new AbortController();
    aborted.abort();
    expect((await rejection(embedTexts(m, tokenizer, texts, { signal: aborted.signal }))).code).toBe('ABORTED');
  });

  it('converts a float16 output to float32, and float32 feeds to a float16 input', async () => {
    const fp16 = buildTinyEncoder({ vocab: WORDS.length, hidden: H, classes: C, seed: 5, logitsDtype: 'float16' });
    const m = await open(fp16.model);
    const feeds = m.feedsFor(tokenizer.encodeBatch(['the cat', 'dog']));
    const out = await m.run(feeds);
    expect(out.logits!.dtype).toBe('float32');
    const ref = await (await open()).run(feeds);
    expectClose(out.logits!.data as Float32Array, Array.from(ref.logits!.data as Float32Array), 2);

    const g = new GraphBuilder('half');
    const x = g.input('x', OnnxDataType.FLOAT16, ['batch', 2]);
    g.output(g.op('Add', [x, x], {}, { outputs: ['y'] }), OnnxDataType.FLOAT16, ['batch', 2]);
    const half = await open(g.toModel());
    const y = await half.run({ x: tensor('float32', Float32Array.of(0.5, -1.25, 3, 0.125), [2, 2]) });
    expect(y.y!.dtype).toBe('float32');
    expect(Array.from(y.y!.data as Float32Array)).toEqual([1, -2.5, 6, 0.25]);
  });

  it('feedsFor gives int32 where the graph declares int32, position_ids from the mask, and extra feeds', async () => {
    const g = new GraphBuilder('int32');
    const ids = g.input('input_ids', OnnxDataType.INT32, ['batch', 'seq']);
    const pos = g.input('position_ids', OnnxDataType.INT64, ['batch', 'seq']);
    const scale = g.input('scale', OnnxDataType.FLOAT, [1]);
    const sum = g.op('Add', [g.op('Cast', [ids], { to: OnnxDataType.INT64 }), g.op('Mul', [pos, g.constInt64([1000], [])])]);
    g.output(g.op('Mul', [g.op('Cast', [sum], { to: OnnxDataType.FLOAT }), scale], {}, { outputs: ['y'] }), OnnxDataType.FLOAT, ['batch', 'seq']);
    const m = await open(g.toModel());
    const batch = tokenizer.encodeBatch(['the cat sat', 'dog'], { padSide: 'left' });
    expect((await rejection(async () => m.feedsFor(batch))).details.tensor).toBe('scale');
    const feeds = m.feedsFor(batch, { extra: { scale: tensor('float32', Float32Array.of(2), [1]) } });
    expect(feeds.input_ids!.dtype).toBe('int32');
    const y = Array.from((await m.run(feeds)).y!.data as Float32Array);
    // left padding: positions count real tokens from 0; pads get position 1 (HF convention)
    const positions = [
      [0, 1, 2, 3, 4],
      [1, 1, 0, 1, 2],
    ];
    expect(y).toEqual(batch.inputIds.flatMap((row, b) => row.map((id, t) => 2 * (id + 1000 * positions[b]![t]!))));
  });

  it('wraps an existing OnnxSession', async () => {
    const session = await OnnxSession.create(ort, encoderBytes, { fileName: 'shared.onnx' });
    const m = await createOnnxModel({ session });
    models.push(m);
    expect(m.session).toBe(session);
    expect(m.outputNames).toContain('logits');
  });
});

describe('pooling helpers', () => {
  const hidden = tensor('float32', Float32Array.from({ length: 2 * 3 * 2 }, (_, i) => i + 1), [2, 3, 2]);

  it('meanPool, clsPool and lastTokenPool honour left and right padding', () => {
    const mask = [
      [0, 1, 1],
      [1, 1, 0],
    ];
    expect(Array.from(meanPool(hidden, mask).data)).toEqual([(3 + 5) / 2, (4 + 6) / 2, (7 + 9) / 2, (8 + 10) / 2]);
    expect(Array.from(clsPool(hidden, mask).data)).toEqual([3, 4, 7, 8]);
    expect(Array.from(lastTokenPool(hidden, mask).data)).toEqual([5, 6, 9, 10]);
    expect(Array.from(clsPool(hidden).data)).toEqual([1, 2, 7, 8]);
    expect(Array.from(meanPool(hidden, [[0, 0, 0], [1, 1, 1]]).data.subarray(0, 2))).toEqual([0, 0]);
  });

  it('l2Normalize divides each row by its norm and keeps zero rows zero', () => {
    const x = tensor('float32', Float32Array.of(3, 4, 0, 0), [2, 2]);
    expect(Array.from(l2Normalize(x).data)).toEqual(Array.from(Float32Array.of(0.6, 0.8, 0, 0)));
  });

  it('names the mismatch when the mask does not fit', () => {
    expect(() => meanPool(hidden, [[1, 1]])).toThrowError(/not \[2, 3\]/);
    expect(() => lastTokenPool(hidden, [[0, 0, 0], [1, 1, 1]])).toThrowError(/row 0 of the attention mask has no token/);
    expect(() => meanPool(tensor('int64', new BigInt64Array(6), [1, 3, 2]), [[1, 1, 1]])).toThrowError(/expected dtype float32 \| float16 but got int64/);
    expect(() => meanPool(tensor('float32', new Float32Array(6), [3, 2]), [[1, 1, 1]])).toThrowError(/expected token states \[batch, length, hidden\]/);
  });
});
