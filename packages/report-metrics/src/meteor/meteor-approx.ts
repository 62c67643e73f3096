import { z } from 'zod';
import { parseOptions } from '@reasonkit/core';
import stemmer from 'wink-porter2-stemmer';
import type { MeteorScorer } from './meteor-scorer.js';

/** zod schema of `MeteorApproxOptions`: validates it and applies its defaults. */
export const MeteorApproxOptionsSchema = z.object({
  /** Meteor 1.5 English `rank` task parameters [ref: cmu-mtlab/meteor util/Constants.java]. */
  alpha: z.number().min(0).max(1).default(0.85),
  beta: z.number().positive().default(0.2),
  gamma: z.number().min(0).max(1).default(0.6),
  delta: z.number().min(0).max(1).default(0.75),
  /** Module weights: exact 1.0, stem 0.6 [ref: Meteor 1.5]; synonym/paraphrase modules absent. */
  exactWeight: z.number().min(0).default(1),
  stemWeight: z.number().min(0).default(0.6),
  /** Optional function-word list (lowercase); without it δ cancels out. */
  functionWords: z.array(z.string()).optional(),
  /** Stemmer; default Porter2 (Snowball English) from wink-porter2-stemmer. */
  stem: z.custom<(word: string) => string>((v) => typeof v === 'function').optional(),
});
/** Input accepted by `MeteorApproxOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type MeteorApproxOptions = z.input<typeof MeteorApproxOptionsSchema>;

/** Our stand-in for Meteor's `-norm`: lowercase, split punctuation off words. */
export function meteorNormalize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([^\p{L}\p{N}\s'])/gu, ' $1 ')
    .split(/\s+/)
    .filter(Boolean);
}

/** Sufficient statistics of one hypothesis–reference alignment. */
export interface MeteorStats {
  hypWeight: number;
  refWeight: number;
  /** Weighted matches on the hypothesis and reference sides. */
  hypMatched: number;
  refMatched: number;
  matches: number;
  chunks: number;
  complete: boolean;
}

/**
 * Parsed METEOR options plus the resolved stemmer (Porter by default) and function-word set.
 *
 * @inline
 */
type Resolved = z.output<typeof MeteorApproxOptionsSchema> & { stem: (w: string) => string; fw: Set<string> };

/** Greedy one-to-one alignment, exact then stem, preferring the next reference position (fewer crossings). */
export function meteorAlign(hyp: readonly string[], ref: readonly string[], o: Resolved): MeteorStats {
  const refOf = new Int32Array(hyp.length).fill(-1);
  const weightOf = new Float64Array(hyp.length);
  const used = new Uint8Array(ref.length);
  const stage = (key: (w: string) => string, weight: number) => {
    const refKeys = ref.map(key);
    let last = -1;
    for (let i = 0; i < hyp.length; i++) {
      if (refOf[i]! >= 0) {
        last = refOf[i]!;
        continue;
      }
      const k = key(hyp[i]!);
      let pick = -1;
      for (let j = last + 1; j < ref.length && pick < 0; j++) if (!used[j] && refKeys[j] === k) pick = j;
      for (let j = 0; j <= last && pick < 0; j++) if (!used[j] && refKeys[j] === k) pick = j;
      if (pick >= 0) {
        refOf[i] = pick;
        weightOf[i] = weight;
        used[pick] = 1;
        last = pick;
      }
    }
  };
  stage((w) => w, o.exactWeight);
  stage(o.stem, o.stemWeight);
  const ww = (w: string) => (o.fw.has(w) ? 1 - o.delta : o.delta);
  let hypWeight = 0;
  let refWeight = 0;
  let hypMatched = 0;
  let refMatched = 0;
  let matches = 0;
  let chunks = 0;
  let prev = -2;
  for (const w of ref) refWeight += ww(w);
  for (let i = 0; i < hyp.length; i++) {
    hypWeight += ww(hyp[i]!);
    const j = refOf[i]!;
    if (j < 0) {
      prev = -2;
      continue;
    }
    matches++;
    hypMatched += weightOf[i]! * ww(hyp[i]!);
    refMatched += weightOf[i]! * ww(ref[j]!);
    if (j !== prev + 1) chunks++;
    prev = j;
  }
  return { hypWeight, refWeight, hypMatched, refMatched, matches, chunks, complete: chunks === 1 && matches === hyp.length && matches === ref.length };
}

/** METEOR score from (possibly summed) statistics: Fmean · (1 − γ·frag^β), clamped at 0, NaN → 0. */
export function meteorFromStats(s: MeteorStats, o: { alpha: number; beta: number; gamma: number }): number {
  if (s.matches === 0) return 0;
  const P = s.hypMatched / s.hypWeight;
  const R = s.refMatched / s.refWeight;
  const fmean = 1 / ((1 - o.alpha) / P + o.alpha / R);
  const frag = s.complete ? 0 : s.chunks / s.matches;
  const score = fmean * (1 - o.gamma * frag ** o.beta);
  return Number.isNaN(score) ? 0 : Math.max(0, score);
}

/**
 * A **non-parity** TypeScript approximation of METEOR 1.5 (spec §4.5): exact + Porter2 stem
 * matching, greedy alignment, no WordNet synonyms or paraphrases. Reported as `METEOR_approx`,
 * never `METEOR`. With several references the best-scoring one is used; the corpus score sums the
 * chosen statistics, as Meteor aggregates.
 */
export function meteorApprox(options: MeteorApproxOptions = {}): MeteorScorer & {
  /** Synchronous `score`. */
  scoreSync(samples: readonly { references: readonly string[]; candidate: string }[]): { corpus: number; perSample: Float64Array };
} {
  const p = parseOptions(MeteorApproxOptionsSchema, options, 'meteorApprox options');
  const o: Resolved = { ...p, stem: p.stem ?? ((w: string) => stemmer(w)), fw: new Set(p.functionWords ?? []) };
  const scoreSync = (samples: readonly { references: readonly string[]; candidate: string }[]) => {
    const perSample = new Float64Array(samples.length);
    const total: MeteorStats = { hypWeight: 0, refWeight: 0, hypMatched: 0, refMatched: 0, matches: 0, chunks: 0, complete: false };
    let allComplete = true;
    samples.forEach((s, i) => {
      const hyp = meteorNormalize(s.candidate);
      let best = -1;
      let bestStats: MeteorStats | undefined;
      for (const r of s.references) {
        const st = meteorAlign(hyp, meteorNormalize(r), o);
        const v = meteorFromStats(st, o);
        if (v > best) (best = v), (bestStats = st);
      }
      perSample[i] = best;
      const b = bestStats!;
      total.hypWeight += b.hypWeight;
      total.refWeight += b.refWeight;
      total.hypMatched += b.hypMatched;
      total.refMatched += b.refMatched;
      total.matches += b.matches;
      total.chunks += b.chunks;
      allComplete &&= b.complete;
    });
    total.complete = allComplete && samples.length > 0;
    return { corpus: meteorFromStats(total, o), perSample };
  };
  return {
    key: 'METEOR_approx',
    scoreSync,
    async score(samples, opts) {
      opts?.signal?.throwIfAborted();
      return scoreSync(samples);
    },
  };
}
