import type { ChatMessage } from '../tokenizer/tokenizer.js';

/** One generation request. Exactly one of `messages` and `prompt`. */
export interface GenerateRequest {
  messages?: ChatMessage[];
  prompt?: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  seed?: number;
  /** 0 = chosen token's logprob only; n > 0 = plus the top-n alternatives. */
  logprobs?: number;
  signal?: AbortSignal;
}

/** One alternative at a token position, sorted by descending logprob in `TokenLogprob.top`. */
export interface TopLogprob {
  token: string;
  logprob: number;
  bytes?: number[];
}

export interface TokenLogprob {
  token: string;
  bytes?: number[];
  logprob: number;
  top?: TopLogprob[];
}

export type FinishReason = 'stop' | 'length' | 'abort' | 'content-filter' | 'other';

export interface Usage {
  /** Prompt tokens. */
  input: number;
  /** Completion tokens. */
  output: number;
}

export interface GenerateResult {
  text: string;
  finishReason: FinishReason;
  usage?: Usage;
  tokens?: TokenLogprob[];
  raw?: unknown;
}

export interface StreamPart {
  textDelta: string;
  token?: TokenLogprob;
  /** Present on the last part. */
  finishReason?: FinishReason;
  usage?: Usage;
}

export interface TextModelCapabilities {
  chat: boolean;
  completion: boolean;
  logprobs: boolean;
  topLogprobs: number;
  promptScoring: boolean;
}

/** The text-level language-model interface every feature package talks to. */
export interface TextModel {
  readonly id: string;
  readonly capabilities: TextModelCapabilities;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  stream?(request: GenerateRequest): AsyncIterable<StreamPart>;
  score?(request: ScoreRequest): Promise<ScoreResult>;
}

/** Score a fixed continuation after a prompt (teacher forcing); no text is generated. */
export interface ScoreRequest {
  prompt: string;
  continuation: string;
  /** Top-n alternatives per continuation token (0 = none). */
  logprobs?: number;
  signal?: AbortSignal;
}

export interface ScoreResult {
  /** One entry per continuation token. */
  tokens: TokenLogprob[];
  /** Sum of the continuation tokens' logprobs. */
  sum: number;
  usage?: Usage;
}
