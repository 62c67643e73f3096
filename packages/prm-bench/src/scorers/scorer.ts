import type { BenchItem } from '../load/bench-item.js';

/** What a scorer returns for one item (spec §4.4). Stored as is in the cache. */
export interface StepScoreResult {
  /** false: parse or request failure after retries (official mode drops the item). */
  valid: boolean;
  /** Per-step scores; the length may differ from the steps and is never silently fixed. */
  scores?: number[];
  /** PRMBench-contract critics: per-step redundancy scores. */
  redundancy?: number[];
  /** When the scorer decides itself (RLHFlow '+', voting critic, a rule-based checker). */
  labels?: boolean[];
  /** ProcessBench-style critics: predicted earliest error, 0-based; −1 = none; null = unparseable. */
  firstError0?: number | null;
  /** Classifier input cut at `maxLength`: scores exist for steps before this 0-based index only. */
  truncatedAtStep?: number;
  /** Critic text(s), always kept for audit and re-scoring. */
  raw?: string | string[];
  usage?: { promptTokens?: number; completionTokens?: number; latencyMs: number };
}

/** The part of an item a scorer sees. */
export type ScorerInput = Pick<BenchItem, 'id' | 'question' | 'steps'>;

/** Any PRM or critic: scores every step of one item. */
export interface StepScorer {
  /** Model + revision + preset version + decoding params; part of the cache key. */
  readonly id: string;
  readonly kind: 'classifier' | 'critic' | 'function';
  /** Scores the steps of one item. */
  score(item: ScorerInput, ctx: { signal?: AbortSignal }): Promise<StepScoreResult>;
}
