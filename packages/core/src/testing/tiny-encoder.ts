import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { GraphBuilder } from '../onnx/graph-builder.js';
import { OnnxDataType } from '../onnx/proto-writer.js';
import { mulberry32 } from '../random/mulberry32.js';
import { parseOptions } from '../validation/parse-options.js';

/** zod schema of `TinyEncoderOptions`: validates it and applies its defaults. */
export const TinyEncoderOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  vocab: z.number().int().min(1),
  hidden: z.number().int().min(1),
  classes: z.number().int().min(1),
  seed: z.number().int().default(1),
  /** Declare `token_type_ids` (adds a 2-row type embedding). Default true. */
  withTokenTypes: z.boolean().default(true),
  /** Element type of the `logits` output. Default `'float32'`; `'float16'` casts it. */
  logitsDtype: z.enum(['float32', 'float16']).default('float32'),
}));
/** Input accepted by `TinyEncoderOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type TinyEncoderOptions = z.input<typeof TinyEncoderOptionsSchema>;

/** The weights of a tiny encoder, for computing its outputs by hand. */
export interface TinyEncoderWeights {
  vocab: number;
  hidden: number;
  classes: number;
  /** `[vocab, hidden]` token embeddings. */
  embed: Float32Array;
  /** `[2, hidden]` token-type embeddings (zeros without token types). */
  types: Float32Array;
  /** `[hidden, classes]` classifier weight. */
  weight: Float32Array;
  /** `[classes]` classifier bias. */
  bias: Float32Array;
}

/**
 * A tiny encoder/classifier graph for tests of `OnnxModel`, `embedTexts` and `classifyTexts`:
 * inputs `input_ids`, `attention_mask` (and `token_type_ids`) int64 `[batch, sequence]`;
 * `last_hidden_state = embed[ids] + types[type_ids]` `[batch, sequence, hidden]`;
 * `logits = mean_over_mask(last_hidden_state) · weight + bias` `[batch, classes]`. Random weights
 * from `seed` (mulberry32), returned beside the model bytes.
 */
export function buildTinyEncoder(options: TinyEncoderOptions): { model: Uint8Array; weights: TinyEncoderWeights } {
  const o = parseOptions(TinyEncoderOptionsSchema, options, 'buildTinyEncoder options');
  const rand = mulberry32(o.seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => Math.round((rand() * 2 - 1) * 1000) / 1000);
  const weights: TinyEncoderWeights = {
    vocab: o.vocab,
    hidden: o.hidden,
    classes: o.classes,
    embed: fill(o.vocab * o.hidden),
    types: o.withTokenTypes ? fill(2 * o.hidden) : new Float32Array(2 * o.hidden),
    weight: fill(o.hidden * o.classes),
    bias: fill(o.classes),
  };
  const g = new GraphBuilder('tiny-encoder');
  const dims = ['batch_size', 'sequence_length'];
  const ids = g.input('input_ids', OnnxDataType.INT64, dims);
  const mask = g.input('attention_mask', OnnxDataType.INT64, dims);
  let hidden = g.op('Gather', [g.floatInit('embed', weights.embed, [o.vocab, o.hidden]), ids], { axis: 0 });
  if (o.withTokenTypes) {
    const typeIds = g.input('token_type_ids', OnnxDataType.INT64, dims);
    const typed = g.op('Gather', [g.floatInit('types', weights.types, [2, o.hidden]), typeIds], { axis: 0 });
    hidden = g.op('Add', [hidden, typed]);
  }
  const state = g.op('Identity', [hidden], {}, { outputs: ['last_hidden_state'] });
  g.output(state, OnnxDataType.FLOAT, [...dims, o.hidden]);
  const m3 = g.op('Unsqueeze', [g.op('Cast', [mask], { to: OnnxDataType.FLOAT }), g.constInt64([2])]);
  const axis1 = g.constInt64([1]);
  const sum = g.op('ReduceSum', [g.op('Mul', [state, m3]), axis1], { keepdims: 0 });
  const count = g.op('ReduceSum', [m3, axis1], { keepdims: 0 });
  const pooled = g.op('Div', [sum, count]);
  const logits32 = g.op('Add', [g.op('MatMul', [pooled, g.floatInit('weight', weights.weight, [o.hidden, o.classes])]), g.floatInit('bias', weights.bias, [o.classes])]);
  if (o.logitsDtype === 'float16') {
    g.output(g.op('Cast', [logits32], { to: OnnxDataType.FLOAT16 }, { outputs: ['logits'] }), OnnxDataType.FLOAT16, ['batch_size', o.classes]);
  } else {
    g.output(g.op('Identity', [logits32], {}, { outputs: ['logits'] }), OnnxDataType.FLOAT, ['batch_size', o.classes]);
  }
  return { model: g.toModel(), weights };
}
