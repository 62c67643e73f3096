import { KvSparseError, checkFinite } from '../errors/kv-sparse-error.js';

/** Which channel scorer produced a score (recorded in every result; `magnitude` is not SparK). */
export type ScorerKind = 'spark' | 'think' | 'magnitude';

/** Post-RoPE keys of one (layer, KV head) plus the window queries of its query-head group. */
export interface HeadScoreInput {
  /** `[S, D]` post-RoPE keys. */
  keys: Float32Array;
  seqLen: number;
  headDim: number;
  /**
   * Window queries of the G query heads of this KV group, `[G, W, D]` post-RoPE (the last W
   * prompt positions). Not needed by the magnitude scorer.
   */
  queries?: Float32Array | undefined;
  groupSize: number;
  window: number;
}

/** Channel scores of one head: per token (`[S, D]`, unstructured) or per channel (`[D]`, structured). */
export interface HeadScores {
  scorer: ScorerKind;
  /** True only for SparK's query-aware score. */
  isSpark: boolean;
  /** `[S, D]` scores, for unstructured selection. */
  perToken?: Float64Array;
  /** `[D]` scores, for structured selection (ThinK). */
  perChannel?: Float64Array;
  /** `qn[c]` (SparK) or all ones; the restorers' channel term, frozen at prefill. */
  channelNorm: Float32Array;
}

function checkQueries(input: HeadScoreInput, who: string): Float32Array {
  const { queries, groupSize: G, window: W, headDim: D } = input;
  if (!queries) {
    throw new KvSparseError('config', `${who} needs window queries; use magnitudeScorer (not SparK) when the model exposes none`, { field: 'queries' });
  }
  if (queries.length !== G * W * D) {
    throw new KvSparseError('geometry', `${who}: queries hold ${queries.length} values; expected [G=${G}, W=${W}, D=${D}] = ${G * W * D}`, {
      field: 'queries',
      expected: [G, W, D],
      actual: queries.length,
    });
  }
  checkFinite(queries, 'queries');
  return queries;
}

/**
 * SparK's per-channel query norm (spec §2.2 steps 2–3): the signed mean of the G window queries
 * `Q̄ = (1/G) Σ_g Q_g`, then `qn[c] = sqrt(Σ_w Q̄[w,c]²)`. Averaging squares instead is wrong.
 */
export function sparkChannelNorm(queries: Float32Array, groupSize: number, window: number, headDim: number): Float32Array {
  const qn = new Float32Array(headDim);
  for (let c = 0; c < headDim; c++) {
    let ss = 0;
    for (let w = 0; w < window; w++) {
      let m = 0;
      for (let g = 0; g < groupSize; g++) m += queries[(g * window + w) * headDim + c]!;
      m /= groupSize;
      ss += m * m;
    }
    qn[c] = Math.sqrt(ss);
  }
  return qn;
}

/** SparK's query-aware score `s[t,c] = k[t,c]²·qn[c]` (spec §2.2 step 4; paper, reference code). */
export function sparkScores(input: HeadScoreInput): HeadScores {
  const queries = checkQueries(input, 'sparkScorer');
  const qn = sparkChannelNorm(queries, input.groupSize, input.window, input.headDim);
  return { scorer: 'spark', isSpark: true, perToken: weightedSquares(input, qn), channelNorm: qn };
}

/** Query-free fallback `s[t,c] = k[t,c]²`. **Not SparK**: label results as such. */
export function magnitudeScores(input: HeadScoreInput): HeadScores {
  const ones = new Float32Array(input.headDim).fill(1);
  return { scorer: 'magnitude', isSpark: false, perToken: weightedSquares(input, ones), channelNorm: ones };
}

/**
 * ThinK's structured score (spec §7.2): `mean_{g,w}(q_c²) · mean_t(k_{t,c}²)`, one value per channel.
 */
export function thinkScores(input: HeadScoreInput): HeadScores {
  const queries = checkQueries(input, 'thinkScorer');
  const { groupSize: G, window: W, headDim: D, keys, seqLen: S } = input;
  const out = new Float64Array(D);
  for (let c = 0; c < D; c++) {
    let q2 = 0;
    for (let i = 0; i < G * W; i++) q2 += queries[i * D + c]! ** 2;
    let k2 = 0;
    for (let t = 0; t < S; t++) k2 += keys[t * D + c]! ** 2;
    out[c] = (q2 / (G * W)) * (k2 / Math.max(1, S));
  }
  return { scorer: 'think', isSpark: false, perChannel: out, channelNorm: new Float32Array(D).fill(1) };
}

function weightedSquares(input: HeadScoreInput, weight: Float32Array): Float64Array {
  const { keys, seqLen: S, headDim: D } = input;
  const s = new Float64Array(S * D);
  for (let t = 0; t < S; t++) {
    for (let c = 0; c < D; c++) {
      const k = keys[t * D + c]!;
      s[t * D + c] = k * k * weight[c]!;
    }
  }
  return s;
}
