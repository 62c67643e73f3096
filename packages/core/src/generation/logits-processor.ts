/**
 * A logits processor edits the scores of the next token in place. `ids` is the whole sequence so
 * far (prompt + generated), `logits` the float32 scores of the last position (length = vocab).
 * Processors are plain functions; the factories below close over their settings. Spec core §5.4.
 */
export type LogitsProcessor = (ids: readonly number[], logits: Float32Array) => void;

/** Runs processors in order over `logits` (in place). */
export function applyProcessors(
  processors: readonly LogitsProcessor[],
  ids: readonly number[],
  logits: Float32Array,
): void {
  for (const p of processors) p(ids, logits);
}
