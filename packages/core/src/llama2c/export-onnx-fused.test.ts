import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVLayer } from '../kv-cache/kv-cache.js';
import type { CausalLM } from '../model/causal-lm.js';
import { readOnnxModelInfo } from '../onnx/onnx-model-info.js';
import { createOnnxCausalLM } from '../onnx/onnx-causal-lm.js';
import type { OrtModule } from '../onnx/ort-module.js';
import { tensor } from '../tensor/create-tensor.js';
import { runStories260KOracle, STORIES260K_ORACLE_57 } from '../testing/stories260k-oracle.js';
import { catchError } from '../test-utils/expect-error.js';
import { createDriverSession, decoderStep, emptyDecoderState, maxAbsDiff, type DecoderState, type OrtFlavor } from '../test-utils/onnx-graph-driver.js';
import { haveReferenceModel, readCheckpoint, readTokenizerBytes, skipMessage } from '../test-utils/shared-models.js';
import { parseLlama2cCheckpoint } from './checkpoint.js';
import { exportLlama2cOnnx } from './export-onnx.js';
import { parseLlama2cTokenizer } from './llama2c-tokenizer.js';
import { Llama2cReferenceModel } from './reference-model.js';
import { buildSyntheticCheckpoint } from './synthetic-checkpoint.js';

const web = ortWeb as unknown as OrtModule;
web.env.wasm!.numThreads = 1;
web.env.wasm!.proxy = false;
const node = ortNode as unknown as OrtModule;

// head dim 8: GroupQueryAttention on the CPU needs a multiple of 8
const synthCfg = { dim: 32, hiddenDim: 40, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 11, seqLen: 32 };
const HD = 8;
const f32 = (t: { data: unknown }): Float32Array => t.data as Float32Array;

describe("exportLlama2cOnnx({ graph: 'fused' }) on synthetic checkpoints", () => {
  const ck = parseLlama2cCheckpoint(buildSyntheticCheckpoint(synthCfg, 11));

  it('keeps the plain export’s inputs and outputs, imports com.microsoft and uses the fused ops', () => {
    const plain = readOnnxModelInfo(exportLlama2cOnnx(ck).model);
    const exported = exportLlama2cOnnx(ck, { graph: 'fused' });
    const fused = readOnnxModelInfo(exported.model);
    expect({ inputs: fused.inputs, outputs: fused.outputs }).toEqual({ inputs: plain.inputs, outputs: plain.outputs });
    expect(fused.opsetImports).toEqual([{ domain: '', version: 17 }, { domain: 'com.microsoft', version: 1 }]);
    expect(fused.metadata['reasonkit.graph']).toBe('fused');
    expect((exported.config.reasonkit as { graph: string }).graph).toBe('fused');
    const bytes = Buffer.from(exported.model);
    for (const op of ['GroupQueryAttention', 'RotaryEmbedding', 'SkipSimplifiedLayerNormalization', 'SimplifiedLayerNormalization', 'QuickGelu']) {
      expect(bytes.includes(op), op).toBe(true); // op_type strings in the NodeProtos
    }
    expect(fused.nodeCount).toBeLessThan(plain.nodeCount / 2);
    // packed projections: one QKV and one gate/up weight per layer
    for (let l = 0; l < synthCfg.nLayers; l++) {
      expect(fused.initializerNames).toContain(`model.layers.${l}.self_attn.qkv_proj.weight_t`);
      expect(fused.initializerNames).toContain(`model.layers.${l}.mlp.gate_up_proj.weight_t`);
    }
  });

  it('refuses a head dim that is not a multiple of 8 (GroupQueryAttention), naming the plain graph', () => {
    const odd = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...synthCfg, dim: 16 }, 3));
    const e = catchError(() => exportLlama2cOnnx(odd, { graph: 'fused' }));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toContain("head dim 4 is not a multiple of 8");
    expect(e.message).toContain("graph: 'plain'");
  });

  it('refuses expose* outputs, which need the plain graph', () => {
    for (const field of ['exposeHiddenStates', 'exposeQueries', 'exposeAttentions'] as const) {
      const e = catchError(() => exportLlama2cOnnx(ck, { graph: 'fused', [field]: true }));
      expect(e.code).toBe('INVALID_ARGUMENT');
      expect(e.message).toContain(`options.${field} needs graph: 'plain'`);
    }
  });

  for (const flavor of ['node', 'web'] as OrtFlavor[]) {
    for (const [nKvHeads, sharedClassifier] of [[2, true], [4, false], [1, true]] as const) {
      it(`matches the TS reference on ORT-${flavor} (prefill, a cached chunk, token by token, present = reference cache; ${nKvHeads} KV heads, ${sharedClassifier ? 'shared' : 'separate'} classifier)`, async () => {
        const c = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...synthCfg, nKvHeads, sharedClassifier }, 5));
        const ref = new Llama2cReferenceModel(c);
        const session = await createDriverSession(flavor, exportLlama2cOnnx(c, { graph: 'fused' }).model);
        try {
          const ids = [1, 4, 9, 2, 7, 7, 3, 10, 0, 5];
          const refFull = ref.forwardSync({ inputIds: ids });
          const full = await decoderStep(session, emptyDecoderState(2, nKvHeads, HD), ids);
          expect(maxAbsDiff(full.outputs.logits!.data, refFull.logits.data)).toBeLessThan(1e-4);
          // a prompt of 4, then a chunk of 3 over the cache, then one token at a time
          const pre = await decoderStep(session, emptyDecoderState(2, nKvHeads, HD), ids.slice(0, 4));
          const chunk = await decoderStep(session, pre.state, ids.slice(4, 7));
          const refPre = ref.forwardSync({ inputIds: ids.slice(0, 4) });
          const refChunk = ref.forwardSync({ inputIds: ids.slice(4, 7), cache: refPre.cache });
          expect(maxAbsDiff(chunk.outputs.logits!.data, refChunk.logits.data)).toBeLessThan(1e-4);
          let state = chunk.state;
          let cache = refChunk.cache;
          for (const id of ids.slice(7)) {
            const r = await decoderStep(session, state, [id]);
            const rr = ref.forwardSync({ inputIds: [id], cache });
            expect(maxAbsDiff(r.outputs.logits!.data, rr.logits.data)).toBeLessThan(1e-4);
            state = r.state;
            cache = rr.cache;
          }
          for (const [l, layer] of cache.layers().entries()) {
            expect(maxAbsDiff(state.past[`past_key_values.${l}.key`]!.data, f32(layer.key)), `layer ${l} key`).toBeLessThan(1e-4);
            expect(maxAbsDiff(state.past[`past_key_values.${l}.value`]!.data, f32(layer.value)), `layer ${l} value`).toBeLessThan(1e-4);
          }
        } finally {
          await session.release();
        }
      });
    }
  }

  it('honours explicit position_ids after eviction (RoPE by position, attention by cache order), on ORT-node', async () => {
    const ref = new Llama2cReferenceModel(ck);
    const session = await createDriverSession('node', exportLlama2cOnnx(ck, { graph: 'fused' }).model);
    try {
      const prefill = ref.forwardSync({ inputIds: [1, 4, 9, 2, 7] });
      const keep = [0, 2, 4];
      const layers: KVLayer[] = prefill.cache.layers().map((layer) => {
        const pick = (t: { data: unknown; dims: readonly number[] }): Float32Array => {
          const [, h, T, d] = t.dims as [number, number, number, number];
          const out = new Float32Array(h * keep.length * d);
          for (let g = 0; g < h; g++) for (const [k, j] of keep.entries()) out.set(f32(t).subarray((g * T + j) * d, (g * T + j + 1) * d), (g * keep.length + k) * d);
          return out;
        };
        return { key: tensor('float32', pick(layer.key), [1, 2, 3, HD]), value: tensor('float32', pick(layer.value), [1, 2, 3, HD]) };
      });
      const evicted = DenseKVCache.from(layers, Int32Array.from(keep), 5);
      const rr = ref.forwardSync({ inputIds: [3, 8], cache: evicted, positionIds: [5, 6] });
      const state: DecoderState = { past: {}, mask: [1, 1, 1], nextPosition: 5 };
      for (const [l, layer] of layers.entries()) {
        state.past[`past_key_values.${l}.key`] = { data: f32(layer.key), dims: [1, 2, 3, HD] };
        state.past[`past_key_values.${l}.value`] = { data: f32(layer.value), dims: [1, 2, 3, HD] };
      }
      const r = await decoderStep(session, state, [3, 8], [5, 6]);
      expect(maxAbsDiff(r.outputs.logits!.data, rr.logits.data)).toBeLessThan(1e-4);
      // positions matter: the same cache fed at positions 3, 4 gives other logits
      const shifted = await decoderStep(session, state, [3, 8], [3, 4]);
      expect(maxAbsDiff(shifted.outputs.logits!.data, rr.logits.data)).toBeGreaterThan(1e-4);
    } finally {
      await session.release();
    }
  });
});

describe.skipIf(!haveReferenceModel)(`stories260K oracle with the fused and the plain export${haveReferenceModel ? '' : ` — ${skipMessage}`}`, () => {
  const ck = haveReferenceModel ? parseLlama2cCheckpoint(readCheckpoint()) : undefined;
  const tok = haveReferenceModel ? parseLlama2cTokenizer(readTokenizerBytes(), 512) : undefined;
  const lms: CausalLM[] = [];
  afterAll(async () => {
    for (const lm of lms) await lm.dispose();
  });

  it('generate() reproduces the 57-token oracle token for token on ORT-node, ORT-web and the TS reference, with both graphs', async () => {
    const reference = await runStories260KOracle(new Llama2cReferenceModel(ck!), tok!);
    expect(reference.text).toBe(STORIES260K_ORACLE_57);
    for (const graph of ['fused', 'plain'] as const) {
      const exported = exportLlama2cOnnx(ck!, { graph });
      for (const [name, ort] of [['node', node], ['web', web]] as const) {
        const lm = await createOnnxCausalLM({ ort, model: exported.model, config: exported.config, threads: 1 });
        lms.push(lm);
        const r = await runStories260KOracle(lm, tok!);
        expect(r.text, `${graph} on ${name}`).toBe(STORIES260K_ORACLE_57);
        expect(r.ids, `${graph} on ${name}`).toEqual(reference.ids);
      }
    }
  });
});
