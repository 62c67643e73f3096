import type { Continuation, ContinueRequest, ReasoningBackend } from '../backend/backend.js';
import type { ReasoningState, ScoreCost } from './types.js';

/** Where zero-step and early-exit probes go (spec §3.2): inside the think block (default [our choice]) or after the close tag. */
export type ProbePlacement = 'inside-think' | 'after-close';

/** The prompt up to the current thoughts: template + thoughts (at step 0 the fake-thought body). */
export function statePrompt(state: ReasoningState): string {
  return state.input.format.promptFor(state.input.question) + state.thoughts;
}

/** Where a probe starts: inside the think block, or after closing it (the fake thought's close at step 0). */
export function probePrompt(state: ReasoningState, placement: ProbePlacement): string {
  if (placement === 'inside-think') return statePrompt(state);
  const close = state.step === 0 ? state.input.fakeThought.close : state.input.format.thinkClose + state.input.format.afterClose;
  return statePrompt(state) + close;
}

/** Accumulates the cost of model calls made during one check. */
export class CostMeter {
  private readonly start = performance.now();
  private readonly cost: ScoreCost = { prefillTokens: 0, decodeTokens: 0, externalCalls: 0, ms: 0 };

  constructor(private readonly external = false) {}

  /** Continues generation on `backend` and counts the tokens it used. */
  async continue(backend: ReasoningBackend, request: ContinueRequest, external = this.external): Promise<Continuation> {
    const c = await backend.continue(request);
    this.add(c.prefillTokens, c.decodeTokens, external);
    return c;
  }

  /** Adds prefill and decode tokens (and an external call when `external`). */
  add(prefill: number, decode: number, external = this.external): void {
    this.cost.prefillTokens += prefill;
    this.cost.decodeTokens += decode;
    if (external) this.cost.externalCalls += 1;
  }

  /** The cost so far, with the elapsed milliseconds. */
  done(): ScoreCost {
    return { ...this.cost, ms: performance.now() - this.start };
  }
}
