/**
 * What the step classifier needs from a model: per-token class (or vocabulary) logits for a batch
 * of token-id rows. `logits[b]` is row-major `[length_b, numClasses]` for row `b`.
 * `onnxModelTokenLogits` adapts core's generic `OnnxModel`.
 */
export interface TokenLogitsModel {
  readonly id: string;
  /** Logits of each row's last token, with the number of classes. */
  tokenLogits(rows: readonly (readonly number[])[], signal?: AbortSignal): Promise<{ logits: Float32Array[]; numClasses: number }>;
}
