import type { Tensor, TextModel, Tokenizer } from '@reasonkit/core';

/** What a model can give a method (spec §3). */
export type Capability = 'logits' | 'residual' | 'queries' | 'keys' | 'attentionProbs' | 'weights' | 'patch' | 'mlpAct' | 'text';

/** Every capability a probe model can have. */
export const CAPABILITIES: readonly Capability[] = ['logits', 'residual', 'queries', 'keys', 'attentionProbs', 'weights', 'patch', 'mlpAct', 'text'];

/**
 * An overwrite of one site for a forward pass: rows `b`, positions `t` with `mask[b·T + t] = 1`
 * take `value[(b·T + t)·d …]`; `X' = X + mask · (value − X)`, so fractional masks interpolate.
 */
export interface PatchFeed {
  /** A patchable site: `embed`, `resid.{l}`, `attn_out.{l}`, `mlp_out.{l}`. */
  site: string;
  /** `[B·T]`. */
  mask: Float32Array;
  /** `[B·T·d]`. */
  value: Float32Array;
}

/** Input of one `ProbeModel.forward` pass. */
export interface ProbeForwardInput {
  /** Token ids per row; every row equally long (full prefill, no KV cache). */
  ids: readonly (readonly number[])[];
  /** Sites to return (`resid.2`, `attn.0`, …), as `captured[site]`. */
  capture?: readonly string[];
  patches?: readonly PatchFeed[];
  signal?: AbortSignal;
}

/** Output of one `ProbeModel.forward` pass (the activations asked for). */
export interface ProbeForwardOutput {
  /** `[B, T, V]`. */
  logits: Tensor<'float32'>;
  captured: Record<string, Tensor<'float32'>>;
}

/** Weights a probe model exposes to projection methods. */
export interface ProbeWeights {
  /** Input embedding `[V, d]`. */
  embedding: Tensor<'float32'>;
  /** Unembedding `[V, d]` (the embedding when tied). */
  unembedding: Tensor<'float32'>;
  /** The final norm applied to one hidden vector. */
  finalNorm(h: Float32Array): Float32Array;
  /**
   * MLP neuron weights of block `layer`, one row per neuron: `write` `[hiddenDim, d]` (the down
   * projection's column of each neuron) and `read` `[hiddenDim, d]` (its gate-projection row).
   * Undefined when the graph's initializers are not found.
   */
  mlp?(layer: number): { write: Tensor<'float32'>; read: Tensor<'float32'> } | undefined;
}

/** A model as methods see it (spec §5.1). */
export interface ProbeModel {
  /** Identifies the model in results (a directory name, a hash, a hub id). */
  readonly id: string;
  readonly layers: number;
  readonly hidden: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly vocab: number;
  readonly capabilities: ReadonlySet<Capability>;
  readonly tokenizer: Tokenizer;
  /** Sites `forward` can capture. */
  readonly sites: readonly string[];
  /** Sites `forward` can patch (empty without the `patch` capability). */
  readonly patchableSites: readonly string[];
  /** A text model for generation-based methods (Self-explanation), when the model has `text`. */
  readonly textModel?: TextModel;
  /** Runs a forward pass and returns the activations `input` asks for. */
  forward(input: ProbeForwardInput): Promise<ProbeForwardOutput>;
  /** The model's weights (embeddings, unembedding, final norm) for projection methods. */
  weights(): ProbeWeights;
  /** Releases the model's resources. */
  dispose(): Promise<void>;
}
