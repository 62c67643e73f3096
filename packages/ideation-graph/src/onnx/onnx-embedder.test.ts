import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyEncoder, tinyWordLevelTokenizerJson } from '@reasonkit/core/testing';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';
import { GraphologyGraphStore } from '../store/graphology-store.js';
import { openOnnxEmbedder, type OnnxEmbedder } from './index.js';

// T8 (ONNX half): a tiny sentence encoder built in TypeScript (core's buildTinyEncoder: last_hidden_state =
// embed[id] + types[type]), written to a local directory with a WordLevel tokenizer.json, opened through
// core's loadTokenizer + loadOnnxModel on a real onnxruntime-node session. Nothing is downloaded.
const WORDS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'graph', 'neural', 'networks', 'oversmoothing', 'deep', 'message', 'passing'];
const H = 6;
const { model, weights } = buildTinyEncoder({ vocab: WORDS.length, hidden: H, classes: 2, seed: 9 });
const tokenizerJson = tinyWordLevelTokenizerJson(WORDS, { lowercase: true });

/** Hand computation in float64: mean over the real tokens of embed[id] + types[0], then L2. */
function hand(words: string[]): number[] {
  const ids = [2, ...words.map((w) => WORDS.indexOf(w)), 3];
  const mean = Array.from({ length: H }, (_, h) => ids.reduce((s, id) => s + (weights.embed[id * H + h] as number) + (weights.types[h] as number), 0) / ids.length);
  const norm = Math.sqrt(mean.reduce((s, v) => s + v * v, 0));
  return mean.map((v) => v / norm);
}

let dir: string;
let embedder: OnnxEmbedder;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ig-onnx-'));
  await mkdir(join(dir, 'onnx'));
  await writeFile(join(dir, 'onnx', 'model.onnx'), model);
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson));
  await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify({ pad_token: '[PAD]' }));
  embedder = await openOnnxEmbedder(dir, { modelId: 'tiny-encoder-test', dim: H, threads: 1 });
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('OnnxEmbedder through core (onnxruntime-node)', () => {
  it('masked mean pooling + L2 matches a hand computation to 1e-6, padding in a shared batch ignored', async () => {
    const texts = ['Graph neural networks', 'oversmoothing', 'deep message passing graph neural networks'];
    const got = await embedder.embed(texts);
    const want = [hand(['graph', 'neural', 'networks']), hand(['oversmoothing']), hand(['deep', 'message', 'passing', 'graph', 'neural', 'networks'])];
    got.forEach((v, i) => {
      expect(v.length).toBe(H);
      (want[i] as number[]).forEach((w, h) => expect(Math.abs((v[h] as number) - w)).toBeLessThan(1e-6));
    });
    // Alone (no padding) gives the same vector as inside the padded batch.
    const alone = await embedder.embed(['oversmoothing']);
    Array.from(alone[0] as Float32Array).forEach((x, h) => expect(Math.abs(x - (got[1]?.[h] as number))).toBeLessThan(1e-6));
  });

  it('truncates at maxLength tokens (special tokens included)', async () => {
    const short = await openOnnxEmbedder(dir, { modelId: 'tiny', dim: H, maxLength: 3, threads: 1 });
    const [v] = await short.embed(['graph neural networks']);
    // HF truncation leaves room for the special tokens: [CLS] graph [SEP] (3 tokens), not [CLS] graph neural.
    const close = (w: number[]) => w.every((x, h) => Math.abs(x - (v?.[h] as number)) < 1e-6);
    expect(close(hand(['graph']))).toBe(true);
    expect(close(hand(['graph', 'neural', 'networks']))).toBe(false);
  });

  it('locks a store to its modelId and dim; empty text throws EMBEDDING_INPUT; a wrong dim EMBEDDING_MISMATCH', async () => {
    const store = new GraphologyGraphStore();
    await store.lockEmbedding(embedder.modelId, embedder.dim);
    const [v] = await embedder.embed(['graph neural networks']);
    await store.upsertNode({ kind: 'problem', name: 'Graph neural networks', description: 'graph neural networks', embedding: v });
    const hit = await store.search({ vector: (await embedder.embed(['graph neural networks']))[0] as Float32Array, k: 1 });
    expect(hit[0]?.score).toBeCloseTo(1, 6);
    await expect(store.lockEmbedding('another-model', H)).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'EMBEDDING_MISMATCH'));
    await expect(embedder.embed(['ok', '  '])).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'EMBEDDING_INPUT'));
    const wrong = await openOnnxEmbedder(dir, { modelId: 'tiny', dim: 384, threads: 1 });
    await expect(wrong.embed(['graph'])).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'EMBEDDING_MISMATCH'));
  });

  it('a missing directory throws core FILE_NOT_FOUND (nothing is downloaded)', async () => {
    await expect(openOnnxEmbedder(join(dir, 'nope'), { modelId: 'x', dim: H })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});

// Opt-in parity (spec T8): a local all-MiniLM-L6-v2 export (tokenizer.json + onnx/model.onnx) and reference vectors
// computed with sentence-transformers, stored beside it as reference.json {texts: string[], vectors: number[][]}.
// Skipped unless IDEATION_GRAPH_MINILM_DIR is set (no weights ship with the project; nothing is downloaded).
const minilm = process.env.IDEATION_GRAPH_MINILM_DIR;
describe.skipIf(!minilm)('OnnxEmbedder parity with sentence-transformers (IDEATION_GRAPH_MINILM_DIR)', () => {
  it('cosine ≥ 0.999 to every stored reference vector', async () => {
    const { readFile } = await import('node:fs/promises');
    const ref = JSON.parse(await readFile(join(minilm as string, 'reference.json'), 'utf8')) as { texts: string[]; vectors: number[][] };
    const e = await openOnnxEmbedder(minilm as string, { modelId: 'sentence-transformers/all-MiniLM-L6-v2', dim: 384, threads: 1 });
    const got = await e.embed(ref.texts);
    got.forEach((v, i) => {
      const r = ref.vectors[i] as number[];
      const n = Math.sqrt(r.reduce((s, x) => s + x * x, 0));
      expect(r.reduce((s, x, j) => s + (x / n) * (v[j] as number), 0)).toBeGreaterThanOrEqual(0.999);
    });
  }, 120_000);
});
