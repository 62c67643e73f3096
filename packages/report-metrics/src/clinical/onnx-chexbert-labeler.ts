import { z } from 'zod';
import { OnnxModel, encodeBatchWith, parseOptions } from '@reasonkit/core';
import type { Tensor, Tokenizer } from '@reasonkit/core';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import { CHEXBERT_CLASSES } from './chexbert-classes.js';
import { CHEXBERT_HEAD_SIZES, chexbertInputText, chexbertLabelsFromLogits } from './chexbert-logits.js';
import type { ReportLabeler } from './labeler.js';

/** zod schema of `OnnxChexbertLabelerOptions`: validates it and applies its defaults. */
export const OnnxChexbertLabelerOptionsSchema = z.object({
  /** The user's CheXbert export, loaded with core's `createOnnxModel` / `loadOnnxModel`. */
  model: z.custom<OnnxModel>((v) => v instanceof OnnxModel, 'expected an OnnxModel (createOnnxModel / loadOnnxModel from @reasonkit/core)'),
  /** Its tokenizer (bert-base-uncased for CheXbert), e.g. core's `loadTokenizer(dir)`. */
  tokenizer: z.custom<Tokenizer>((v) => typeof v === 'object' && v !== null && typeof (v as Tokenizer).encode === 'function'),
  /** Cache identity: model + revision + mode (e.g. `chexbert@<sha>`); the mode is appended. */
  id: z.string().min(1),
  /**
   * Output binding: one output holding all heads' logits concatenated `[batch, Σ headSizes]`
   * (default `logits`), or one output per head in CheXbert order (`[batch, headSize]` each)
   * [our choice; the export layout is unknown].
   */
  outputs: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).default('logits'),
  /** Classes per head; default 13 × 4 + 2 (CheXbert). */
  headSizes: z.array(z.number().int().min(2)).min(1).default([...CHEXBERT_HEAD_SIZES]),
  mode: z.enum(['rrg', 'classification']).default('rrg'),
  /** Token limit, special tokens included; 512 as PriorRG's labeler (511 + [SEP]) [reference code]. */
  maxLength: z.number().int().positive().default(512),
  /** Texts per ONNX run; 16 [our choice]. */
  batchSize: z.number().int().positive().default(16),
  classes: z.array(z.string()).default([...CHEXBERT_CLASSES]),
});
/** Input accepted by `OnnxChexbertLabelerOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type OnnxChexbertLabelerOptions = z.input<typeof OnnxChexbertLabelerOptionsSchema>;

function rowsOf(t: Tensor, name: string, batch: number, width: number): Float32Array[] {
  if (t.dims.length !== 2 || t.dims[0] !== batch || t.dims[1] !== width) {
    throw new ReportMetricsError('LABELER_FAILED', `CheXbert ONNX output ${name}: expected [${batch}, ${width}], got [${t.dims.join(', ')}]`, { tensor: name, expected: [batch, width], actual: [...t.dims] });
  }
  const data = t.data as Float32Array;
  return Array.from({ length: batch }, (_, b) => data.subarray(b * width, (b + 1) * width));
}

/**
 * A CheXbert labeler over the user's ONNX export through core's generic model adapter: PriorRG's
 * input clean-up (trim, newlines → spaces, collapse whitespace), batch tokenization truncated to
 * 512 tokens (an empty report becomes `[CLS] [SEP]`), argmax per head, then the `rrg` mapping
 * (positive or uncertain → 1) or `classification` (uncertain → −1).
 */
export function onnxChexbertLabeler(options: OnnxChexbertLabelerOptions): ReportLabeler {
  const o = parseOptions(OnnxChexbertLabelerOptionsSchema, options, 'onnxChexbertLabeler options');
  const outputs = typeof o.outputs === 'string' ? [o.outputs] : o.outputs;
  if (outputs.length !== 1 && outputs.length !== o.headSizes.length) {
    throw new ReportMetricsError('INVALID_INPUT', `onnxChexbertLabeler: outputs lists ${outputs.length} names; give one (concatenated heads) or one per head (${o.headSizes.length})`, { field: 'outputs' });
  }
  if (o.headSizes.length !== o.classes.length) {
    throw new ReportMetricsError('INVALID_INPUT', `onnxChexbertLabeler: ${o.headSizes.length} heads but ${o.classes.length} classes`, { field: 'classes' });
  }
  for (const name of outputs) {
    if (o.model.output(name) === undefined) {
      throw new ReportMetricsError('INVALID_INPUT', `onnxChexbertLabeler: the model has no output ${name}; available: ${o.model.outputNames.join(', ')}`, { field: 'outputs', tensor: name }, 'UNKNOWN_OUTPUT');
    }
  }
  const total = o.headSizes.reduce((a, b) => a + b, 0);
  return {
    id: `${o.id}|${o.mode}`,
    classes: o.classes,
    async label(texts, opts) {
      const out: Int8Array[] = [];
      for (let start = 0; start < texts.length; start += o.batchSize) {
        opts?.signal?.throwIfAborted();
        const chunk = texts.slice(start, start + o.batchSize).map(chexbertInputText);
        const batch = encodeBatchWith(o.tokenizer, chunk, { maxLength: o.maxLength, truncation: 'right' });
        const result = await o.model.run(o.model.feedsFor(batch), { outputs, signal: opts?.signal });
        if (outputs.length === 1) {
          for (const row of rowsOf(result[outputs[0]!]!, outputs[0]!, chunk.length, total)) out.push(chexbertLabelsFromLogits(row, { headSizes: o.headSizes, mode: o.mode }));
        } else {
          const perHead = outputs.map((name, h) => rowsOf(result[name]!, name, chunk.length, o.headSizes[h]!));
          for (let b = 0; b < chunk.length; b++) {
            const row = new Float32Array(total);
            let off = 0;
            perHead.forEach((rows, h) => {
              row.set(rows[b]!, off);
              off += o.headSizes[h]!;
            });
            out.push(chexbertLabelsFromLogits(row, { headSizes: o.headSizes, mode: o.mode }));
          }
        }
      }
      return out;
    },
  };
}
