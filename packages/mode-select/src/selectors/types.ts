import type * as z from 'zod';
import type { Capability, Continuation, ReasoningBackend } from '../backend/backend.js';
import type { FakeThought, ThinkFormat } from '../format/think-format.js';
import type { ProbeModel } from '../probe/probe-model.js';

/** A reasoning mode: thinking or not. */
export type Mode = 'think' | 'nothink';

/** One question to route. */
export interface SelectionInput {
  id?: string;
  question: string;
  format: ThinkFormat;
  fakeThought: FakeThought;
}

/** What a zero-step check cost. */
export interface ScoreCost {
  prefillTokens: number;
  decodeTokens: number;
  externalCalls: number;
  ms: number;
}

/** A selector's verdict on one question: higher `pNoThink` = safer to skip thinking. */
export interface SelectorScore {
  pNoThink: number;
  signals: Record<string, number | string | boolean>;
  cost: ScoreCost;
  /**
   * When the check already generated the NoThinking answer (a trial answer after the fake
   * thought's close, greedy), the prompt it continued and the continuation: the router reuses it
   * instead of generating again.
   */
  nothink?: { prompt: string; continuation: Continuation };
}

/** Scores a question: how much it needs thinking. */
export interface Selector {
  readonly id: string;
  readonly needs: readonly Capability[];
  /** The resolved configuration (written into result files). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Scores `input` (higher means thinking is more needed) and reports the cost. */
  score(input: SelectionInput, options?: { signal?: AbortSignal }): Promise<SelectorScore>;
}

/** A reasoning state: the question and the thoughts so far (the fake-thought body at step 0). */
export interface ReasoningState {
  input: SelectionInput;
  thoughts: string;
  /** 0 = zero-step (the fake thought), then one per check. */
  step: number;
  thinkTokens: number;
  /** Per-run scratch space of the policy (e.g. Dynasor's answer history); the controller makes a fresh one per run. */
  memory: Record<string, unknown>;
}

/** What an exit policy decided: continue, or exit with an answer. */
export type ExitVerdict =
  | { exit: false; score: number; signals?: SelectorScore['signals']; cost: ScoreCost; nothink?: SelectorScore['nothink'] }
  /** `closeWith`: an answer to write after the close tag instead of generating one (Dynasor). */
  | { exit: true; score: number; reason: string; closeWith?: string; signals?: SelectorScore['signals']; cost: ScoreCost; nothink?: SelectorScore['nothink'] };

/** Scores a reasoning state: exit thinking now or continue. */
export interface ExitPolicy {
  readonly id: string;
  readonly needs: readonly Capability[];
  readonly config: Readonly<Record<string, unknown>>;
  /** Decides whether reasoning can stop now (and with which answer). */
  check(state: ReasoningState, options?: { signal?: AbortSignal }): Promise<ExitVerdict>;
}

/** Known outcomes of a question (for the `oracle` reference selector). */
export type LabelLookup = (input: SelectionInput) => { yNoThink: number; yThink: number } | undefined;

/** What selectors may be built with; `needs` are checked against it before any model call. */
export interface SelectorDeps {
  /** The reasoning model (local or OpenAI-compatible). */
  backend?: ReasoningBackend;
  /** A second model asked whether the reasoning is enough (FlashThink). */
  verifier?: ReasoningBackend;
  /** Trained probe (ProbeConf) or router (ThinkSwitcher). */
  probe?: ProbeModel;
  labels?: LabelLookup;
}

/** How faithful a selector is to its paper: confirmed, our choice, or reference code. */
export type SelectorStatus = 'confirmed' | 'our-choice' | 'reference';
/** Family of a selector: prompt-based, internal-state, trained router or reference. */
export type SelectorFamily = 'prompt' | 'internal' | 'trained-router' | 'reference';

/** A selector definition: metadata, a zod config schema with every field defaulted, and a factory. */
export interface SelectorDefinition<S extends z.ZodType = z.ZodType> {
  id: string;
  name: string;
  status: SelectorStatus;
  family: SelectorFamily;
  source: string;
  needs: readonly Capability[];
  config: S;
  /** Creates a selector from a parsed config and its dependencies. */
  create(config: z.output<S>, deps: SelectorDeps): Selector;
}

/** A policy definition, the same shape for early exit. */
export interface PolicyDefinition<S extends z.ZodType = z.ZodType> extends Omit<SelectorDefinition<S>, 'create'> {
  /** Creates the exit policy from a parsed config and its dependencies. */
  create(config: z.output<S>, deps: SelectorDeps): ExitPolicy;
}
