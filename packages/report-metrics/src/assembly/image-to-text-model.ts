import type { Tensor } from '@reasonkit/core';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import { applyEmptyCandidate, cleanGeneratedText } from '../text/clean-generated.js';
import { assemble } from './assemble.js';
import type { ModelBinding, ReportRequest } from './assemble.js';

/** A model that writes a report from assembled feeds (spec §7). */
export interface ImageToTextModel {
  readonly id: string;
  /** Generates the report text for the given input tensors. */
  generate(feeds: Record<string, Tensor>, options?: { signal?: AbortSignal }): Promise<string>;
}

/** Wraps a function as an {@link ImageToTextModel} (e.g. a Python service, or an ONNX pipeline of your own). */
export function imageToTextFromFunction(id: string, fn: (feeds: Record<string, Tensor>, options?: { signal?: AbortSignal }) => Promise<string> | string): ImageToTextModel {
  return {
    id,
    async generate(feeds, options) {
      options?.signal?.throwIfAborted();
      const text = await fn(feeds, options);
      if (typeof text !== 'string') throw new ReportMetricsError('LABELER_FAILED', `image-to-text model ${id}: returned ${typeof text}, expected a string`, { field: 'generate' });
      return text;
    },
  };
}

/**
 * Generates one report per request: `assemble` → `model.generate` → PriorRG's clean-up (trim,
 * printable ASCII only) → the empty-candidate policy. Yields results in order as they finish.
 */
export async function* generateReports(
  requests: Iterable<ReportRequest> | AsyncIterable<ReportRequest>,
  model: ImageToTextModel,
  binding: ModelBinding,
  options: { emptyCandidate?: '...' | 'keep'; signal?: AbortSignal; onProgress?: (p: { done: number }) => void } = {},
): AsyncGenerator<{ id: string; report: string; warnings: string[] }> {
  let done = 0;
  for await (const request of requests) {
    options.signal?.throwIfAborted();
    const input = await assemble(request, binding);
    const raw = await model.generate(input.feeds, { signal: options.signal });
    yield { id: request.current.id, report: applyEmptyCandidate(cleanGeneratedText(raw), options.emptyCandidate ?? 'keep'), warnings: input.warnings };
    options.onProgress?.({ done: ++done });
  }
}
