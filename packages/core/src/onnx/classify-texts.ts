import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { sigmoid } from '../tensor/ops/pooling.js';
import { softmax } from '../tensor/ops/softmax.js';
import { argmax } from '../tensor/ops/argmax.js';
import { tensor } from '../tensor/create-tensor.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import { parseOptions } from '../validation/parse-options.js';
import type { OnnxModel } from './onnx-model.js';
import { defaultOutput, rowsOf, runTextBatches, TextBatchOptionsSchema } from './text-batches.js';

/** zod schema of `ClassifyTextsOptions`: validates it and applies its defaults. */
export const ClassifyTextsOptionsSchema = /* @__PURE__ */ lazySchema(() => TextBatchOptionsSchema.extend({
  /**
   * Scores from logits: `'softmax'` (single-label, HF `text-classification` default),
   * `'sigmoid'` (multi-label or one-logit scorers), `'none'` (scores = logits). Default `'softmax'`.
   */
  activation: z.enum(['softmax', 'sigmoid', 'none']).default('softmax'),
  /** Second texts, one per text (cross-encoders, question/answer step scorers). */
  pairs: z.array(z.string()).optional(),
  /** Label names by class index (`config.json` `id2label` as an array). */
  labels: z.array(z.string()).optional(),
  /**
   * For `[batch, length, classes]` outputs (LM-head scorers over the whole input): which token's
   * logits to use. Default `'last'` (the last real token).
   */
  pooling: z.enum(['mean', 'cls', 'last']).default('last'),
  /**
   * Keep only these class indices, in this order, before the activation (an LM-head scorer's
   * label tokens, e.g. the ids of `'+'` and `'-'`). Default: all classes.
   */
  select: z.array(z.number().int().nonnegative()).min(1).optional(),
}));
/** Input accepted by `ClassifyTextsOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ClassifyTextsOptions = z.input<typeof ClassifyTextsOptionsSchema>;

/** One text's classification. */
export interface TextClassification {
  logits: Float32Array;
  /** `activation(logits)`. */
  scores: Float32Array;
  /** Index of the highest score. */
  label: number;
  /** `labels[label]` when `labels` were given. */
  labelName?: string;
}

/**
 * Classifies texts (or text pairs) with a sequence-classification graph: tokenizes in batches,
 * reads `output` (default `logits`, else the first output), takes `[batch, classes]` rows (or
 * pools `[batch, length, classes]`), and applies `activation`.
 */
export async function classifyTexts(
  model: OnnxModel,
  tokenizer: Tokenizer,
  texts: readonly string[],
  options: ClassifyTextsOptions = {},
): Promise<TextClassification[]> {
  const o = parseOptions(ClassifyTextsOptionsSchema, options, 'classifyTexts options');
  const output = o.output ?? defaultOutput(model, ['logits']);
  const out: TextClassification[] = [];
  for await (const { batch, value } of runTextBatches(model, tokenizer, texts, o, output)) {
    for (const row of rowsOf(value, batch.attentionMask, o.pooling, output)) {
      const logits = o.select ? selectColumns(row, o.select, output) : row;
      const scores =
        o.activation === 'softmax'
          ? softmax(logits)
          : o.activation === 'sigmoid'
            ? sigmoid(tensor('float32', logits, [logits.length])).data
            : logits.slice();
      const label = argmax(scores);
      const name = o.labels?.[label];
      out.push({ logits, scores, label, ...(name !== undefined ? { labelName: name } : {}) });
    }
  }
  return out;
}

function selectColumns(row: Float32Array, select: readonly number[], output: string): Float32Array {
  const bad = select.find((i) => i >= row.length);
  if (bad !== undefined) {
    throw new ReasonkitError('INVALID_ARGUMENT', `classifyTexts: select holds ${bad} but output ${output} has ${row.length} classes`, {
      field: 'select',
      tensor: output,
      expected: row.length,
      actual: bad,
    });
  }
  return Float32Array.from(select, (i) => row[i]!);
}
