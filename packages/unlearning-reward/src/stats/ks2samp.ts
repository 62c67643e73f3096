import { InvalidOptionsError } from '../errors/index.js';
import { kolmogorovSf } from './kstwo.js';

/** Result of a two-sample Kolmogorov–Smirnov test: statistic and p-value. */
export interface Ks2SampResult {
  statistic: number;
  pvalue: number;
  method: 'exact' | 'asymp';
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** max over pooled values of |c1/n1 − c2/n2|, returned on the integer lattice h = D·lcm(n1, n2). */
function latticeStatistic(a: readonly number[], b: readonly number[]): { h: number; lcm: number } {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  const n1 = x.length;
  const n2 = y.length;
  const g = gcd(n1, n2);
  const s1 = n2 / g; // lcm / n1
  const s2 = n1 / g; // lcm / n2
  let i = 0;
  let j = 0;
  let h = 0;
  while (i < n1 || j < n2) {
    const v = Math.min(i < n1 ? x[i]! : Infinity, j < n2 ? y[j]! : Infinity);
    while (i < n1 && x[i]! <= v) i++;
    while (j < n2 && y[j]! <= v) j++;
    h = Math.max(h, Math.abs(i * s1 - j * s2));
  }
  return { h, lcm: (n1 / g) * n2 };
}

/** P(D ≥ h/n) for equal sizes n: 2·Σ(−1)^{k−1} C(2n, n−kh)/C(2n, n), in Horner form (no cancellation). */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/**
 * 1 − (fraction of the C(m+n, n) lattice paths that stay strictly inside |x·n/g − y·m/g| < h).
 * Fractions are carried normalised: Q(x, y) = (x·Q(x−1, y) + y·Q(x, y−1))/(x + y).
 */
function probOutsideRect(m: number, n: number, g: number, h: number): number {
  const mg = m / g;
  const ng = n / g;
  let col = new Float64Array(n + 1);
  const inside = (x: number, y: number) => Math.abs(x * ng - y * mg) < h;
  col[0] = 1;
  for (let y = 1; y <= n; y++) col[y] = inside(0, y) ? col[y - 1]! : 0; // y·Q(0,y−1)/y
  for (let x = 1; x <= m; x++) {
    const next = new Float64Array(n + 1);
    next[0] = inside(x, 0) ? col[0]! : 0;
    for (let y = 1; y <= n; y++) next[y] = inside(x, y) ? (x * col[y]! + y * next[y - 1]!) / (x + y) : 0;
    col = next;
  }
  return 1 - col[n]!;
}

/**
 * Two-sided two-sample Kolmogorov–Smirnov test with scipy's `ks_2samp` semantics: `auto` uses the exact
 * distribution when max(n1, n2) ≤ 10,000, else the asymptotic one (`kstwo.sf(D, round(n1·n2/(n1+n2)))`).
 * D is compared on the integer lattice h = round(D·lcm) (spec §8.3).
 */
export function ks2samp(a: readonly number[], b: readonly number[], o: { method?: 'auto' | 'exact' | 'asymp' } = {}): Ks2SampResult {
  if (a.length === 0 || b.length === 0) throw new InvalidOptionsError('ks2samp: both samples must be non-empty', a.length === 0 ? 'a' : 'b');
  if ([...a, ...b].some((v) => typeof v !== 'number' || Number.isNaN(v))) throw new InvalidOptionsError('ks2samp: samples must be numbers (no NaN)', 'a');
  const n1 = a.length;
  const n2 = b.length;
  const { h, lcm } = latticeStatistic(a, b);
  const statistic = h / lcm;
  let method = o.method ?? 'auto';
  if (method === 'auto') method = Math.max(n1, n2) <= 10_000 ? 'exact' : 'asymp';
  if (method === 'exact') {
    let p: number;
    if (h === 0) p = 1;
    else if (n1 === n2) p = probOutsideSquare(n1, h);
    else p = probOutsideRect(Math.max(n1, n2), Math.min(n1, n2), gcd(n1, n2), h);
    if (Number.isFinite(p) && p >= 0 && p <= 1) return { statistic, pvalue: p, method: 'exact' };
  }
  const en = (n1 * n2) / (n1 + n2);
  return { statistic, pvalue: Math.min(1, Math.max(0, kolmogorovSf(Math.round(en), statistic))), method: 'asymp' };
}
