import { ReasonkitError } from '@reasonkit/core';
import type { TokenAlternative } from '../signals/verbal-parsers.js';

/** What a selector or policy may need from its dependencies (spec §5.2). */
export type Capability = 'logits' | 'hidden' | 'chat' | 'verifier-chat' | 'sampling' | 'labels';

/** Every capability a reasoning backend can have. */
export const CAPABILITIES: readonly Capability[] = ['logits', 'hidden', 'chat', 'verifier-chat', 'sampling', 'labels'];

/** One generated token. */
export interface ContinuationToken {
  text: string;
  /** Natural log of the chosen token's probability. */
  logprob: number;
  /** Top alternatives (when asked). */
  top?: TokenAlternative[];
  /** Entropy (nats) of the full next-token distribution (local models, when asked). */
  entropy?: number;
}

/** A continuation of a prompt. */
export interface Continuation {
  text: string;
  tokens: ContinuationToken[];
  /** Tokens this call had to prefill (a local model reusing a cached prefix prefills only the rest). */
  prefillTokens: number;
  decodeTokens: number;
  finish: 'eos' | 'stop' | 'length' | 'abort';
  /** The stop string that ended the continuation (when `finish` is `'stop'`). */
  stopSequence?: string;
}

/** A request to continue generation from a prefix. */
export interface ContinueRequest {
  prompt: string;
  maxTokens: number;
  /** Stop strings; the match is trimmed from `text`. */
  stop?: readonly string[];
  /** 0 (default) = greedy. */
  temperature?: number;
  seed?: number;
  /** Top alternatives per token (0 = none). */
  topLogprobs?: number;
  /** Entropy of each full next-token distribution (needs `logits` on a local model). */
  entropy?: boolean;
  signal?: AbortSignal;
}

/**
 * The model a selector, policy or router talks to: a local causal LM (logits, hidden states,
 * prefix-reusing KV cache) or an OpenAI-compatible text model (text, logprobs). Everything is
 * text in, text out, so selectors are written once for both.
 */
export interface ReasoningBackend {
  readonly kind: 'local' | 'text';
  readonly capabilities: ReadonlySet<Capability>;
  /** Hidden-state layers available (`hidden_states.L`), ascending; empty without `hidden`. */
  readonly hiddenLayers: readonly number[];
  /** Continues generation from a prefix. */
  continue(request: ContinueRequest): Promise<Continuation>;
  /** Hidden state of `layer` at the prompt's last token (needs `hidden`). */
  hiddenState?(prompt: string, layer: number, signal?: AbortSignal): Promise<{ vector: Float32Array; prefillTokens: number }>;
  /** Teacher-forced logprobs of `continuation` after `prompt` (local models; text models with `score`). */
  score?(prompt: string, continuation: string, signal?: AbortSignal): Promise<{ logprobs: number[]; prefillTokens: number }>;
  /** Tokens in `text` (no BOS), where the tokenizer is known. */
  countTokens?(text: string): number;
  /** Cumulative prefill and decode tokens over the backend's life (for cost accounting). */
  readonly usage: { prefillTokens: number; decodeTokens: number; calls: number };
}

/** Throws core's `ABORTED` error when the signal is aborted (checked before and after model calls). */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new ReasonkitError('ABORTED', `${what} aborted`, {});
}
