import type * as z from 'zod';
import type { Capability } from '../backend/backend.js';
import { CapabilityError } from '../errors/mode-select-error.js';
import type { ExitPolicy, PolicyDefinition, ReasoningState, ScoreCost, Selector, SelectorDefinition, SelectorDeps, SelectorScore } from './types.js';

/** Identity helpers that keep the config type (spec §5.2). */
export function defineSelector<S extends z.ZodType>(d: SelectorDefinition<S>): SelectorDefinition<S> {
  return d;
}
/** Defines a policy (an early-exit selector); returns `d` typed. */
export function definePolicy<S extends z.ZodType>(d: PolicyDefinition<S>): PolicyDefinition<S> {
  return d;
}

/** The capabilities a set of dependencies provides. */
export function capabilitiesOf(deps: SelectorDeps): Set<Capability> {
  const have = new Set<Capability>(deps.backend?.capabilities ?? []);
  if (deps.verifier?.capabilities.has('chat')) have.add('verifier-chat');
  if (deps.labels) have.add('labels');
  return have;
}

const HINTS: Record<Capability, string> = {
  logits: 'pass a local backend (createLocalBackend) or a text model that returns logprobs',
  hidden: 'the ONNX graph has no hidden_states.* outputs; export it with hidden states (reasonkit convert) and pass it through createLocalBackend',
  chat: 'pass a backend (createLocalBackend or createTextBackend)',
  'verifier-chat': 'pass a verifier backend (deps.verifier)',
  sampling: 'pass a backend that samples (temperature > 0)',
  labels: 'pass deps.labels (known outcomes; the oracle runs in the harness only)',
};

/** Throws `CapabilityError` when `deps` lack any of `needs`; called before any model call. */
export function checkCapabilities(id: string, needs: readonly Capability[], deps: SelectorDeps): void {
  const have = capabilitiesOf(deps);
  const missing = needs.filter((n) => !have.has(n));
  if (missing.length > 0) throw new CapabilityError(id, missing, missing.map((m) => HINTS[m]).join('; '));
}

/** Zero cost. */
export function noCost(): ScoreCost {
  return { prefillTokens: 0, decodeTokens: 0, externalCalls: 0, ms: 0 };
}

/**
 * The bridge of spec §5.1: a selector is a policy evaluated once at step zero on the fake thought.
 */
export function selectorFromPolicy(policy: ExitPolicy): Selector {
  return {
    id: policy.id,
    needs: policy.needs,
    config: policy.config,
    async score(input, options): Promise<SelectorScore> {
      const state: ReasoningState = { input, thoughts: input.fakeThought.body, step: 0, thinkTokens: 0, memory: {} };
      const v = await policy.check(state, options);
      return { pNoThink: Math.min(1, Math.max(0, v.score)), signals: { ...(v.signals ?? {}), exit: v.exit }, cost: v.cost, ...(v.nothink ? { nothink: v.nothink } : {}) };
    },
  };
}

/** A selector definition from a policy definition (via {@link selectorFromPolicy}). */
export function zeroStep<S extends z.ZodType>(p: PolicyDefinition<S>): SelectorDefinition<S> {
  return { ...p, create: (config, deps) => selectorFromPolicy(p.create(config, deps)) };
}
