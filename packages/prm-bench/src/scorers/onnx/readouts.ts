/** Turns one logits row (the classes or the vocabulary at a readout position) into a step score; spec §4.4. */
export type Readout = (row: Float32Array) => number;

function softmaxAt(row: Float32Array, indices: readonly number[]): number {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  let total = 0;
  for (const v of row) total += Math.exp(v - max);
  let picked = 0;
  for (const i of indices) picked += Math.exp(row[i]! - max);
  return picked / total;
}

/** Softmax probability of class 1 (Qwen2.5-Math-PRM). */
export const twoClassSoftmax = (positive = 1): Readout => (row) => softmaxAt(row, [positive]);

/** Softmax over two vocabulary logits, value p(good) (Math-Shepherd `+`/`-`, RLHFlow). */
export const tokenPairSoftmax = (o: { good: number; bad: number }): Readout => (row) => {
  const g = row[o.good]!;
  const b = row[o.bad]!;
  const m = Math.max(g, b);
  return Math.exp(g - m) / (Math.exp(g - m) + Math.exp(b - m));
};

/** Sigmoid of one logit (Llemma PRM, Skywork's value head). */
export const sigmoid = (index = 0): Readout => (row) => 1 / (1 + Math.exp(-row[index]!));

/** Sum of softmax probabilities of some classes (ReasonEval validity = p(neutral) + p(positive)). */
export const threeClassSum = (classes: readonly number[] = [1, 2]): Readout => (row) => softmaxAt(row, classes);

/** The raw logit (MATH-Minos). */
export const rawLogit = (index = 0): Readout => (row) => row[index]!;
