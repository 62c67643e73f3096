import * as z from 'zod';

const positiveWindow = z.number().int().min(4, { message: 'window must be an integer >= 4 (plateau needs W/4 >= 1)' });

/** Loop configuration; defaults = `ASL_PAPER_PRESET` from the reference code (spec §12) unless marked ours. */
export const AslConfigSchema = z.object({
  runId: z.string().min(1).default('run'),
  seed: z.number().int().default(37),
  /** Rounds (PG → GRM → Policy) to run. Default 1 (ours; the reference is open-ended). */
  rounds: z.number().int().min(1).default(1),
  /** Round-1 topic seeds (reference: 73 topics × 10). */
  topics: z.array(z.string().min(1)).min(1).default(['history', 'geography', 'science', 'sports', 'music', 'film', 'literature', 'politics']),
  generate: z
    .object({
      /** Meta-prompts per step. Default 32 (reference batch). */
      batch: z.number().int().min(1).default(32),
      /** Candidates per meta-prompt. Default 4 (reference `rollout.n`). */
      n: z.number().int().min(1).default(4),
      /** Policy attempts per valid question. Default 10 (reference). */
      attempts: z.number().int().min(1).default(10),
      /** GRM self-checks of the generator's own answer. Default 5 (reference). */
      selfChecks: z.number().int().min(0).default(5),
      /** Self-check gate. Default 0.8 (reference). */
      threshold: z.number().min(0).max(1).default(0.8),
      kind: z.enum(['entropy', 'absolute-zero', 'r-zero-asl', 'r-zero']).default('entropy'),
      /** Pool size that ends PG in round 1 / later rounds (strictly more than). Defaults 2,000 / 5,000 (reference). */
      poolFirst: z.number().int().min(0).default(2000),
      poolLater: z.number().int().min(0).default(5000),
      /** Normalised-hash exact de-duplication of kept questions. Default true (ours; pitfall 4). */
      dedup: z.boolean().default(true),
    })
    .prefault({}),
  verify: z
    .object({
      batch: z.number().int().min(1).default(32),
      n: z.number().int().min(1).default(4),
      /** Plateau window. Default 200 (reference). */
      window: positiveWindow.default(200),
      eps: z.number().min(0).default(0.005),
    })
    .prefault({}),
  solve: z
    .object({
      batch: z.number().int().min(1).default(32),
      n: z.number().int().min(1).default(4),
      /** Plateau window. Default 400 (reference). */
      window: positiveWindow.default(400),
      eps: z.number().min(0).default(0.005),
      /** Width meta-prompts while meta_iter ≤ this, depth after. Default 4 (reference). */
      widthUntilMetaIter: z.number().int().default(4),
    })
    .prefault({}),
  /** Safety cap on steps per phase (stop rule `steps`). Default 10,000 (ours). */
  maxStepsPerPhase: z.number().int().min(1).default(10_000),
  grm: z
    .object({
      mode: z.enum(['binary', 'binary_with_answer', 'binary_uncertain', 'ranking']).default('binary'),
      /** Verdict parsing: `strict` (ours, default) or `asl`. */
      parse: z.enum(['strict', 'asl']).default('strict'),
      /** GRM reward matching: `exact-token` (ours, default) or `asl-subem`. */
      match: z.enum(['exact-token', 'asl-subem']).default('exact-token'),
    })
    .prefault({}),
  format: z
    .object({
      enabled: z.boolean().default(true),
      compat: z.enum(['asl']).optional(),
    })
    .prefault({}),
  rollout: z
    .object({
      dialect: z.enum(['asl', 'search-r1', 'verl-tool']).default('asl'),
      maxTurns: z.number().int().min(1).default(9),
      maxTokensPerTurn: z.number().int().min(1).default(2048),
      maxResponseTokens: z.number().int().min(1).default(10_240),
      temperature: z.number().min(0).default(1.0),
      onNoAction: z.enum(['stop', 'nudge']).default('stop'),
    })
    .prefault({}),
  /**
   * Real verification data for GRM phases (spec §2.5, §11): from round `fromRound` on, round(ratio · batch)
   * of each verify batch are real rows (given to the orchestrator as `realVerification`), the rest
   * self-labelled. Off by default (reference: the branch is commented out); `ratio` 1.0 = replace (ours, spec §15.7).
   */
  injectRealVerification: z
    .object({
      fromRound: z.number().int().min(1).default(1),
      ratio: z.number().min(0).max(1).default(1),
    })
    .optional(),
  /** Episodes in flight. Default 64 (ours). */
  concurrency: z.number().int().min(1).default(64),
  monitors: z
    .object({
      /** Alert when mean GRM verdict exceeds EM against the generator's answer by more than this many points. Default 10 (spec §14). */
      grmEmGapPoints: z.number().min(0).default(10),
      /** Alert when more than this many duplicate questions per 1,000 candidates. Default 100 (ours). */
      duplicatesPer1000: z.number().min(0).default(100),
      /** Alert when the `<think>` ratio falls below this fraction of the phase's first step. Default 0.5 (ours). */
      thinkRatioDrop: z.number().min(0).max(1).default(0.5),
    })
    .prefault({}),
});
/** Loop configuration as callers write it (all fields optional). */
export type AslConfig = z.input<typeof AslConfigSchema>;
/** Loop configuration with defaults applied. */
export type ResolvedAslConfig = z.output<typeof AslConfigSchema>;

/** Phase names: `generate` (PG), `verify` (GRM), `solve` (Policy). */
export type PhaseKind = 'generate' | 'verify' | 'solve';

/** meta_iter → phase (spec §2.1): 1 mod 3 PG, 2 mod 3 GRM, 0 mod 3 Policy; round = ⌈meta_iter / 3⌉. */
export function phaseOf(metaIter: number): { kind: PhaseKind; round: number } {
  const r = metaIter % 3;
  return { kind: r === 1 ? 'generate' : r === 2 ? 'verify' : 'solve', round: Math.ceil(metaIter / 3) };
}
