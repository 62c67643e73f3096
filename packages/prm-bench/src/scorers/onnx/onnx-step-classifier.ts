import type { Tokenizer } from '@reasonkit/core';
import { ReasonkitError } from '@reasonkit/core';
import { z } from 'zod';
import type { ScorerInput, StepScorer, StepScoreResult } from '../scorer.js';
import type { InputBuilder } from './input-builders.js';
import type { Readout } from './readouts.js';
import type { TokenLogitsModel } from './token-logits-model.js';

/** zod schema of `OnnxStepClassifierOptions`: validates it and applies its defaults. */
export const OnnxStepClassifierOptionsSchema = z.object({
  /** Longest input in tokens; later steps are not scored and `truncatedAtStep` is set. Default 2048 [ref: PRMBench wrappers]. */
  maxLength: z.int().min(1).default(2048),
  /** Items run through the model together (collected for one tick). Default 1. */
  batchSize: z.int().min(1).default(1),
  /** Names the input builder and readout (e.g. `qwen-prm@1`); part of `scorer.id`. */
  preset: z.string().min(1).default('custom'),
});
/** Options of `onnxStepClassifier`: classifier settings plus the model and tokenizer. */
export type OnnxStepClassifierOptions = z.input<typeof OnnxStepClassifierOptionsSchema> & {
  model: TokenLogitsModel;
  tokenizer: Tokenizer;
  input: InputBuilder;
  readout: Readout;
};

interface Pending {
  item: ScorerInput;
  signal?: AbortSignal;
  resolve: (r: StepScoreResult) => void;
  reject: (e: unknown) => void;
}

/**
 * A PRM / step classifier over any `TokenLogitsModel` (an ONNX session through core): builds the
 * input with `input`, runs the model, reads each step's score at its position with `readout`.
 * Inputs longer than `maxLength` are cut; steps whose position falls beyond are not scored and
 * `truncatedAtStep` names the first of them. Concurrent calls are batched up to `batchSize`.
 */
export function createOnnxStepClassifier(options: OnnxStepClassifierOptions): StepScorer {
  const { model, tokenizer, input, readout, ...rest } = options;
  const o = OnnxStepClassifierOptionsSchema.parse(rest);
  let queue: Pending[] = [];
  let scheduled = false;

  const runBatch = async (batch: Pending[]) => {
    const started = Date.now();
    const built = batch.map((p) => {
      const b = input(tokenizer, p.item.question, p.item.steps);
      if (b.positions.length !== p.item.steps.length) {
        throw new ReasonkitError('INVALID_ARGUMENT', `item ${p.item.id}: the input builder found ${b.positions.length} readout positions for ${p.item.steps.length} steps`, { record: p.item.id });
      }
      const ids = b.ids.slice(0, o.maxLength);
      const kept = b.positions.findIndex((pos) => pos >= o.maxLength);
      return { ids, positions: kept < 0 ? b.positions : b.positions.slice(0, kept), truncatedAtStep: kept < 0 ? undefined : kept };
    });
    const { logits, numClasses } = await model.tokenLogits(
      built.map((b) => b.ids),
      batch.find((p) => p.signal)?.signal,
    );
    batch.forEach((p, i) => {
      const b = built[i]!;
      const scores = b.positions.map((pos) => readout(logits[i]!.subarray(pos * numClasses, (pos + 1) * numClasses)));
      p.resolve({
        valid: true,
        scores,
        ...(b.truncatedAtStep !== undefined ? { truncatedAtStep: b.truncatedAtStep } : {}),
        usage: { promptTokens: b.ids.length, latencyMs: Date.now() - started },
      });
    });
  };

  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, o.batchSize);
      queue = queue.slice(o.batchSize);
      runBatch(batch).catch((e) => batch.forEach((p) => p.reject(e)));
    }
  };

  return {
    id: `onnx:${model.id}|${o.preset}|max=${o.maxLength}`,
    kind: 'classifier',
    score(item, ctx) {
      return new Promise((resolve, reject) => {
        if (ctx.signal?.aborted) return reject(new ReasonkitError('ABORTED', 'scoring aborted'));
        queue.push({ item, resolve, reject, ...(ctx.signal ? { signal: ctx.signal } : {}) });
        if (queue.length >= o.batchSize) flush();
        else if (!scheduled) {
          scheduled = true;
          setTimeout(flush, 0);
        }
      });
    },
  };
}
