/**
 * Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n (scipy `kstwo.sf`),
 * which scipy's `ks_2samp(method='asymp')` evaluates at n = round(n1·n2/(n1+n2)). Regimes follow
 * Simard & L'Ecuyer (2011) as scipy does: Ruben–Gambino closed forms at the ends, 2·Smirnov
 * (Birnbaum–Tingey, exact one-sided) for large n·x², otherwise the Marsaglia–Tsang–Wang matrix method
 * (exact CDF; scipy uses Pomeranz for 0.754693 < n·x² ≤ 4 and Pelz–Good for large n, which agree
 * to far below 1e-9 in our fixtures; ours).
 */
export function kolmogorovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // CDF = n!/n^n · (2t − 1)^n
    let logp = 0;
    for (let i = 1; i <= n; i++) logp += Math.log(i / n);
    const cdf = Math.exp(logp + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnov(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 > 4) return clip(2 * smirnov(n, x));
    return clip(1 - kolmogorovCdfMtw(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnov(n, x));
  if (nx2 >= 18) return 0;
  return clip(1 - kolmogorovCdfMtw(n, x));
}

const clip = (p: number) => Math.min(1, Math.max(0, p));

function logGamma(z: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 relative for z > 0.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const zz = z - 1;
  let a = c[0]!;
  const tt = zz + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (zz + i);
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(tt) - tt + Math.log(a);
}

const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/** One-sided exact P(D_n^+ ≥ e) (Birnbaum–Tingey): e·Σ_{j=0}^{⌊n(1−e)⌋} C(n,j)(1−e−j/n)^{n−j}(e+j/n)^{j−1}. */
export function smirnov(n: number, e: number): number {
  if (e <= 0) return 1;
  if (e >= 1) return 0;
  const jmax = Math.floor(n * (1 - e) + 1e-12);
  let sum = 0;
  for (let j = 0; j <= jmax; j++) {
    const a = 1 - e - j / n;
    if (a <= 0) continue;
    sum += Math.exp(logChoose(n, j) + (n - j) * Math.log(a) + (j - 1) * Math.log(e + j / n));
  }
  return clip(e * sum);
}

/** Marsaglia, Tsang & Wang (2003): exact P(D_n < d) by the k×k matrix power, with exponent tracking. */
export function kolmogorovCdfMtw(n: number, d: number): number {
  const k = Math.floor(n * d) + 1;
  const m = 2 * k - 1;
  const h = k - n * d;
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) H[i * m + j] = i - j + 1 < 0 ? 0 : 1;
  for (let i = 0; i < m; i++) {
    H[i * m] = H[i * m]! - h ** (i + 1);
    H[(m - 1) * m + i] = H[(m - 1) * m + i]! - h ** (m - i);
  }
  H[(m - 1) * m] = H[(m - 1) * m]! + (2 * h - 1 > 0 ? (2 * h - 1) ** m : 0);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      if (i - j + 1 > 0) {
        let f = 1;
        for (let g = 1; g <= i - j + 1; g++) f *= g;
        H[i * m + j] = H[i * m + j]! / f;
      }
    }
  const { mat, exp } = matPow(H, m, n);
  let s = mat[(k - 1) * m + (k - 1)]!;
  let e = exp;
  for (let i = 1; i <= n; i++) {
    s = (s * i) / n;
    if (s < 1e-140) {
      s *= 1e140;
      e -= 140;
    }
  }
  return clip(s * 10 ** e);
}

function matMul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) c[i * m + j] = c[i * m + j]! + aik * b[k * m + j]!;
    }
  return c;
}

function matPow(a: Float64Array, m: number, n: number): { mat: Float64Array; exp: number } {
  if (n === 1) return { mat: a, exp: 0 };
  const half = matPow(a, m, Math.floor(n / 2));
  let mat = matMul(half.mat, half.mat, m);
  let exp = 2 * half.exp;
  if (n % 2 === 1) mat = matMul(a, mat, m);
  const center = mat[Math.floor(m / 2) * m + Math.floor(m / 2)]!;
  if (center > 1e140) {
    for (let i = 0; i < m * m; i++) mat[i] = mat[i]! * 1e-140;
    exp += 140;
  }
  return { mat, exp };
}
