import { GraphBuilder, OnnxDataType } from '@reasonkit/core';

// A tiny token classifier with hand-computable outputs: an embedding Gather (row v = [v, 1]) and a
// 2-class linear layer (W = [[0.5, -0.5], [0, 1]], no bias), so the logits at token v are
// [0.5·v, 1 − 0.5·v] and p(class 1) = sigmoid(1 − v).
export const TINY_VOCAB = ['a', 'b', '\n', '\nb', 'q', '?', ' ', 'S', '1', '2', ':', '+', 'x', 'y', 'z', 'w', '<sep>'];

/** With `mask: true` the graph also takes `attention_mask` and zeroes the logits of padded positions. */
export function tinyClassifierOnnx(options: { mask?: boolean } = {}): Uint8Array {
  const V = TINY_VOCAB.length;
  const g = new GraphBuilder('tiny-step-classifier');
  const ids = g.input('input_ids', OnnxDataType.INT64, ['batch', 'seq']);
  const emb = g.floatInit('embedding', Array.from({ length: V }, (_, v) => [v, 1]).flat(), [V, 2]);
  const w = g.floatInit('w', [0.5, -0.5, 0, 1], [2, 2]);
  const h = g.op('Gather', [emb, ids], { axis: 0 });
  if (!options.mask) {
    g.output(g.op('MatMul', [h, w], {}, { outputs: ['logits'] }), OnnxDataType.FLOAT, ['batch', 'seq', 2]);
  } else {
    const mask = g.input('attention_mask', OnnxDataType.INT64, ['batch', 'seq']);
    const m = g.op('Unsqueeze', [g.op('Cast', [mask], { to: OnnxDataType.FLOAT }), g.constInt64([2])]);
    g.output(g.op('Mul', [g.op('MatMul', [h, w]), m], {}, { outputs: ['logits'] }), OnnxDataType.FLOAT, ['batch', 'seq', 2]);
  }
  return g.toModel({ opset: 17 });
}

/** A hand-written BPE tokenizer.json: one character per token, one merge ("\n" + "b"), a special `<sep>`. */
export function tinyTokenizerJson(): Record<string, unknown> {
  return {
    version: '1.0',
    added_tokens: [{ id: 16, content: '<sep>', special: true, single_word: false, lstrip: false, rstrip: false, normalized: false }],
    model: {
      type: 'BPE',
      vocab: Object.fromEntries(TINY_VOCAB.map((t, i) => [t, i])),
      merges: ['\n b'],
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
    },
  };
}

/** p(class 1) of the tiny classifier at token v. */
export const tinyP1 = (v: number) => 1 / (1 + Math.exp(-(1 - v)));
