import { z } from 'zod';
import { InvalidOptionsError, parseUnlearningOptions } from '../errors/index.js';
import type { RefusalDetector, RefusalVerdict } from './detector.js';

/**
 * A sequence classifier returning one logits row per text (`[batch, numLabels]`). Core's ONNX
 * adapter satisfies it (see `onnxSequenceClassifier`); tests may pass any implementation.
 */
export interface SequenceClassifier {
  readonly id: string;
  /** Classifies texts: one row of class logits per text. */
  classify(texts: string[], o?: { signal?: AbortSignal }): Promise<number[][]>;
}

/** zod schema of `ClassifierDetectorOptions`: validates it and applies its defaults. */
export const ClassifierDetectorOptionsSchema = z.object({
  /** Index of the "refusal" label (protectai/distilroberta-base-rejection-v1: 1 = REJECTION). */
  refusalLabel: z.number().int().nonnegative().default(1),
  /** Softmax probability threshold (default 0.5, ours). */
  threshold: z.number().min(0).max(1).default(0.5),
  /** Texts per classifier call (default 32, spec §4.4). */
  batchSize: z.number().int().positive().default(32),
});
/** Input accepted by `ClassifierDetectorOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ClassifierDetectorOptions = z.input<typeof ClassifierDetectorOptionsSchema>;

/** Softmax of one row of logits. */
export function softmax(logits: readonly number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Refusal detector over a sequence classifier: softmax, P(refusal label) ≥ threshold. Batches `detectBatch`. */
export function classifierDetector(classifier: SequenceClassifier, options: ClassifierDetectorOptions = {}): RefusalDetector {
  const { refusalLabel, threshold, batchSize } = parseUnlearningOptions(ClassifierDetectorOptionsSchema, options, 'classifierDetector');
  const name = `classifier:${classifier.id}`;
  const toVerdict = (row: number[]): RefusalVerdict => {
    if (row.length <= refusalLabel) throw new InvalidOptionsError(`classifier '${classifier.id}' returned ${row.length} logits; refusalLabel is ${refusalLabel}`, 'refusalLabel');
    const pr = softmax(row)[refusalLabel]!;
    return { isRefusal: pr >= threshold, score: pr, strategy: name };
  };
  const detectBatch = async (texts: string[]): Promise<RefusalVerdict[]> => {
    const out: RefusalVerdict[] = [];
    for (let i = 0; i < texts.length; i += batchSize) {
      const chunk = texts.slice(i, i + batchSize);
      const logits = await classifier.classify(chunk);
      if (logits.length !== chunk.length) throw new InvalidOptionsError(`classifier '${classifier.id}' returned ${logits.length} rows for ${chunk.length} texts`, 'classifier');
      out.push(...logits.map(toVerdict));
    }
    return out;
  };
  return { name, detect: async (t) => (await detectBatch([t]))[0]!, detectBatch };
}
