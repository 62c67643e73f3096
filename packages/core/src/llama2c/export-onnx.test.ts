import { describe, expect, it } from 'vitest';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVLayer } from '../kv-cache/kv-cache.js';
import { exposeOutputs } from '../onnx/expose-outputs.js';
import { listValueNames, readOnnxModelInfo } from '../onnx/onnx-model-info.js';
import { tensor } from '../tensor/create-tensor.js';
import { ORACLE_57, haveReferenceModel, readCheckpoint, skipMessage } from '../test-utils/shared-models.js';
import {
  argmax,
  createDriverSession,
  decoderStep,
  emptyDecoderState,
  logitsRow,
  maxAbsDiff,
  type DecoderState,
  type DriverSession,
  type PlainTensor,
} from '../test-utils/onnx-graph-driver.js';
import type { Llama2cCheckpoint } from './checkpoint-types.js';
import { parseLlama2cCheckpoint } from './checkpoint.js';
import { exportLlama2cOnnx, llama2cRopeTables } from './export-onnx.js';
import { Llama2cReferenceModel } from './reference-model.js';
import { buildSyntheticCheckpoint } from './synthetic-checkpoint.js';

const ALL_OUTPUTS = { exposeHiddenStates: true, exposeQueries: true, exposeAttentions: true };
const synthCfg = { dim: 16, hiddenDim: 24, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 11, seqLen: 32 };

/** The §5.2 contract table for a checkpoint, as `readOnnxModelInfo` reports it. */
function contract(ck: Llama2cCheckpoint, extras: boolean): { inputs: unknown[]; outputs: unknown[] } {
  const { nLayers: L, nKvHeads: kvH, dim, nHeads, vocabSize } = ck.config;
  const hd = dim / nHeads;
  const cache = ['batch_size', kvH, 'past_sequence_length', hd];
  const present = ['batch_size', kvH, 'total_sequence_length', hd];
  const inputs: unknown[] = [
    { name: 'input_ids', elemType: 'int64', dims: ['batch_size', 'sequence_length'] },
    { name: 'attention_mask', elemType: 'int64', dims: ['batch_size', 'total_sequence_length'] },
    { name: 'position_ids', elemType: 'int64', dims: ['batch_size', 'sequence_length'] },
  ];
  const outputs: unknown[] = [{ name: 'logits', elemType: 'float32', dims: ['batch_size', 'sequence_length', vocabSize] }];
  for (let l = 0; l < L; l++) {
    for (const kind of ['key', 'value']) {
      inputs.push({ name: `past_key_values.${l}.${kind}`, elemType: 'float32', dims: cache });
      outputs.push({ name: `present.${l}.${kind}`, elemType: 'float32', dims: present });
    }
  }
  if (extras) {
    for (let l = 0; l <= L; l++) outputs.push({ name: `hidden_states.${l}`, elemType: 'float32', dims: ['batch_size', 'sequence_length', dim] });
    for (let l = 0; l < L; l++) outputs.push({ name: `queries.${l}`, elemType: 'float32', dims: ['batch_size', nHeads, 'sequence_length', hd] });
    for (let l = 0; l < L; l++) {
      outputs.push({ name: `attentions.${l}`, elemType: 'float32', dims: ['batch_size', nHeads, 'sequence_length', 'total_sequence_length'] });
    }
  }
  return { inputs, outputs };
}

const f32 = (t: { data: unknown }): Float32Array => t.data as Float32Array;

/** Compares ORT outputs of one step with the reference's, for logits and every extra output. */
function expectClose(ort: Record<string, PlainTensor>, ref: { logits: { data: Float32Array; dims: readonly number[] }; extra: Record<string, { data: unknown; dims: readonly number[] }> }, tol: number): void {
  expect(ort.logits!.dims).toEqual([...ref.logits.dims]);
  expect(maxAbsDiff(ort.logits!.data, ref.logits.data)).toBeLessThan(tol);
  for (const [name, t] of Object.entries(ref.extra)) {
    expect(ort[name]?.dims, name).toEqual([...t.dims]);
    expect(maxAbsDiff(ort[name]!.data, f32(t)), name).toBeLessThan(tol);
  }
}

/**
 * Checks attention weights `[1, H, n, T]` of `n` new tokens after `T − n` cached ones: every row
 * sums to 1 (within 1e-5) and is exactly 0 beyond its causal limit `T − n + i`.
 */
function expectAttentionRows(t: { data: unknown; dims: readonly number[] }, n: number, T: number, name: string): void {
  const [, H] = t.dims as [number, number];
  expect(t.dims, name).toEqual([1, H, n, T]);
  const d = f32(t);
  for (let h = 0; h < H; h++) {
    for (let i = 0; i < n; i++) {
      const row = d.subarray((h * n + i) * T, (h * n + i + 1) * T);
      let sum = 0;
      for (const v of row) sum += v;
      expect(Math.abs(sum - 1), `${name} head ${h} row ${i} sums to ${sum}`).toBeLessThan(1e-5);
      expect([...row.subarray(T - n + i + 1)].every((v) => v === 0), `${name} head ${h} row ${i} attends a future key`).toBe(true);
    }
  }
}

describe('exportLlama2cOnnx on a synthetic checkpoint', () => {
  const ck = parseLlama2cCheckpoint(buildSyntheticCheckpoint(synthCfg, 11));

  it('declares exactly the §5.2 contract, read back from the ONNX graph (issue item 5)', () => {
    const plain = readOnnxModelInfo(exportLlama2cOnnx(ck).model);
    expect(plain.opsetImports).toEqual([{ domain: '', version: 17 }]);
    expect(plain.irVersion).toBe(8);
    expect({ inputs: plain.inputs, outputs: plain.outputs }).toEqual(contract(ck, false));
    const full = readOnnxModelInfo(exportLlama2cOnnx(ck, ALL_OUTPUTS).model);
    expect({ inputs: full.inputs, outputs: full.outputs }).toEqual(contract(ck, true));
    expect(full.metadata['reasonkit.rope']).toBe('interleaved');
  });

  it('gives an HF llama config and generation config', () => {
    const { config, generationConfig } = exportLlama2cOnnx(ck);
    expect(config).toMatchObject({
      architectures: ['LlamaForCausalLM'],
      model_type: 'llama',
      hidden_size: 16,
      intermediate_size: 24,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      head_dim: 4,
      vocab_size: 11,
      max_position_embeddings: 32,
      rms_norm_eps: 1e-5,
      rope_theta: 10000,
      bos_token_id: 1,
      eos_token_id: [1, 2],
      tie_word_embeddings: true,
      torch_dtype: 'float32',
      reasonkit: { rope: { convention: 'interleaved' } },
    });
    expect(generationConfig).toMatchObject({ bos_token_id: 1, eos_token_id: [1, 2] });
    expect(() => exportLlama2cOnnx(ck, { exposeQueries: 'yes' as unknown as boolean })).toThrow(/options\.exposeQueries/);
  });

  it('computes RoPE tables by the formula, equal to the checkpoint legacy freq_cis within 1e-6', () => {
    const { cos, sin } = llama2cRopeTables(32, 4);
    expect(maxAbsDiff(cos, ck.weights.freqCisReal)).toBeLessThan(1e-6);
    expect(maxAbsDiff(sin, ck.weights.freqCisImag)).toBeLessThan(1e-6);
  });

  it('names intermediates readably for listValueNames', () => {
    const names = listValueNames(exportLlama2cOnnx(ck).model);
    for (const n of ['/model/layers.1/attn/q_rope', '/model/layers.1/attn/k_rope', '/model/layers.0/attn_residual', '/model/layers.0/output_0', '/model/norm/output_0', '/model/layers.1/mlp/act']) {
      expect(names).toContain(n);
    }
  });

  for (const sharedClassifier of [true, false]) {
    it(`matches the TS reference (prefill, token by token, hidden states, queries; ${sharedClassifier ? 'shared' : 'separate'} classifier) on ORT-node`, async () => {
      const c = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...synthCfg, sharedClassifier }, 5));
      const ref = new Llama2cReferenceModel(c);
      const session = await createDriverSession('node', exportLlama2cOnnx(c, ALL_OUTPUTS).model);
      try {
        const ids = [1, 4, 9, 2, 7, 7, 3, 10, 0, 5];
        const all = ref.extraOutputs;
        const refFull = ref.forwardSync({ inputIds: ids, outputs: all });
        const full = await decoderStep(session, emptyDecoderState(2, 2, 4), ids);
        expectClose(full.outputs, refFull, 1e-4);
        let state = emptyDecoderState(2, 2, 4);
        let cache = ref.createCache();
        for (const id of ids) {
          const r = await decoderStep(session, state, [id]);
          const rr = ref.forwardSync({ inputIds: [id], cache, outputs: all });
          expectClose(r.outputs, rr, 1e-4);
          state = r.state;
          cache = rr.cache;
        }
        // present.* is exactly the reference cache (post-RoPE keys, interleaved channels)
        for (const [l, layer] of cache.layers().entries()) {
          expect(maxAbsDiff(state.past[`past_key_values.${l}.key`]!.data, f32(layer.key))).toBeLessThan(1e-4);
          expect(maxAbsDiff(state.past[`past_key_values.${l}.value`]!.data, f32(layer.value))).toBeLessThan(1e-4);
        }
      } finally {
        await session.release();
      }
    });
  }

  for (const nKvHeads of [2, 4]) {
    it(`exposeAttentions: weights equal the reference after a cached step, and a masked key gets weight 0 (ORT-node, ${nKvHeads} KV heads)`, async () => {
      const ck = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...synthCfg, nKvHeads }, 11));
      const ref = new Llama2cReferenceModel(ck);
      const names = ['attentions.0', 'attentions.1'];
      const session = await createDriverSession('node', exportLlama2cOnnx(ck, { exposeAttentions: true }).model);
      try {
        const info = readOnnxModelInfo(exportLlama2cOnnx(ck, { exposeAttentions: true }).model);
        expect(info.outputs.map((o) => o.name).slice(5)).toEqual(names);
        const pre = ref.forwardSync({ inputIds: [1, 4, 9, 2], outputs: names });
        const step = ref.forwardSync({ inputIds: [7, 3, 10], cache: pre.cache, outputs: names });
        const a = await decoderStep(session, emptyDecoderState(2, nKvHeads, 4), [1, 4, 9, 2]);
        const b = await decoderStep(session, a.state, [7, 3, 10]);
        for (const name of names) {
          expectAttentionRows(b.outputs[name]!, 3, 7, name);
          expect(maxAbsDiff(a.outputs[name]!.data, f32(pre.extra[name]!)), name).toBeLessThan(1e-5);
          expect(maxAbsDiff(b.outputs[name]!.data, f32(step.extra[name]!)), name).toBeLessThan(1e-5);
        }
        // attention_mask 0 on cached key 1: its column is 0 and the rest renormalises
        const masked = await decoderStep(session, { ...a.state, mask: [1, 0, 1, 1] }, [7, 3, 10]);
        const w = masked.outputs['attentions.1']!;
        for (let r = 0; r < 4 * 3; r++) expect(w.data[r * 7 + 1]).toBe(0);
        expect(maxAbsDiff(w.data, b.outputs['attentions.1']!.data)).toBeGreaterThan(1e-3);
      } finally {
        await session.release();
      }
    });
  }

  it('follows cache order, not positions, after eviction with explicit position_ids', async () => {
    const ref = new Llama2cReferenceModel(ck);
    const session = await createDriverSession('node', exportLlama2cOnnx(ck).model);
    try {
      const prefill = ref.forwardSync({ inputIds: [1, 4, 9, 2, 7] });
      // keep cache entries 0, 2, 4 (absolute positions 0, 2, 4), then feed two tokens at positions 5, 6
      const keep = [0, 2, 4];
      const layers: KVLayer[] = prefill.cache.layers().map((layer) => {
        const pick = (t: { data: unknown; dims: readonly number[] }): Float32Array => {
          const [, h, T, d] = t.dims as [number, number, number, number];
          const out = new Float32Array(h * keep.length * d);
          for (let g = 0; g < h; g++) for (const [k, j] of keep.entries()) out.set(f32(t).subarray((g * T + j) * d, (g * T + j + 1) * d), (g * keep.length + k) * d);
          return out;
        };
        return { key: tensor('float32', pick(layer.key), [1, 2, 3, 4]), value: tensor('float32', pick(layer.value), [1, 2, 3, 4]) };
      });
      const evicted = DenseKVCache.from(layers, Int32Array.from(keep), 5);
      const rr = ref.forwardSync({ inputIds: [3, 8], cache: evicted, positionIds: [5, 6] });
      const state: DecoderState = { past: {}, mask: [1, 1, 1], nextPosition: 5 };
      for (const [l, layer] of layers.entries()) {
        state.past[`past_key_values.${l}.key`] = { data: f32(layer.key), dims: [1, 2, 3, 4] };
        state.past[`past_key_values.${l}.value`] = { data: f32(layer.value), dims: [1, 2, 3, 4] };
      }
      const r = await decoderStep(session, state, [3, 8], [5, 6]);
      expect(maxAbsDiff(r.outputs.logits!.data, rr.logits.data)).toBeLessThan(1e-4);
      // a zero in attention_mask hides that cache entry: equal to dropping it
      const masked = await decoderStep(session, { ...state, mask: [1, 0, 1] }, [3, 8], [5, 6]);
      const dropped: DecoderState = { past: {}, mask: [1, 1], nextPosition: 5 };
      for (const [name, t] of Object.entries(state.past)) {
        const d = new Float32Array(2 * 2 * 4);
        for (let g = 0; g < 2; g++) for (const [k, j] of [0, 2].entries()) d.set(t.data.subarray((g * 3 + j) * 4, (g * 3 + j + 1) * 4), (g * 2 + k) * 4);
        dropped.past[name] = { data: d, dims: [1, 2, 2, 4] };
      }
      const viaDrop = await decoderStep(session, dropped, [3, 8], [5, 6]);
      expect(maxAbsDiff(masked.outputs.logits!.data, viaDrop.outputs.logits!.data)).toBeLessThan(1e-5);
      expect(maxAbsDiff(masked.outputs.logits!.data, r.outputs.logits!.data)).toBeGreaterThan(1e-4);
    } finally {
      await session.release();
    }
  });
});

describe.skipIf(!haveReferenceModel)(`exportLlama2cOnnx on stories260K (spec §9.6, target 19)${haveReferenceModel ? '' : ` — ${skipMessage}`}`, () => {
  const ck = haveReferenceModel ? parseLlama2cCheckpoint(readCheckpoint()) : undefined;
  const ORACLE_12 = [432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338];
  const PROMPT = [1, 403, 407, 261, 378];

  it('declares past [batch_size, 4, past_sequence_length, 8] and the full §5.2 table', () => {
    const info = readOnnxModelInfo(exportLlama2cOnnx(ck!, ALL_OUTPUTS).model);
    expect({ inputs: info.inputs, outputs: info.outputs }).toEqual(contract(ck!, true));
    expect(info.inputs[3]).toEqual({ name: 'past_key_values.0.key', elemType: 'float32', dims: ['batch_size', 4, 'past_sequence_length', 8] });
    expect(ORACLE_57.startsWith('Once upon a time,')).toBe(true);
  });

  it('matches the TS reference to 1e-4 over a 64-token prompt, as one prefill and token by token, with hidden states and queries', async () => {
    const ref = new Llama2cReferenceModel(ck!);
    // a 64-token prompt: the oracle prompt continued greedily by the reference
    const ids = [...PROMPT];
    let cache = ref.createCache();
    let out = ref.forwardSync({ inputIds: ids, cache });
    while (ids.length < 64) {
      ids.push(argmax(out.logits.data.subarray((out.logits.dims[1]! - 1) * 512)));
      cache = out.cache;
      out = ref.forwardSync({ inputIds: [ids.at(-1)!], cache });
    }
    const session = await createDriverSession('node', exportLlama2cOnnx(ck!, ALL_OUTPUTS).model);
    try {
      const refFull = ref.forwardSync({ inputIds: ids, outputs: ref.extraOutputs });
      const full = await decoderStep(session, emptyDecoderState(5, 4, 8), ids);
      expectClose(full.outputs, refFull, 1e-4);
      let state = emptyDecoderState(5, 4, 8);
      let rcache = ref.createCache();
      for (const [i, id] of ids.entries()) {
        const r = await decoderStep(session, state, [id]);
        const rr = ref.forwardSync({ inputIds: [id], cache: rcache, outputs: i % 8 === 0 ? ref.extraOutputs : [] });
        expectClose(r.outputs, rr, 1e-4);
        state = r.state;
        rcache = rr.cache;
      }
    } finally {
      await session.release();
    }
  });

  it('attentions.{l} on ORT-node and ORT-web equal the reference model to 1e-5 (prefill and a cached step), rows sum to 1', async () => {
    const model = exportLlama2cOnnx(ck!, { exposeAttentions: true }).model;
    const ref = new Llama2cReferenceModel(ck!);
    const names = Array.from({ length: 5 }, (_, l) => `attentions.${l}`);
    const pre = ref.forwardSync({ inputIds: PROMPT, outputs: names });
    const step = ref.forwardSync({ inputIds: [432, 383], cache: pre.cache, outputs: names });
    for (const name of names) {
      expectAttentionRows(pre.extra[name]!, 5, 5, `reference ${name}`);
      expectAttentionRows(step.extra[name]!, 2, 7, `reference ${name}`);
    }
    for (const flavor of ['node', 'web'] as const) {
      const session = await createDriverSession(flavor, model);
      try {
        const a = await decoderStep(session, emptyDecoderState(5, 4, 8), PROMPT);
        const b = await decoderStep(session, a.state, [432, 383]);
        for (const name of names) {
          expectAttentionRows(a.outputs[name]!, 5, 5, `${flavor} ${name}`);
          expectAttentionRows(b.outputs[name]!, 2, 7, `${flavor} ${name}`);
          expect(maxAbsDiff(a.outputs[name]!.data, f32(pre.extra[name]!)), `${flavor} ${name}`).toBeLessThan(1e-5);
          expect(maxAbsDiff(b.outputs[name]!.data, f32(step.extra[name]!)), `${flavor} ${name}`).toBeLessThan(1e-5);
        }
        // the plain outputs are unchanged by the extra output
        expect(argmax(logitsRow(a.outputs.logits!, 4))).toBe(ORACLE_12[0]);
      } finally {
        await session.release();
      }
    }
  });

  async function greedy(session: DriverSession, steps: number): Promise<{ ids: number[]; firstLogits: Float32Array }> {
    let r = await decoderStep(session, emptyDecoderState(5, 4, 8), PROMPT);
    const firstLogits = new Float32Array(logitsRow(r.outputs.logits!, PROMPT.length - 1));
    const ids: number[] = [];
    for (let s = 0; s < steps; s++) {
      const row = logitsRow(r.outputs.logits!, r.outputs.logits!.dims[1]! - 1);
      ids.push(argmax(row));
      r = await decoderStep(session, r.state, [ids.at(-1)!]);
    }
    return { ids, firstLogits };
  }

  it('reproduces the first 12 oracle ids greedily on ORT-node and ORT-web (1 thread), logits within 1e-4', async () => {
    const model = exportLlama2cOnnx(ck!).model;
    const node = await createDriverSession('node', model);
    const web = await createDriverSession('web', model);
    try {
      const a = await greedy(node, 12);
      const b = await greedy(web, 12);
      expect(a.ids).toEqual(ORACLE_12);
      expect(b.ids).toEqual(ORACLE_12);
      expect(maxAbsDiff(a.firstLogits, b.firstLogits)).toBeLessThan(1e-4);
      // golden logits at position 4 (spec §9.5, tolerance 1e-3)
      expect(a.firstLogits[432]).toBeCloseTo(17.7994, 3);
      expect(a.firstLogits[383]).toBeCloseTo(14.2813, 3);
    } finally {
      await node.release();
      await web.release();
    }
  });

  it('exposeOutputs on the plain export returns the residual stream after layer 3, equal to the reference', async () => {
    const model = exposeOutputs(exportLlama2cOnnx(ck!).model, ['/model/layers.2/output_0', '/model/layers.4/attn/q_rope']);
    const session = await createDriverSession('node', model);
    try {
      const r = await decoderStep(session, emptyDecoderState(5, 4, 8), PROMPT);
      const rr = new Llama2cReferenceModel(ck!).forwardSync({ inputIds: PROMPT, outputs: ['hidden_states.3', 'queries.4'] });
      expect(maxAbsDiff(r.outputs['/model/layers.2/output_0']!.data, f32(rr.extra['hidden_states.3']!))).toBeLessThan(1e-4);
      expect(maxAbsDiff(r.outputs['/model/layers.4/attn/q_rope']!.data, f32(rr.extra['queries.4']!))).toBeLessThan(1e-4);
    } finally {
      await session.release();
    }
  });
});
