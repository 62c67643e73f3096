import type { GenerateRequest, GenerateResult, TextModel, TextModelCapabilities } from '@reasonkit/core';
import { AslError } from '../errors/asl-error.js';

/** Supplies the current checkpoint (spec §11 `ModelProvider`): the trainer swaps it as weights change. */
export interface ModelProvider {
  /** The newest checkpoint, as a text model. */
  current(): TextModel;
}

/**
 * The chunk-stale judge (spec §9.3). In ASL the GRM is the live actor: the verdicts of training
 * step s come from the weights after s updates. Out of process (verl trains, our reward service
 * judges) the service can only swap checkpoints between chunks of `chunkSteps` steps, so step s is
 * judged by the checkpoint pinned at the start of its chunk, ⌊s / chunkSteps⌋ · chunkSteps. This
 * class is that judge: a `TextModel` delegating to the pinned checkpoint; the trainer driver calls
 * `beginStep(s)` before scoring step s. With `chunkSteps = 1` it reproduces the live judge (T12).
 */
export class ChunkStaleJudge implements TextModel {
  /** Steps per chunk (1 = live judge). */
  readonly chunkSteps: number;
  private readonly provider: ModelProvider;
  private pinned: TextModel;
  private chunk = 0;

  constructor(provider: ModelProvider, options: { chunkSteps: number }) {
    if (!Number.isInteger(options.chunkSteps) || options.chunkSteps < 1) {
      throw new AslError('config', `ChunkStaleJudge: chunkSteps must be an integer >= 1, got ${options.chunkSteps}`, { field: 'chunkSteps', actual: options.chunkSteps });
    }
    this.chunkSteps = options.chunkSteps;
    this.provider = provider;
    this.pinned = provider.current();
  }

  /** Training step `step` (0-based) starts: at a new chunk, pin the provider's current checkpoint. */
  beginStep(step: number): void {
    if (!Number.isInteger(step) || step < 0) throw new AslError('config', `ChunkStaleJudge.beginStep: step must be an integer >= 0, got ${step}`, { field: 'step', actual: step });
    const chunk = Math.floor(step / this.chunkSteps);
    if (chunk !== this.chunk) {
      this.chunk = chunk;
      this.pinned = this.provider.current();
    }
  }

  /** First step of the current chunk (the step whose checkpoint judges now). */
  get pinnedStep(): number {
    return this.chunk * this.chunkSteps;
  }

  /** The pinned checkpoint's id. */
  get id(): string {
    return this.pinned.id;
  }

  /** The pinned checkpoint's capabilities. */
  get capabilities(): TextModelCapabilities {
    return this.pinned.capabilities;
  }

  /** Generates with the pinned checkpoint. */
  generate(request: GenerateRequest): Promise<GenerateResult> {
    return this.pinned.generate(request);
  }

  /** Token count from the pinned checkpoint's tokenizer (chars / 4 when it has none, as `runEpisode` assumes). */
  countTokens(text: string): number {
    return this.pinned.countTokens ? this.pinned.countTokens(text) : Math.ceil(text.length / 4);
  }
}
