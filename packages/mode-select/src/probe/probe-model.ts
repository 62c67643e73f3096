/** A trained probe over feature vectors (hidden states). */
export interface ProbeModel {
  readonly kind: 'logistic' | 'mlp' | 'regressor2';
  /** Input width. */
  readonly inputSize: number;
  /** Outputs per input: 1 (probability) or 2 (`regressor2`: short and long pass rates). */
  readonly outputs: number;
  /** Probabilities (sigmoid) for classifiers; raw regression outputs for `regressor2`. */
  predict(x: Float32Array): number[];
  /** Serialises the probe (its weights and config) to JSON. */
  toJSON(): unknown;
}
