/**
 * Naive TypeScript baseline for the benchmark (spec §10.6): the same formulas as the package's
 * scorers, written the straightforward way — string-built n-gram keys in Maps, a full LCS matrix,
 * reference vectors rebuilt on demand. Used only to measure the speed-up side by side.
 */
import type { Sample } from '../src/nlg/sample.js';
import { priorrgPreprocess } from '../src/text/preprocess.js';
import { pythonSplit } from '../src/text/python-split.js';

function ngramCounts(words: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let k = 1; k <= n; k++) {
    for (let i = 0; i + k <= words.length; i++) {
      const key = words.slice(i, i + k).join(' ');
      m.set(key, (m.get(key) ?? 0) + 1);
    }
  }
  return m;
}

export function naiveBleu(samples: Sample[]): number[] {
  let T = 0;
  let R = 0;
  const C = [0, 0, 0, 0];
  const G = [0, 0, 0, 0];
  for (const s of samples) {
    const c = pythonSplit(priorrgPreprocess(s.candidate));
    const refs = s.references.map((r) => pythonSplit(priorrgPreprocess(r)));
    const maxRef = new Map<string, number>();
    for (const r of refs) for (const [g, v] of ngramCounts(r, 4)) maxRef.set(g, Math.max(maxRef.get(g) ?? 0, v));
    for (const [g, v] of ngramCounts(c, 4)) C[g.split(' ').length - 1]! += Math.min(v, maxRef.get(g) ?? 0);
    for (let k = 0; k < 4; k++) G[k]! += Math.max(0, c.length - k);
    T += c.length;
    R += refs.map((r) => r.length).sort((a, b) => Math.abs(a - c.length) - Math.abs(b - c.length) || a - b)[0]!;
  }
  const out: number[] = [];
  let p = 1;
  for (let k = 0; k < 4; k++) {
    p *= (C[k]! + 1e-15) / (G[k]! + 1e-9);
    out.push(p ** (1 / (k + 1)));
  }
  const q = (T + 1e-15) / (R + 1e-9);
  return q < 1 ? out.map((b) => b * Math.exp(1 - 1 / q)) : out;
}

export function naiveRougeL(samples: Sample[]): number {
  let sum = 0;
  for (const s of samples) {
    const c = priorrgPreprocess(s.candidate).split(' ');
    let P = 0;
    let Rm = 0;
    for (const ref of s.references) {
      const r = priorrgPreprocess(ref).split(' ');
      const dp: number[][] = Array.from({ length: r.length + 1 }, () => new Array<number>(c.length + 1).fill(0));
      for (let i = 1; i <= r.length; i++)
        for (let j = 1; j <= c.length; j++) dp[i]![j] = r[i - 1] === c[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
      const l = dp[r.length]![c.length]!;
      P = Math.max(P, l / c.length);
      Rm = Math.max(Rm, l / r.length);
    }
    sum += P !== 0 && Rm !== 0 ? (2.44 * P * Rm) / (Rm + 1.44 * P) : 0;
  }
  return sum / samples.length;
}

export function naiveCiderD(samples: Sample[]): number {
  const df = new Map<string, number>();
  const crefs = samples.map((s) => s.references.map((r) => ngramCounts(pythonSplit(priorrgPreprocess(r)), 4)));
  const ctest = samples.map((s) => ngramCounts(pythonSplit(priorrgPreprocess(s.candidate)), 4));
  for (const refs of crefs) {
    const set = new Set<string>();
    for (const r of refs) for (const g of r.keys()) set.add(g);
    for (const g of set) df.set(g, (df.get(g) ?? 0) + 1);
  }
  const logN = Math.log(samples.length);
  const vec = (cnts: Map<string, number>) => {
    const v = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
    const norm = [0, 0, 0, 0];
    let length = 0;
    for (const [g, tf] of cnts) {
      const n = g.split(' ').length - 1;
      const w = tf * (logN - Math.log(Math.max(1, df.get(g) ?? 0)));
      v[n]!.set(g, w);
      norm[n]! += w * w;
      if (n === 1) length += tf;
    }
    return { v, norm: norm.map(Math.sqrt), length };
  };
  let total = 0;
  samples.forEach((_, i) => {
    const h = vec(ctest[i]!);
    const score = [0, 0, 0, 0];
    for (const ref of crefs[i]!) {
      const r = vec(ref);
      for (let n = 0; n < 4; n++) {
        let val = 0;
        for (const [g, w] of h.v[n]!) val += Math.min(w, r.v[n]!.get(g) ?? 0) * (r.v[n]!.get(g) ?? 0);
        if (h.norm[n] !== 0 && r.norm[n] !== 0) val /= h.norm[n]! * r.norm[n]!;
        score[n]! += val * Math.exp(-((h.length - r.length) ** 2) / 72);
      }
    }
    total += ((score[0]! + score[1]! + score[2]! + score[3]!) / 4 / crefs[i]!.length) * 10;
  });
  return total / samples.length;
}
