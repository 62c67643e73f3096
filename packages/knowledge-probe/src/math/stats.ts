/** Population variance (numpy's default, ddof 0) of all values, accumulated in float64. */
export function populationVariance(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i]! - mean) ** 2;
  return v / values.length;
}

/** Population standard deviation (numpy's default, ddof 0). */
export function populationStd(values: ArrayLike<number>): number {
  return Math.sqrt(populationVariance(values));
}

/** Max |score| per bucket of `bucket` neurons for each layer (Know-MRI's KN/FiNE plot). */
export function bucketMaxAbs(matrix: readonly (readonly number[])[], bucket = 100): number[][] {
  return matrix.map((row) => {
    const out: number[] = [];
    for (let i = 0; i < row.length; i += bucket) out.push(Math.max(...row.slice(i, i + bucket).map(Math.abs)));
    return out;
  });
}
