/** A METEOR implementation: the user's jar (`METEOR`) or the TypeScript approximation (`METEOR_approx`). */
export interface MeteorScorer {
  /** Report key: `METEOR` only for the jar (parity path), `METEOR_approx` for the approximation. */
  readonly key: 'METEOR' | 'METEOR_approx';
  /** Scores candidates against their references: corpus and per-sample METEOR. */
  score(samples: readonly { references: readonly string[]; candidate: string }[], options?: { signal?: AbortSignal }): Promise<{ corpus: number; perSample: Float64Array }>;
}
