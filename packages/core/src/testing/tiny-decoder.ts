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
} from '../onnx/graph-decoder-parts.js';
import { OnnxDataType } from '../onnx/proto-writer.js';
import { mulberry32 } from '../random/mulberry32.js';

/** zod schema of `TinyDecoderOptions`: validates it and applies its defaults. */
export const TinyDecoderOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  vocab: z.number().int().min(2),
  layers: z.number().int().min(1),
  kvHeads: z.number().int().min(1),
  headDim: z.number().int().min(1),
  seed: z.number().int().default(1),
  /** Rows of the learned position table; `position_ids` must stay below it. Default 128 (our choice). */
  maxPositions: z.number().int().min(1).default(128),
  /** Declare the `position_ids` input (default true); without it the model has no position signal. */
  withPositionIds: z.boolean().default(true),
}));
/** Input accepted by `TinyDecoderOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type TinyDecoderOptions = z.input<typeof TinyDecoderOptionsSchema>;

function parseOptions(options: TinyDecoderOptions): z.output<typeof TinyDecoderOptionsSchema> {
  const r = TinyDecoderOptionsSchema.safeParse(options);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.');
    throw new ReasonkitError('INVALID_ARGUMENT', `buildTinyDecoder: options.${field}: ${issue.message}`, {
      field: `options.${field}`,
    });
  }
  return r.data;
}

/**
 * Builds a seeded, deterministic tiny decoder-only ONNX model (opset 17, IR 8) that honours the
 * full decoder I/O contract (spec core §5.2): inputs `input_ids`, `attention_mask`, `position_ids`
 * (unless `withPositionIds: false`) and `past_key_values.{i}.key|value` float32
 * `[batch_size, kvHeads, past_sequence_length, headDim]`; outputs `logits`
 * `[batch_size, sequence_length, vocab]`, `present.{i}.key|value`
 * `[batch_size, kvHeads, total_sequence_length, headDim]` and `hidden_states.0` (the token
 * embeddings, `[batch_size, sequence_length, kvHeads·headDim]`).
 *
 * The network: `x = embed[input_ids] + pos_embed[position_ids]`, then per layer a causal
 * multi-head self-attention (heads = kvHeads, no norm, no RoPE) with residual, then
 * `logits = x · lm_head`. The causal mask follows cache order and `attention_mask`, so prefill and
 * token-by-token decoding give the same logits, and the past really matters.
 */
export function buildTinyDecoder(options: TinyDecoderOptions): Uint8Array {
  const { vocab, layers, kvHeads, headDim, seed, maxPositions, withPositionIds } = parseOptions(options);
  const hidden = kvHeads * headDim;
  const rand = mulberry32(seed);
  const uniform = (n: number, scale: number): Float32Array => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = (rand() * 2 - 1) * scale;
    return out;
  };
  const matScale = 1 / Math.sqrt(hidden);

  const g = new GraphBuilder('tiny_decoder');
  const inputs = declareDecoderInputs(g, layers, kvHeads, headDim, withPositionIds);
  const embed = g.floatInit('model.embed_tokens.weight', uniform(vocab * hidden, 1), [vocab, hidden]);
  const posEmbed = g.floatInit('model.embed_positions.weight', uniform(maxPositions * hidden, 0.5), [maxPositions, hidden]);

  const h0 = g.op('Gather', [embed, inputs.inputIds], { axis: 0 }, { outputs: ['/model/embed_tokens/output_0'] });
  g.op('Identity', [h0], {}, { outputs: ['hidden_states.0'] });
  let x = h0;
  if (inputs.positionIds !== undefined) {
    const pe = g.op('Gather', [posEmbed, inputs.positionIds], { axis: 0 }, { outputs: ['/model/embed_positions/output_0'] });
    x = g.op('Add', [h0, pe], {}, { outputs: ['/model/embed/output_0'] });
  }
  const allowed = buildCausalPermission(g, inputs.inputIds, inputs.attentionMask);

  for (let l = 0; l < layers; l++) {
    const past = inputs.past[l]!;
    x = g.withScope(`/model/layers.${l}/attn`, () => {
      const proj = (which: string): string => {
        const w = g.floatInit(`model.layers.${l}.attn.${which}_proj.weight`, uniform(hidden * hidden, matScale), [hidden, hidden]);
        return splitHeads(g, g.op('MatMul', [x, w]), kvHeads, headDim);
      };
      const q = proj('q');
      const k = proj('k');
      const v = proj('v');
      const presentK = g.op('Concat', [past.key, k], { axis: 2 }, { outputs: [`present.${l}.key`] });
      const presentV = g.op('Concat', [past.value, v], { axis: 2 }, { outputs: [`present.${l}.value`] });
      const attn = mergeHeads(g, scaledDotProductAttention(g, q, presentK, presentV, allowed, headDim), kvHeads, headDim);
      const wo = g.floatInit(`model.layers.${l}.attn.o_proj.weight`, uniform(hidden * hidden, matScale), [hidden, hidden]);
      return g.op('Add', [x, g.op('MatMul', [attn, wo])], {}, { outputs: [`/model/layers.${l}/output_0`] });
    });
  }
  const lmHead = g.floatInit('lm_head.weight', uniform(hidden * vocab, matScale), [hidden, vocab]);
  g.op('MatMul', [x, lmHead], {}, { outputs: ['logits'] });

  const { batch, seq } = DECODER_DIMS;
  g.output('logits', OnnxDataType.FLOAT, [batch, seq, vocab]);
  for (let l = 0; l < layers; l++) {
    declarePresentOutput(g, `present.${l}.key`, kvHeads, headDim);
    declarePresentOutput(g, `present.${l}.value`, kvHeads, headDim);
  }
  g.output('hidden_states.0', OnnxDataType.FLOAT, [batch, seq, hidden]);
  return g.toModel({ opset: 17, irVersion: 8, docString: `reasonkit tiny decoder (seed ${seed})` });
}

/**
 * The `config.json` object matching `buildTinyDecoder(options)`, with HF Llama-style field names
 * (so runtimes read `num_key_value_heads` and `head_dim` for the cache shape).
 */
export function tinyDecoderConfig(options: TinyDecoderOptions): Record<string, unknown> {
  const { vocab, layers, kvHeads, headDim, maxPositions } = parseOptions(options);
  return {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    vocab_size: vocab,
    hidden_size: kvHeads * headDim,
    num_hidden_layers: layers,
    num_attention_heads: kvHeads,
    num_key_value_heads: kvHeads,
    head_dim: headDim,
    max_position_embeddings: maxPositions,
    ...(vocab > 1 ? { bos_token_id: 1 } : {}),
    ...(vocab > 2 ? { eos_token_id: 2 } : {}),
    tie_word_embeddings: false,
    torch_dtype: 'float32',
  };
}
