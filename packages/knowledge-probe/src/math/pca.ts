/**
 * Eigen-decomposition of a symmetric matrix `[n, n]` (row-major) by cyclic Jacobi rotations, in
 * float64. Returns eigenvalues descending and matching unit eigenvectors (`vectors[i]` of length n).
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number, maxSweeps = 100): { values: number[]; vectors: number[][] } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]! || x - y);
  return { values: order.map((i) => a[i * n + i]!), vectors: order.map((i) => Array.from({ length: n }, (_, k) => v[k * n + i]!)) };
}

/**
 * PCA of `points` (`[m][d]`) to `dim` coordinates (spec §4.2): features standardised to zero mean
 * and unit variance (constant features stay 0), principal axes from the `m × m` Gram matrix (cheap
 * when m ≪ d), and a deterministic sign: each axis' largest-magnitude loading is positive (ties →
 * lowest feature index). Returns the coordinates `[m][dim]` and the explained variance per axis.
 */
export function pca(points: readonly ArrayLike<number>[], dim: number): { coordinates: number[][]; explained: number[] } {
  const m = points.length;
  const d = m === 0 ? 0 : points[0]!.length;
  const x = points.map((p) => Float64Array.from(p));
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (const r of x) mean += r[j]!;
    mean /= m;
    let varr = 0;
    for (const r of x) varr += (r[j]! - mean) ** 2;
    const sd = Math.sqrt(varr / m);
    for (const r of x) r[j] = sd > 0 ? (r[j]! - mean) / sd : 0;
  }
  const gram = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = i; k < m; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i]![j]! * x[k]![j]!;
      gram[i * m + k] = gram[k * m + i] = s;
    }
  }
  const { values, vectors } = symmetricEigen(gram, m);
  const axes = Math.min(dim, m);
  const coordinates = x.map(() => new Array<number>(dim).fill(0));
  const explained: number[] = [];
  for (let c = 0; c < axes; c++) {
    const lambda = Math.max(values[c]!, 0);
    explained.push(lambda / Math.max(m, 1));
    if (lambda <= 1e-12) continue;
    // loading (feature-space axis) = Xᵀu / √λ; projections = X·loading = u·√λ
    const u = vectors[c]!;
    let best = 0;
    let bestAbs = -1;
    for (let j = 0; j < d; j++) {
      let l = 0;
      for (let i = 0; i < m; i++) l += x[i]![j]! * u[i]!;
      if (Math.abs(l) > bestAbs + 1e-12) {
        bestAbs = Math.abs(l);
        best = l;
      }
    }
    const sign = best < 0 ? -1 : 1;
    const root = Math.sqrt(lambda);
    for (let i = 0; i < m; i++) coordinates[i]![c] = sign * u[i]! * root;
  }
  return { coordinates, explained };
}
