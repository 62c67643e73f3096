import { ReasonkitError } from '../errors/reasonkit-error.js';
import { readOnnxInitializers } from '../onnx/onnx-initializers.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Llama2cCheckpoint, Llama2cConfig } from './checkpoint-types.js';
import { llama2cRopeTables } from './export-onnx.js';

/**
 * Recovers the llama2.c checkpoint from a model exported by `exportLlama2cOnnx` (its initializer
 * names and transposed `[in, out]` weights; plain or fused graph, whose packed QKV and gate/up
 * weights are split back), so the pure-TypeScript reference can run any such
 * model directory (`reasonkit generate --runtime reference`). `config` is the directory's
 * `config.json`. RoPE tables are recomputed from the formula (llama2.c stores them, run.c ignores
 * them). Throws `ONNX_INVALID` naming the first missing or mis-shaped initializer, or saying that
 * a quantized export (`weightBits` in `config.json`) has no float32 weights to recover.
 */
export function llama2cCheckpointFromOnnx(model: Uint8Array, config: Record<string, unknown>, source = 'onnx/model.onnx'): Llama2cCheckpoint {
  const weightBits = (config.reasonkit as { weightBits?: unknown } | undefined)?.weightBits;
  if (weightBits !== undefined) {
    throw new ReasonkitError(
      'ONNX_INVALID',
      `${source}: this export has ${String(weightBits)}-bit quantized weights (reasonkit convert --int${String(weightBits)}); the TypeScript reference needs float32 weights: run it on ONNX Runtime (node or web) or convert again without --int8/--int4`,
      { file: source, field: 'reasonkit.weightBits', actual: weightBits },
    );
  }
  const num = (field: string): number => {
    const v = config[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new ReasonkitError('CONFIG_INVALID', `config.json: ${field} must be a positive integer (got ${JSON.stringify(v)})`, {
        file: 'config.json',
        field,
        actual: v,
      });
    }
    return v;
  };
  const c: Llama2cConfig = {
    dim: num('hidden_size'),
    hiddenDim: num('intermediate_size'),
    nLayers: num('num_hidden_layers'),
    nHeads: num('num_attention_heads'),
    nKvHeads: num('num_key_value_heads'),
    vocabSize: num('vocab_size'),
    seqLen: num('max_position_embeddings'),
    sharedClassifier: config.tie_word_embeddings !== false,
  };
  const hd = c.dim / c.nHeads;
  const kvDim = c.nKvHeads * hd;
  const inits = readOnnxInitializers(model);
  const get = (name: string, dims: number[]): Float32Array => {
    const t = inits.get(name) as Tensor | undefined;
    if (!t || t.dtype !== 'float32') {
      throw new ReasonkitError('ONNX_INVALID', `${source}: float32 initializer ${name} not found; is this a model exported from llama2.c by reasonkit?`, {
        file: source,
        tensor: name,
      });
    }
    if (t.dims.length !== dims.length || t.dims.some((d, i) => d !== dims[i])) {
      throw new ReasonkitError('ONNX_INVALID', `${source}: initializer ${name} has dims [${t.dims.join(', ')}], config.json implies [${dims.join(', ')}]`, {
        file: source,
        tensor: name,
        expected: dims,
        actual: [...t.dims],
      });
    }
    return t.data as Float32Array;
  };
  const L = c.nLayers;
  /** Columns `[from, from + out)` of each layer's `[in, total]` weight, as stacked `[out, in]` rows. */
  const stacked = (field: (l: number) => string, inp: number, out: number, total = out, from = 0): Float32Array => {
    const result = new Float32Array(L * out * inp);
    for (let l = 0; l < L; l++) {
      const wt = get(field(l), [inp, total]); // [in, total] → [out, in]
      const base = l * out * inp;
      for (let i = 0; i < inp; i++) for (let o = 0; o < out; o++) result[base + o * inp + i] = wt[i * total + from + o]!;
    }
    return result;
  };
  const vectors = (field: (l: number) => string): Float32Array => {
    const result = new Float32Array(L * c.dim);
    for (let l = 0; l < L; l++) result.set(get(field(l), [c.dim]), l * c.dim);
    return result;
  };
  const m = (l: number) => `model.layers.${l}`;
  const tokenEmbedding = get('model.embed_tokens.weight', [c.vocabSize, c.dim]).slice();
  let wcls = tokenEmbedding;
  if (!c.sharedClassifier) {
    const t = get('lm_head.weight_t', [c.dim, c.vocabSize]);
    wcls = new Float32Array(c.vocabSize * c.dim);
    for (let i = 0; i < c.dim; i++) for (let o = 0; o < c.vocabSize; o++) wcls[o * c.dim + i] = t[i * c.vocabSize + o]!;
  }
  const rope = llama2cRopeTables(c.seqLen, hd);
  // The fused graph (graph: 'fused') packs Q/K/V and gate/up into one weight each.
  const fused = inits.has(`${m(0)}.self_attn.qkv_proj.weight_t`);
  const qkv = (l: number) => `${m(l)}.self_attn.qkv_proj.weight_t`;
  const gateUp = (l: number) => `${m(l)}.mlp.gate_up_proj.weight_t`;
  const qkvTotal = c.dim + 2 * kvDim;
  return {
    config: c,
    weights: {
      tokenEmbedding,
      rmsAtt: vectors((l) => `${m(l)}.input_layernorm.weight`),
      wq: fused ? stacked(qkv, c.dim, c.dim, qkvTotal, 0) : stacked((l) => `${m(l)}.self_attn.q_proj.weight_t`, c.dim, c.dim),
      wk: fused ? stacked(qkv, c.dim, kvDim, qkvTotal, c.dim) : stacked((l) => `${m(l)}.self_attn.k_proj.weight_t`, c.dim, kvDim),
      wv: fused ? stacked(qkv, c.dim, kvDim, qkvTotal, c.dim + kvDim) : stacked((l) => `${m(l)}.self_attn.v_proj.weight_t`, c.dim, kvDim),
      wo: stacked((l) => `${m(l)}.self_attn.o_proj.weight_t`, c.dim, c.dim),
      rmsFfn: vectors((l) => `${m(l)}.post_attention_layernorm.weight`),
      w1: fused ? stacked(gateUp, c.dim, c.hiddenDim, 2 * c.hiddenDim, 0) : stacked((l) => `${m(l)}.mlp.gate_proj.weight_t`, c.dim, c.hiddenDim),
      w2: stacked((l) => `${m(l)}.mlp.down_proj.weight_t`, c.hiddenDim, c.dim),
      w3: fused ? stacked(gateUp, c.dim, c.hiddenDim, 2 * c.hiddenDim, c.hiddenDim) : stacked((l) => `${m(l)}.mlp.up_proj.weight_t`, c.dim, c.hiddenDim),
      rmsFinal: get('model.norm.weight', [c.dim]).slice(),
      freqCisReal: rope.cos,
      freqCisImag: rope.sin,
      wcls,
    },
  };
}
