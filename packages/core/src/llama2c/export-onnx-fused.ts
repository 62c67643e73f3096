import { type AttributeValue, GraphBuilder } from '../onnx/graph-builder.js';
import { declareDecoderInputs, declarePresentOutput, DECODER_DIMS, transposeMatrix } from '../onnx/graph-decoder-parts.js';
import { OnnxDataType } from '../onnx/proto-writer.js';
import type { Llama2cCheckpoint } from './checkpoint-types.js';
import { LLAMA2C_RMS_EPS } from './reference-model.js';
import { quantizeForMatMulNBits, type WeightBits } from './quantize-weights.js';
import { llama2cRopeTables } from './rope-tables.js';

/** ONNX Runtime's contrib-op domain and the opset it is imported at. */
export const ORT_CONTRIB_DOMAIN = 'com.microsoft';

/** Whether the fused graph can hold this geometry: ORT's CPU GroupQueryAttention needs a head dim that is a multiple of 8. */
export function fusedGraphSupports(config: Pick<Llama2cCheckpoint['config'], 'dim' | 'nHeads'>): boolean {
  return (config.dim / config.nHeads) % 8 === 0;
}

/**
 * The decoder graph of a llama2.c checkpoint built from ONNX Runtime's fused operators
 * (`com.microsoft` domain, present in onnxruntime-node and onnxruntime-web 1.30 on the CPU / wasm
 * execution providers). Same inputs, outputs and numerics as the plain export (`exportLlama2cOnnx`
 * with `graph: 'plain'`), about four times fewer kernels per step. Per layer:
 *
 * - RMSNorm: `SimplifiedLayerNormalization` before the first layer, then
 *   `SkipSimplifiedLayerNormalization`, which adds the residual and normalises in one kernel (its
 *   fourth output is the residual sum the next block adds to);
 * - one packed QKV `MatMul` `[dim, (nHeads + 2·nKvHeads)·headDim]` and a `Split`;
 * - interleaved RoPE (`RotaryEmbedding`, `interleaved = 1`: llama2.c's adjacent channel pairs)
 *   gathered by `position_ids`, so explicit positions after eviction are honoured;
 * - `GroupQueryAttention` (causal, KV heads shared by `nHeads / nKvHeads` query heads, appends the
 *   new keys and values to `past_key_values.*` and returns them as `present.*`), with
 *   `seqlens_k = sum(attention_mask) − 1` and `total_sequence_length = attention_mask` length;
 * - one packed gate/up `MatMul` `[dim, 2·hiddenDim]`, `Split`, `QuickGelu` with `alpha = 1`
 *   (= SiLU) and `Mul`, then the down projection.
 *
 * Limits (the plain export has none of them): the attention mask is read as "the first
 * `sum(mask)` cached tokens are valid" (right padding only; core always feeds all ones, batch 1);
 * no `exposeHiddenStates` / `exposeQueries` / `exposeAttentions` outputs.
 *
 * `quantized` (8 or 4 bits): every linear layer and the classifier become `MatMulNBits` over
 * symmetric block-quantized weights (`quantizeForMatMulNBits`, blocks of 32 inputs), with
 * `accuracy_level` 4 (int8 activations) when `quantizedActivations`, else 0; a different model
 * from the float export, with its own accuracy (README "Performance"). Default: float weights.
 */
/** Weight quantization of the fused graph: bits per weight, and whether activations may be int8 (`accuracy_level` 4). */
export interface FusedWeightQuantization {
  bits: WeightBits;
  quantizedActivations: boolean;
}

export function buildFusedLlama2cGraph(checkpoint: Llama2cCheckpoint, quantized?: FusedWeightQuantization): GraphBuilder {
  const { config: c, weights: w } = checkpoint;
  const { dim, hiddenDim, nLayers: L, nHeads, nKvHeads, vocabSize: V, seqLen } = c;
  const hd = dim / nHeads;
  const kvDim = nKvHeads * hd;

  const g = new GraphBuilder('llama2c');
  const inputs = declareDecoderInputs(g, L, nKvHeads, hd, true);
  const ms = (op: string, ins: readonly string[], attrs: Readonly<Record<string, AttributeValue>> = {}, outputs?: readonly string[]): string[] =>
    g.opMulti(op, ins, attrs, { domain: ORT_CONTRIB_DOMAIN, ...(outputs ? { outputs } : {}) });

  const embed = g.floatInit('model.embed_tokens.weight', w.tokenEmbedding, [V, dim]);
  const tables = llama2cRopeTables(seqLen, hd);
  const cos = g.floatInit('model.rotary_emb.cos_cached', tables.cos, [seqLen, hd / 2]);
  const sin = g.floatInit('model.rotary_emb.sin_cached', tables.sin, [seqLen, hd / 2]);

  // GroupQueryAttention's sequence-length inputs, from the attention mask (int32).
  const [seqlensK, totalLen] = g.withScope('/model/attn_mask', () => {
    const sum = g.op('ReduceSum', [inputs.attentionMask, g.constInt64([1])], { keepdims: 0 });
    const seqlens = g.op('Cast', [g.op('Sub', [sum, g.constInt64([1], [])])], { to: OnnxDataType.INT32 }, { outputs: ['/model/attn_mask/seqlens_k'] });
    const total = g.op('Gather', [g.op('Shape', [inputs.attentionMask]), g.constInt64([1], [])], { axis: 0 });
    return [seqlens, g.op('Cast', [total], { to: OnnxDataType.INT32 }, { outputs: ['/model/attn_mask/total_sequence_length'] })];
  });

  /** Stacked `[out, in]` weights of layer `l`, concatenated along `out`: row-major `[Σout, in]`. */
  const stackedRows = (parts: readonly [Float32Array, number][], l: number, inp: number): Float32Array => {
    const outTotal = parts.reduce((a, [, out]) => a + out, 0);
    const rows = new Float32Array(outTotal * inp);
    let at = 0;
    for (const [stacked, out] of parts) {
      rows.set(stacked.subarray(l * out * inp, (l + 1) * out * inp), at);
      at += out * inp;
    }
    return rows;
  };
  /**
   * `x · Wᵀ` for row-major `[n, inp]` weights `rows`: a `MatMul` with the transposed float
   * initializer `name` (`[inp, n]`), or with `quantized` a `MatMulNBits` over block-quantized codes.
   */
  const linear = (x: string, name: string, rows: Float32Array, n: number, inp: number, outName?: string): string => {
    const outputs = outName === undefined ? {} : { outputs: [outName] };
    if (quantized === undefined) return g.op('MatMul', [x, g.floatInit(name, transposeMatrix(rows, n, inp), [inp, n])], {}, outputs);
    const q = quantizeForMatMulNBits(`${name}_q${quantized.bits}`, rows, n, inp, quantized.bits);
    const attributes = { ...q.attributes, accuracy_level: quantized.quantizedActivations ? 4 : 0 };
    return g.op('MatMulNBits', [x, g.initializer(q.b), g.initializer(q.scales)], attributes, { domain: ORT_CONTRIB_DOMAIN, ...outputs });
  };
  const normWeight = (name: string, data: Float32Array, offset: number): string => g.floatInit(name, data.subarray(offset, offset + dim), [dim]);

  const h0 = g.op('Gather', [embed, inputs.inputIds], { axis: 0 }, { outputs: ['/model/embed_tokens/output_0'] });
  let residual = h0;
  let pending: string | undefined; // the block output not yet added to `residual`
  /** RMSNorm of `residual + pending` (or of `residual`); updates `residual` to the sum. */
  const addAndNorm = (weight: string, outName: string, sumName: string): string => {
    if (pending === undefined) {
      return g.op('SimplifiedLayerNormalization', [residual, weight], { axis: -1, epsilon: LLAMA2C_RMS_EPS, stash_type: 1 }, { outputs: [outName] });
    }
    const [normed] = ms('SkipSimplifiedLayerNormalization', [pending, residual, weight], { epsilon: LLAMA2C_RMS_EPS }, [outName, '', '', sumName]);
    residual = sumName;
    return normed!;
  };

  for (let l = 0; l < L; l++) {
    const p = `/model/layers.${l}`;
    const m = `model.layers.${l}`;
    const past = inputs.past[l]!;
    g.withScope(p, () => {
      const xb = addAndNorm(normWeight(`${m}.input_layernorm.weight`, w.rmsAtt, l * dim), `${p}/input_layernorm/output_0`, `${p}/input_residual`);
      pending = g.withScope(`${p}/attn`, () => {
        const qkvRows = stackedRows([[w.wq, dim], [w.wk, kvDim], [w.wv, kvDim]], l, dim);
        const qkv = linear(xb, `${m}.self_attn.qkv_proj.weight_t`, qkvRows, dim + 2 * kvDim, dim, `${p}/attn/qkv_proj/output_0`);
        const [q, k, v] = g.opMulti('Split', [qkv, g.constInt64([dim, kvDim, kvDim])], { axis: -1 }, { outputCount: 3 });
        const rope = (x: string, heads: number, outName: string): string =>
          ms('RotaryEmbedding', [x, inputs.positionIds!, cos, sin], { interleaved: 1, num_heads: heads }, [outName])[0]!;
        const qRope = rope(q!, nHeads, `${p}/attn/q_rope`);
        const kRope = rope(k!, nKvHeads, `${p}/attn/k_rope`);
        const [ctx] = ms(
          'GroupQueryAttention',
          [qRope, kRope, v!, past.key, past.value, seqlensK, totalLen],
          { num_heads: nHeads, kv_num_heads: nKvHeads, scale: 1 / Math.sqrt(hd), do_rotary: 0 },
          [`${p}/attn/context`, `present.${l}.key`, `present.${l}.value`],
        );
        return linear(ctx!, `${m}.self_attn.o_proj.weight_t`, stackedRows([[w.wo, dim]], l, dim), dim, dim, `${p}/attn/o_proj/output_0`);
      });
      const hb = addAndNorm(normWeight(`${m}.post_attention_layernorm.weight`, w.rmsFfn, l * dim), `${p}/post_attention_layernorm/output_0`, `${p}/attn_residual`);
      pending = g.withScope(`${p}/mlp`, () => {
        const gu = linear(hb, `${m}.mlp.gate_up_proj.weight_t`, stackedRows([[w.w1, hiddenDim], [w.w3, hiddenDim]], l, dim), 2 * hiddenDim, dim);
        const [gate, up] = g.opMulti('Split', [gu, g.constInt64([hiddenDim, hiddenDim])], { axis: -1 }, { outputCount: 2 });
        const silu = ms('QuickGelu', [gate!], { alpha: { float: 1 } })[0]!;
        const act = g.op('Mul', [silu, up!], {}, { outputs: [`${p}/mlp/act`] });
        return linear(act, `${m}.mlp.down_proj.weight_t`, stackedRows([[w.w2, dim]], l, hiddenDim), dim, hiddenDim, `${p}/mlp/down_proj/output_0`);
      });
    });
  }
  const xn = g.withScope('/model/norm', () => addAndNorm(g.floatInit('model.norm.weight', w.rmsFinal, [dim]), '/model/norm/output_0', `/model/layers.${L - 1}/output_0`));
  if (quantized !== undefined) {
    // The classifier is quantized too (the largest matmul at vocab 32,000); the embedding Gather stays float.
    linear(xn, 'lm_head.weight_t', c.sharedClassifier ? w.tokenEmbedding : w.wcls, V, dim, 'logits');
  } else {
    const clsT = c.sharedClassifier
      ? g.op('Transpose', [embed], { perm: [1, 0] }, { outputs: ['/lm_head/weight_t'] }) // constant-folded by ORT
      : g.floatInit('lm_head.weight_t', transposeMatrix(w.wcls, V, dim), [dim, V]);
    g.op('MatMul', [xn, clsT], {}, { outputs: ['logits'] });
  }

  const { batch, seq } = DECODER_DIMS;
  g.output('logits', OnnxDataType.FLOAT, [batch, seq, V]);
  for (let l = 0; l < L; l++) {
    declarePresentOutput(g, `present.${l}.key`, nKvHeads, hd);
    declarePresentOutput(g, `present.${l}.value`, nKvHeads, hd);
  }
  return g;
}
