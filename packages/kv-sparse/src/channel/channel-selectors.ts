import { KvSparseError } from '../errors/kv-sparse-error.js';
import type { HeadScores } from './channel-scorers.js';
import { keepCount } from './keep-count.js';

/** A channel selector (spec §2.3, §9.3). Plain data; validated by `ChannelPressSchema`. */
export type ChannelSelector =
  | { kind: 'fixedRatio'; ratio: number }
  | { kind: 'topP'; p: number }
  | { kind: 'bucketed'; bounds: number[]; keep: number[]; p: number }
  | { kind: 'structured'; ratio: number };

/**
 * Channels sorted by descending score, **stable** (a lower channel index wins ties; spec §2.4,
 * our choice, where the reference's torch argsort is unspecified).
 */
export function sortChannelsDescending(scores: ArrayLike<number>, offset: number, headDim: number, out: Uint16Array | number[]): void {
  for (let c = 0; c < headDim; c++) out[c] = c;
  // insertion sort: stable, and D ≤ 256
  for (let i = 1; i < headDim; i++) {
    const c = out[i]!;
    const v = scores[offset + c]!;
    let j = i - 1;
    while (j >= 0 && scores[offset + out[j]!]! < v) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = c;
  }
}

/** Smallest prefix of `order` whose cumulative score exceeds `p` of the total (at least 1). */
function prefixFor(scores: Float64Array, offset: number, order: Uint16Array, D: number, p: number): number {
  let total = 0;
  for (let c = 0; c < D; c++) total += scores[offset + c]!;
  if (!(total > 0)) return 1;
  let acc = 0;
  for (let i = 0; i < D; i++) {
    acc += scores[offset + order[i]!]!;
    if (acc > p * total) return i + 1;
  }
  return D;
}

/**
 * The kept-channel mask `[S, D]` (1 = kept) for one head.
 * - `fixedRatio(r)`: each token keeps its top `T = D − floor(r·D)` channels (default; reference).
 * - `topP(p)`: each token keeps the smallest prefix reaching `p` of its score mass (the reference
 *   path crashes; ours runs).
 * - `bucketed`: n = channels needed for `p` of the mass; `n ≤ bounds[i]·D` keeps `keep[i]·D`
 *   (floored, at least 1), else the last `keep` (reference table, §2.3).
 * - `structured(r)`: one channel set for all tokens (ThinK), from per-channel scores or the
 *   per-token scores summed over tokens.
 */
export function selectChannels(scores: HeadScores, seqLen: number, headDim: number, selector: ChannelSelector): Uint8Array {
  const D = headDim;
  const S = seqLen;
  const mask = new Uint8Array(S * D);
  const order = new Uint16Array(D);
  if (selector.kind === 'structured') {
    const T = keepCount(D, selector.ratio);
    let per = scores.perChannel;
    if (!per) {
      per = new Float64Array(D);
      const pt = scores.perToken!;
      for (let t = 0; t < S; t++) for (let c = 0; c < D; c++) per[c] = per[c]! + pt[t * D + c]!;
    }
    sortChannelsDescending(per, 0, D, order);
    const keep = new Uint8Array(D);
    for (let i = 0; i < T; i++) keep[order[i]!] = 1;
    for (let t = 0; t < S; t++) mask.set(keep, t * D);
    return mask;
  }
  const pt = scores.perToken;
  if (!pt) {
    throw new KvSparseError('config', `selector ${selector.kind} needs per-token scores but scorer ${scores.scorer} is structured; use structured(r)`, {
      field: 'selector',
      actual: selector.kind,
    });
  }
  const fixedT = selector.kind === 'fixedRatio' ? keepCount(D, selector.ratio) : 0;
  if (selector.kind === 'bucketed' && selector.keep.length !== selector.bounds.length + 1) {
    throw new KvSparseError('config', `bucketed: keep has ${selector.keep.length} entries; expected bounds.length + 1 = ${selector.bounds.length + 1}`, {
      field: 'selector.keep',
    });
  }
  for (let t = 0; t < S; t++) {
    const off = t * D;
    sortChannelsDescending(pt, off, D, order);
    let T = fixedT;
    if (selector.kind === 'topP') T = prefixFor(pt, off, order, D, selector.p);
    else if (selector.kind === 'bucketed') {
      const n = prefixFor(pt, off, order, D, selector.p);
      let b = selector.bounds.findIndex((x) => n <= x * D + 1e-9);
      if (b < 0) b = selector.bounds.length;
      T = Math.max(1, Math.floor(selector.keep[b]! * D + 1e-9));
    }
    for (let i = 0; i < T; i++) mask[off + order[i]!] = 1;
  }
  return mask;
}
