import { mulberry32 } from '@reasonkit/core';
import { ProbeError } from '../../errors/probe-error.js';

/**
 * Blocks restored for a window of `w` around block `l` of `L` (spec §4.4 step 7, ROME's
 * `trace_with_repatch` windows): `[max(0, l − ⌊w/2⌋), min(L, l − ⌊−w/2⌋))`.
 */
export function windowRange(l: number, w: number, L: number): number[] {
  const start = Math.max(0, l - Math.floor(w / 2));
  const end = Math.min(L, l - Math.floor(-w / 2));
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

/** A seeded generator of N(0, 1) draws: Box–Muller over core's `mulberry32`. */
export function gaussian(seed: number): () => number {
  const u = mulberry32(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let a = u();
    while (a === 0) a = u();
    const r = Math.sqrt(-2 * Math.log(a));
    const th = 2 * Math.PI * u();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
}

/** A parsed `noise_level`: `s{k}` k × the subject embeddings' std, `u{x}` uniform x·U(−1, 1), or a number σ. */
export type NoiseLevel = { kind: 'gaussian'; scale: number; relative: boolean } | { kind: 'uniform'; scale: number };

/** Parses Know-MRI's `noise_level` (`"s3"`, `"u0.5"`, or a number). `m` and `t{d}` are not in v1. */
export function parseNoiseLevel(level: string | number): NoiseLevel {
  if (typeof level === 'number') return { kind: 'gaussian', scale: level, relative: false };
  const m = /^([su])(\d+(?:\.\d+)?)$/.exec(level);
  if (!m) {
    throw new ProbeError('invalid-sample', `params.noiseLevel: "${level}" is not supported (use a number, "s{k}" or "u{x}"; Know-MRI's "m" and "t{d}" are not in v1)`, { field: 'params.noiseLevel' });
  }
  return m[1] === 's' ? { kind: 'gaussian', scale: Number(m[2]), relative: true } : { kind: 'uniform', scale: Number(m[2]) };
}

/** `count` draws of the noise (σ already applied), from a generator seeded with `seed`. */
export function drawNoise(level: NoiseLevel, sigma: number, count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  if (level.kind === 'uniform') {
    const u = mulberry32(seed);
    for (let i = 0; i < count; i++) out[i] = level.scale * (2 * u() - 1);
  } else {
    const g = gaussian(seed);
    for (let i = 0; i < count; i++) out[i] = sigma * g();
  }
  return out;
}
