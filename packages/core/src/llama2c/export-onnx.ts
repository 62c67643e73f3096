import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { GraphBuilder } from '../onnx/graph-builder.js';
import {
  buildCausalPermission,
  declareDecoderInputs,
  declarePresentOutput,
  DECODER_DIMS,
  mergeHeads,
  scaledDotProductAttention,
  splitHeads,
  transposeMatrix,
} from '../onnx/graph-decoder-parts.js';
import { OnnxDataType } from '../onnx/proto-writer.js';
import type { Llama2cCheckpoint } from './checkpoint-types.js';
import { LLAMA2C_RMS_EPS, LLAMA2C_ROPE_THETA } from './reference-model.js';
import { llama2cRopeTables } from './rope-tables.js';
import type { WeightBits } from './quantize-weights.js';
import { buildFusedLlama2cGraph, type FusedWeightQuantization, fusedGraphSupports, ORT_CONTRIB_DOMAIN } from './export-onnx-fused.js';

export { llama2cRopeTables } from './rope-tables.js';

/** zod schema of `ExportLlama2cOnnxOptions`: validates it and applies its defaults. */
export const ExportLlama2cOnnxOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Add outputs `hidden_states.{0..L}` (embeddings, then the residual stream after each layer). Default false (our choice). */
  exposeHiddenStates: z.boolean().default(false),
  /** Add outputs `queries.{l}`: post-RoPE attention queries `[batch, n_heads, seq, head_dim]`. Default false (our choice). */
  exposeQueries: z.boolean().default(false),
  /**
   * Add outputs `attentions.{l}`: attention weights `[batch, n_heads, seq, total]` over the past
   * and new keys in cache order (masked keys exactly 0, rows sum to 1). Default false (our choice).
   */
  exposeAttentions: z.boolean().default(false),
  /**
   * `'plain'`: standard opset-17 ops only (any ONNX runtime; every `expose*` output).
   * `'fused'`: ONNX Runtime's fused contrib ops (`GroupQueryAttention`, `RotaryEmbedding`,
   * `SkipSimplifiedLayerNormalization`, packed QKV and gate/up matmuls; see
   * `buildFusedLlama2cGraph`), about four times fewer kernels per step, for onnxruntime-node/web.
   * The `expose*` outputs need `'plain'`. Default `'plain'` (our choice: it runs everywhere and
   * keeps the intermediate value names other tools read; `reasonkit convert` defaults to `'fused'`).
   */
  graph: z.enum(['plain', 'fused']).default('plain'),
  /**
   * Quantize the weights of every linear layer and the classifier to 8 or 4 bits for ONNX
   * Runtime's `MatMulNBits` (blocks of 32 inputs, symmetric; needs `graph: 'fused'`). A different,
   * smaller and approximate model: its greedy output drifts from the float model's (accuracy cost
   * measured in the README). Default: float32 weights (our choice).
   */
  weightBits: z.union([z.literal(8), z.literal(4)]).optional(),
  /**
   * With `weightBits`: `MatMulNBits` `accuracy_level` 4, which lets ONNX Runtime quantize the
   * activations to int8 per block and use its integer kernels (onnxruntime-node 1.30: 8-bit
   * weights run 1.8× the float speed at stories15M geometry this way, and about 50× slower than
   * float without it); `false` keeps float activations (`accuracy_level` 0: the graph then
   * computes exactly with the dequantized weights). Default true (our choice, measured; README
   * "Performance"). onnxruntime-web's wasm kernels compute with float activations either way.
   */
  quantizedActivations: z.boolean().default(true),
}));
/** Input accepted by `ExportLlama2cOnnxOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ExportLlama2cOnnxOptions = z.input<typeof ExportLlama2cOnnxOptionsSchema>;

/** A llama2.c checkpoint exported to ONNX: the model bytes and its config. */
export interface Llama2cOnnxExport {
  /** The ONNX model (opset 17, IR 8), weights inline. */
  model: Uint8Array;
  /** HF-style `config.json`. */
  config: Record<string, unknown>;
  /** HF-style `generation_config.json`. */
  generationConfig: Record<string, unknown>;
}

/**
 * Exports a llama2.c checkpoint (spec core §9.2–9.3) as a decoder-only ONNX model honouring the
 * decoder I/O contract (§5.2), built from standard opset-17 ops.
 *
 * **Inputs:** `input_ids` int64 `[batch_size, sequence_length]`; `attention_mask` int64
 * `[batch_size, total_sequence_length]` (past + new); `position_ids` int64
 * `[batch_size, sequence_length]` (absolute positions, `< seq_len` of the checkpoint);
 * `past_key_values.{i}.key|value` float32 `[batch_size, n_kv_heads, past_sequence_length, head_dim]`
 * (empty `[1, n_kv_heads, 0, head_dim]` at step 0).
 *
 * **Outputs:** `logits` float32 `[batch_size, sequence_length, vocab]`; `present.{i}.key|value`
 * `[batch_size, n_kv_heads, total_sequence_length, head_dim]`; with `exposeHiddenStates`,
 * `hidden_states.0` = token embeddings and `hidden_states.{l}` = residual stream after layer `l`
 * (`[batch_size, sequence_length, dim]`, before the final norm); with `exposeQueries`, `queries.{l}`
 * = post-RoPE queries of layer `l` `[batch_size, n_heads, sequence_length, head_dim]`; with
 * `exposeAttentions`, `attentions.{l}` = attention weights of layer `l`
 * `[batch_size, n_heads, sequence_length, total_sequence_length]` (zero on masked keys, rows sum to 1).
 *
 * **RoPE convention: interleaved (llama2.c's adjacent pairs).** Within each head, channels
 * `(2j, 2j+1)` are rotated together by `θ_j = pos·10000^(−2j/head_dim)`; the weights are not
 * permuted into HF's `rotate_half` order. So channel `c` of a cached key (`present.*.key`, which is
 * post-RoPE) or of `queries.{l}` means exactly what it means in llama2.c — kv-sparse relies on
 * these channel indices. Cos/sin tables `[seq_len, head_dim/2]` are initializers computed by the
 * formula (`llama2cRopeTables`) and gathered by `position_ids`.
 *
 * **Attention mask** is order-based: new query `i` attends cached key `j` iff
 * `j ≤ past_sequence_length + i` and `attention_mask[b, j] = 1`; positions only drive RoPE, so an
 * evicted cache fed with explicit `position_ids` still works. GQA repeats each KV head
 * `n_heads / n_kv_heads` times inside the graph (query head `h` uses KV head `⌊h / kv_mul⌋`).
 *
 * Intermediates carry readable names for `listValueNames` / `exposeOutputs`, e.g.
 * `/model/layers.3/attn/q_rope`, `/model/layers.3/attn/k_rope`, `/model/layers.3/attn/context`,
 * `/model/layers.3/attn_residual`, `/model/layers.3/mlp/act`, `/model/layers.3/output_0`,
 * `/model/norm/output_0`.
 */
export function exportLlama2cOnnx(checkpoint: Llama2cCheckpoint, options: ExportLlama2cOnnxOptions = {}): Llama2cOnnxExport {
  const parsed = ExportLlama2cOnnxOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = `options.${issue.path.join('.')}`;
    throw new ReasonkitError('INVALID_ARGUMENT', `exportLlama2cOnnx: ${field}: ${issue.message}`, { field });
  }
  const { exposeHiddenStates, exposeQueries, exposeAttentions, graph, weightBits, quantizedActivations } = parsed.data;
  if (weightBits !== undefined && graph !== 'fused') {
    throw new ReasonkitError('INVALID_ARGUMENT', "exportLlama2cOnnx: options.weightBits needs graph: 'fused' (MatMulNBits is an ONNX Runtime contrib op)", {
      field: 'options.weightBits',
      actual: weightBits,
    });
  }
  if (graph === 'fused' && (exposeHiddenStates || exposeQueries || exposeAttentions)) {
    const field = exposeHiddenStates ? 'exposeHiddenStates' : exposeQueries ? 'exposeQueries' : 'exposeAttentions';
    throw new ReasonkitError('INVALID_ARGUMENT', `exportLlama2cOnnx: options.${field} needs graph: 'plain' (the fused graph has no such outputs)`, {
      field: `options.${field}`,
    });
  }
  if (graph === 'fused' && !fusedGraphSupports(checkpoint.config)) {
    const hd = checkpoint.config.dim / checkpoint.config.nHeads;
    throw new ReasonkitError(
      'INVALID_ARGUMENT',
      `exportLlama2cOnnx: options.graph: head dim ${hd} is not a multiple of 8, which ONNX Runtime's GroupQueryAttention needs on the CPU; use graph: 'plain'`,
      { field: 'options.graph', actual: hd },
    );
  }
  if (graph === 'fused') {
    return withConfigs(checkpoint, fusedModel(checkpoint, weightBits === undefined ? undefined : { bits: weightBits, quantizedActivations }), { exposeHiddenStates, exposeQueries, exposeAttentions }, 'fused', weightBits);
  }
  const { config: c, weights: w } = checkpoint;
  const { dim, hiddenDim, nLayers: L, nHeads, nKvHeads, vocabSize: V, seqLen } = c;
  const hd = dim / nHeads;
  const kvDim = nKvHeads * hd;
  const kvMul = nHeads / nKvHeads;
  const half = hd / 2;

  const g = new GraphBuilder('llama2c');
  const inputs = declareDecoderInputs(g, L, nKvHeads, hd, true);
  const positionIds = inputs.positionIds!;

  const embed = g.floatInit('model.embed_tokens.weight', w.tokenEmbedding, [V, dim]);
  /** `[out, in]` row-major slice `index` of a stacked weight, as a MatMul `[in, out]` initializer. */
  const linear = (name: string, stacked: Float32Array, index: number, out: number, inp: number): string =>
    g.floatInit(name, transposeMatrix(stacked, out, inp, index * out * inp), [inp, out]);
  const rmsNorm = (x: string, weight: Float32Array, offset: number, weightName: string, outName: string): string => {
    const wt = g.floatInit(weightName, weight.subarray(offset, offset + dim), [dim]);
    const ms = g.op('ReduceMean', [g.op('Pow', [x, g.constFloat([2])])], { axes: [-1], keepdims: 1 }); // Pow (not Mul) so ORT fuses RMSNorm into SimplifiedLayerNormalization
    const denom = g.op('Sqrt', [g.op('Add', [ms, g.constFloat([LLAMA2C_RMS_EPS])])]);
    return g.op('Mul', [g.op('Div', [x, denom]), wt], {}, { outputs: [outName] });
  };

  // Embeddings and RoPE tables.
  const h0 = g.op('Gather', [embed, inputs.inputIds], { axis: 0 }, { outputs: ['/model/embed_tokens/output_0'] });
  // Interleaved RoPE as rot(x) = x⊙C + (x·P)⊙S, where P swaps each channel pair (2j, 2j+1), C
  // repeats cos_j on both channels and S holds (−sin_j, +sin_j): per pair exactly
  // (a·cos − b·sin, a·sin + b·cos) as run.c computes, in four ops instead of a slice/concat chain.
  const tables = llama2cRopeTables(seqLen, hd);
  const full = { cos: new Float32Array(seqLen * hd), sin: new Float32Array(seqLen * hd) };
  for (let pos = 0; pos < seqLen; pos++) {
    for (let j = 0; j < half; j++) {
      const c = tables.cos[pos * half + j]!;
      const sn = tables.sin[pos * half + j]!;
      full.cos[pos * hd + 2 * j] = c;
      full.cos[pos * hd + 2 * j + 1] = c;
      full.sin[pos * hd + 2 * j] = -sn;
      full.sin[pos * hd + 2 * j + 1] = sn;
    }
  }
  const [cos, sin] = g.withScope('/model/rotary_emb', () =>
    (['cos', 'sin'] as const).map((kind) => {
      const table = g.floatInit(`model.rotary_emb.${kind}_cached`, full[kind], [seqLen, hd]);
      const gathered = g.op('Gather', [table, positionIds], { axis: 0 }); // [B, S, hd]
      return g.op('Unsqueeze', [gathered, g.constInt64([1])], {}, { outputs: [`/model/rotary_emb/${kind}`] }); // [B, 1, S, hd]
    }),
  ) as [string, string];
  const pairSwap = new Float32Array(hd * hd);
  for (let j = 0; j < half; j++) {
    pairSwap[(2 * j + 1) * hd + 2 * j] = 1;
    pairSwap[2 * j * hd + 2 * j + 1] = 1;
  }
  const swap = g.floatInit('model.rotary_emb.pair_swap', pairSwap, [hd, hd]);
  /** Interleaved RoPE on `[B, H, S, hd]`: rotate channel pairs (2j, 2j+1). */
  const rope = (x: string, outName: string): string =>
    g.op('Add', [g.op('Mul', [x, cos]), g.op('Mul', [g.op('MatMul', [x, swap]), sin])], {}, { outputs: [outName] });

  // Grouped-query attention without copying K/V: query heads g·kvMul … g·kvMul+kvMul−1 share KV
  // head g, so `[B, nH, S, hd]` reshapes to `[B, kvH, kvMul·S, hd]` (rows r·S + s) and attends to
  // `[B, kvH, T, hd]` directly; the permission is tiled to the same row order once per graph.
  const attention = (qRope: string, presentK: string, presentV: string, allowedRows: string, outName: string, attentionsName?: string): string => {
    const qGrouped = g.op('Reshape', [qRope, g.constInt64([0, nKvHeads, -1, hd])]);
    const probsName = attentionsName === undefined ? undefined : `${outName}_probs`;
    const ctx = scaledDotProductAttention(g, qGrouped, presentK, presentV, allowedRows, hd, probsName); // [B, kvH, kvMul·S, hd]
    // weights [B, kvH, kvMul·S, T] → [B, nH, S, T]: row r·S + s of KV head g is query head g·kvMul + r
    if (probsName !== undefined) g.op('Reshape', [probsName, g.constInt64([0, nHeads, -1, 0])], {}, { outputs: [attentionsName!] });
    return g.op('Reshape', [ctx, g.constInt64([0, nHeads, -1, hd])], {}, { outputs: [outName] });
  };

  const allowed = buildCausalPermission(g, inputs.inputIds, inputs.attentionMask);
  const allowedRows = kvMul === 1 ? allowed : g.op('Tile', [allowed, g.constInt64([1, 1, kvMul, 1])], {}, { outputs: ['/model/attn_mask/allowed_grouped'] });
  const { batch, seq } = DECODER_DIMS;
  const extraOutputs: [string, (number | string)[]][] = [];
  if (exposeHiddenStates) {
    g.op('Identity', [h0], {}, { outputs: ['hidden_states.0'] });
    extraOutputs.push(['hidden_states.0', [batch, seq, dim]]);
  }

  let x = h0;
  for (let l = 0; l < L; l++) {
    const p = `/model/layers.${l}`;
    const m = `model.layers.${l}`;
    const past = inputs.past[l]!;
    x = g.withScope(p, () => {
      const xb = rmsNorm(x, w.rmsAtt, l * dim, `${m}.input_layernorm.weight`, `${p}/input_layernorm/output_0`);
      const attnOut = g.withScope(`${p}/attn`, () => {
        const q = splitHeads(g, g.op('MatMul', [xb, linear(`${m}.self_attn.q_proj.weight_t`, w.wq, l, dim, dim)]), nHeads, hd);
        const k = splitHeads(g, g.op('MatMul', [xb, linear(`${m}.self_attn.k_proj.weight_t`, w.wk, l, kvDim, dim)]), nKvHeads, hd);
        const v = splitHeads(g, g.op('MatMul', [xb, linear(`${m}.self_attn.v_proj.weight_t`, w.wv, l, kvDim, dim)]), nKvHeads, hd);
        const qRope = rope(q, `${p}/attn/q_rope`);
        const kRope = rope(k, `${p}/attn/k_rope`);
        if (exposeQueries) {
          g.op('Identity', [qRope], {}, { outputs: [`queries.${l}`] });
          extraOutputs.push([`queries.${l}`, [batch, nHeads, seq, hd]]);
        }
        const presentK = g.op('Concat', [past.key, kRope], { axis: 2 }, { outputs: [`present.${l}.key`] });
        const presentV = g.op('Concat', [past.value, v], { axis: 2 }, { outputs: [`present.${l}.value`] });
        const ctx = attention(qRope, presentK, presentV, allowedRows, `${p}/attn/heads`, exposeAttentions ? `attentions.${l}` : undefined);
        if (exposeAttentions) extraOutputs.push([`attentions.${l}`, [batch, nHeads, seq, DECODER_DIMS.total]]);
        const merged = g.op('Identity', [mergeHeads(g, ctx, nHeads, hd)], {}, { outputs: [`${p}/attn/context`] });
        return g.op('MatMul', [merged, linear(`${m}.self_attn.o_proj.weight_t`, w.wo, l, dim, dim)], {}, { outputs: [`${p}/attn/o_proj/output_0`] });
      });
      const h = g.op('Add', [x, attnOut], {}, { outputs: [`${p}/attn_residual`] });
      const hb = rmsNorm(h, w.rmsFfn, l * dim, `${m}.post_attention_layernorm.weight`, `${p}/post_attention_layernorm/output_0`);
      const ffn = g.withScope(`${p}/mlp`, () => {
        const gate = g.op('MatMul', [hb, linear(`${m}.mlp.gate_proj.weight_t`, w.w1, l, hiddenDim, dim)]);
        const up = g.op('MatMul', [hb, linear(`${m}.mlp.up_proj.weight_t`, w.w3, l, hiddenDim, dim)]);
        const act = g.op('Mul', [g.op('Mul', [gate, g.op('Sigmoid', [gate])]), up], {}, { outputs: [`${p}/mlp/act`] });
        return g.op('MatMul', [act, linear(`${m}.mlp.down_proj.weight_t`, w.w2, l, dim, hiddenDim)], {}, { outputs: [`${p}/mlp/down_proj/output_0`] });
      });
      return g.op('Add', [h, ffn], {}, { outputs: [`${p}/output_0`] });
    });
    if (exposeHiddenStates) {
      g.op('Identity', [x], {}, { outputs: [`hidden_states.${l + 1}`] });
      extraOutputs.push([`hidden_states.${l + 1}`, [batch, seq, dim]]);
    }
  }
  const xn = g.withScope('/model/norm', () => rmsNorm(x, w.rmsFinal, 0, 'model.norm.weight', '/model/norm/output_0'));
  const clsT = c.sharedClassifier
    ? g.op('Transpose', [embed], { perm: [1, 0] }, { outputs: ['/lm_head/weight_t'] })
    : g.floatInit('lm_head.weight_t', transposeMatrix(w.wcls, V, dim), [dim, V]);
  g.op('MatMul', [xn, clsT], {}, { outputs: ['logits'] });

  g.output('logits', OnnxDataType.FLOAT, [batch, seq, V]);
  for (let l = 0; l < L; l++) {
    declarePresentOutput(g, `present.${l}.key`, nKvHeads, hd);
    declarePresentOutput(g, `present.${l}.value`, nKvHeads, hd);
  }
  // hidden_states first, then queries, then attentions, each in index order
  const ordered = ['hidden_states.', 'queries.', 'attentions.'].flatMap((prefix) => extraOutputs.filter(([n]) => n.startsWith(prefix)));
  for (const [name, dims] of ordered) g.output(name, OnnxDataType.FLOAT, dims);

  const model = g.toModel({
    opset: 17,
    irVersion: 8,
    docString: 'llama2.c checkpoint exported by @reasonkit/core (interleaved RoPE, post-RoPE cached keys)',
    metadata: { 'reasonkit.source': 'llama2.c', 'reasonkit.rope': 'interleaved' },
  });
  return withConfigs(checkpoint, model, { exposeHiddenStates, exposeQueries, exposeAttentions }, 'plain');
}

function fusedModel(checkpoint: Llama2cCheckpoint, quantized: FusedWeightQuantization | undefined): Uint8Array {
  const weightBits = quantized?.bits;
  return buildFusedLlama2cGraph(checkpoint, quantized).toModel({
    opset: 17,
    irVersion: 8,
    domainOpsets: { [ORT_CONTRIB_DOMAIN]: 1 },
    docString: 'llama2.c checkpoint exported by @reasonkit/core with ONNX Runtime fused ops (interleaved RoPE, post-RoPE cached keys)',
    metadata: {
      'reasonkit.source': 'llama2.c',
      'reasonkit.rope': 'interleaved',
      'reasonkit.graph': 'fused',
      ...(weightBits === undefined ? {} : { 'reasonkit.weight_bits': String(weightBits) }),
    },
  });
}

function withConfigs(
  checkpoint: Llama2cCheckpoint,
  model: Uint8Array,
  outputs: { exposeHiddenStates: boolean; exposeQueries: boolean; exposeAttentions: boolean },
  graph: 'plain' | 'fused',
  weightBits?: WeightBits,
): Llama2cOnnxExport {
  const c = checkpoint.config;
  const { dim, hiddenDim, nLayers: L, nHeads, nKvHeads, vocabSize: V, seqLen } = c;
  const hd = dim / nHeads;
  const config: Record<string, unknown> = {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    hidden_size: dim,
    intermediate_size: hiddenDim,
    num_hidden_layers: L,
    num_attention_heads: nHeads,
    num_key_value_heads: nKvHeads,
    head_dim: hd,
    vocab_size: V,
    max_position_embeddings: seqLen,
    rms_norm_eps: LLAMA2C_RMS_EPS,
    rope_theta: LLAMA2C_ROPE_THETA,
    hidden_act: 'silu',
    bos_token_id: 1,
    eos_token_id: [1, 2], // llama2.c run.c stops when the model emits BOS (1)
    tie_word_embeddings: c.sharedClassifier,
    torch_dtype: 'float32',
    use_cache: true,
    reasonkit: {
      source: 'llama2.c',
      rope: {
        convention: 'interleaved',
        description:
          'adjacent channel pairs (2j, 2j+1) of each head rotate by pos*theta^(-2j/head_dim) (llama2.c run.c), not HF rotate_half; cached keys are post-RoPE',
      },
      outputs: { hiddenStates: outputs.exposeHiddenStates, queries: outputs.exposeQueries, attentions: outputs.exposeAttentions },
      graph,
      ...(weightBits === undefined ? {} : { weightBits, quantization: `MatMulNBits, ${weightBits}-bit symmetric blocks of 32 inputs` }),
    },
  };
  const generationConfig: Record<string, unknown> = {
    bos_token_id: 1,
    eos_token_id: [1, 2],
    max_length: seqLen,
    do_sample: false,
  };
  return { model, config, generationConfig };
}

/** Test helper (spec core §6): the ONNX bytes of `exportLlama2cOnnx(checkpoint, options)`. */
export function buildLlama2cOnnx(checkpoint: Llama2cCheckpoint, options: ExportLlama2cOnnxOptions = {}): Uint8Array {
  return exportLlama2cOnnx(checkpoint, options).model;
}
