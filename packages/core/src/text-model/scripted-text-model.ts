import { ReasonkitError } from '../errors/reasonkit-error.js';
import { contentText, findImagePart } from '../tokenizer/tokenizer.js';
import { throwIfAborted } from './abort.js';
import { validateGenerateRequest, validateScoreRequest } from './generate-request-schema.js';
import type {
  FinishReason,
  GenerateRequest,
  GenerateResult,
  ScoreRequest,
  ScoreResult,
  StreamPart,
  TextModel,
  TokenLogprob,
} from './text-model.js';

/** One scripted reply: a plain string, or text with explicit tokens / logprobs / finish reason. */
export type ScriptedReply =
  | string
  | {
      text: string;
      /** Explicit tokens; their `token` strings must join to `text`. */
      tokens?: TokenLogprob[];
      finishReason?: FinishReason;
      usage?: { input: number; output: number };
    };

/** Computes a scripted reply from the request and the call's index. */
export type ScriptedReplyFunction = (request: GenerateRequest, callIndex: number) => ScriptedReply | Promise<ScriptedReply>;

/** Options of `ScriptedTextModel`: the replies to give, in order or from a function. */
export interface ScriptedTextModelOptions {
  /** Replies in order, or a function of the request. */
  replies: readonly ScriptedReply[] | ScriptedReplyFunction;
  /** Start over after the last reply instead of throwing. Default false (our choice: exhaustion is a test bug). */
  loop?: boolean;
  id?: string;
  /** Accept `image_url` content parts (`capabilities.images`). Default true (our choice: a vision double); false rejects them like a text-only model. */
  images?: boolean;
  /** Optional scorer; without it `score` is absent and `promptScoring` false. */
  score?: (request: ScoreRequest) => ScoreResult | Promise<ScoreResult>;
}

export interface ScriptedTextModel extends TextModel {
  /** Every request received, in order (signals included). */
  readonly requests: GenerateRequest[];
  readonly scoreRequests: ScoreRequest[];
}

/**
 * Split text into deterministic pseudo-tokens: runs of non-space characters with their leading
 * whitespace (`"a b"` → `["a", " b"]`). Used for usage counts and synthesized logprobs.
 */
export function pseudoTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

function promptText(request: GenerateRequest): string {
  return request.prompt ?? (request.messages ?? []).map((m) => contentText(m.content)).join('\n');
}

/**
 * **Test double.** A deterministic `TextModel` that replays scripted replies (or a function of the
 * request) for unit tests of package logic. It validates requests like a real model, records them
 * (image content parts included, as sent),
 * applies `stop` and `maxTokens` over pseudo-tokens, and returns scripted logprobs. Replies without
 * explicit tokens get synthesized tokens with logprob 0 (probability 1) and top alternatives equal
 * to the chosen token. It never runs a language model.
 */
export function createScriptedTextModel(script: ScriptedTextModelOptions | readonly ScriptedReply[] | ScriptedReplyFunction): ScriptedTextModel {
  const options: ScriptedTextModelOptions =
    typeof script === 'function' || Array.isArray(script) ? { replies: script as ScriptedTextModelOptions['replies'] } : (script as ScriptedTextModelOptions);
  const requests: GenerateRequest[] = [];
  const scoreRequests: ScoreRequest[] = [];
  let calls = 0;

  const nextReply = async (request: GenerateRequest): Promise<ScriptedReply> => {
    const index = calls++;
    if (typeof options.replies === 'function') return options.replies(request, index);
    const replies = options.replies;
    if (replies.length === 0) throw new ReasonkitError('INVALID_ARGUMENT', 'scripted model: replies is empty', { field: 'replies' });
    if (index >= replies.length && !options.loop) {
      throw new ReasonkitError('INVALID_ARGUMENT', `scripted model: script exhausted after ${replies.length} replies (call ${index + 1})`, {
        field: 'replies',
        record: index,
      });
    }
    return replies[index % replies.length] as ScriptedReply;
  };

  /** All `request.n` choices: one scripted reply each (the top level repeats choice 0). */
  const run = async (request: GenerateRequest, allTokens = false): Promise<GenerateResult> => {
    validateGenerateRequest(request);
    const image = options.images === false && request.messages ? findImagePart(request.messages) : undefined;
    if (image !== undefined) {
      throw new ReasonkitError('INVALID_ARGUMENT', `${image}: scripted model was created with images: false and cannot take image parts`, { field: image });
    }
    requests.push(request);
    const choices: GenerateResult[] = [];
    for (let i = 0; i < (request.n ?? 1); i++) choices.push(await runOne(request, allTokens));
    const first = choices[0] as GenerateResult;
    if (choices.length === 1) return first;
    const usage = { input: first.usage?.input ?? 0, output: choices.reduce((s, c) => s + (c.usage?.output ?? 0), 0) };
    return { ...first, usage, choices: choices.map(({ usage: _u, raw: _r, ...choice }) => choice) };
  };

  const runOne = async (request: GenerateRequest, allTokens: boolean): Promise<GenerateResult> => {
    throwIfAborted(request.signal);
    const reply = await nextReply(request);
    throwIfAborted(request.signal);
    const text = typeof reply === 'string' ? reply : reply.text;
    let tokens: TokenLogprob[] =
      typeof reply !== 'string' && reply.tokens
        ? reply.tokens
        : pseudoTokens(text).map((token) => ({ token, logprob: 0, top: [{ token, logprob: 0 }] }));
    let finishReason: FinishReason = (typeof reply !== 'string' && reply.finishReason) || 'stop';

    // Stop strings: cut at the earliest occurrence (the stop string itself is not returned).
    let out = tokens.map((t) => t.token).join('');
    if (out !== text && typeof reply !== 'string' && reply.tokens) {
      throw new ReasonkitError('INVALID_ARGUMENT', 'scripted model: reply.tokens do not join to reply.text', { field: 'tokens' });
    }
    let cut = -1;
    let stopSequence: string | undefined;
    for (const stop of request.stop ?? []) {
      const at = out.indexOf(stop);
      if (at >= 0 && (cut < 0 || at < cut)) {
        cut = at;
        stopSequence = stop;
      }
    }
    if (cut >= 0) {
      const kept: TokenLogprob[] = [];
      let length = 0;
      for (const token of tokens) {
        if (length >= cut) break;
        kept.push(length + token.token.length > cut ? { ...token, token: token.token.slice(0, cut - length) } : token);
        length += token.token.length;
      }
      tokens = kept;
      out = out.slice(0, cut);
      finishReason = 'stop';
    }
    if (request.maxTokens !== undefined && tokens.length > request.maxTokens) {
      tokens = tokens.slice(0, request.maxTokens);
      out = tokens.map((t) => t.token).join('');
      finishReason = 'length';
    }
    const usage = (typeof reply !== 'string' && reply.usage) || { input: pseudoTokens(promptText(request)).length, output: tokens.length };
    const result: GenerateResult = { text: out, finishReason, usage, raw: reply };
    if (stopSequence !== undefined && finishReason === 'stop') {
      result.stopCause = 'stop-sequence';
      result.stopSequence = stopSequence;
      if (request.includeStop === true) {
        result.text += stopSequence;
        tokens = [...tokens, { token: stopSequence, logprob: 0, top: [{ token: stopSequence, logprob: 0 }] }];
      }
    }
    if (request.logprobs !== undefined || allTokens) {
      const n = request.logprobs ?? 0;
      result.tokens = tokens.map((t) => (n === 0 ? { ...t, top: undefined } : { ...t, top: t.top?.slice(0, n) }));
    }
    return result;
  };

  const model: ScriptedTextModel = {
    id: options.id ?? 'scripted',
    capabilities: { chat: true, completion: true, logprobs: true, topLogprobs: 20, promptScoring: options.score !== undefined, images: options.images !== false },
    requests,
    scoreRequests,
    generate: (request) => run(request),
    async *stream(request: GenerateRequest): AsyncIterable<StreamPart> {
      const result = await run(request, true);
      const choices = result.choices ?? [result];
      for (const [index, choice] of choices.entries()) {
        const tokens = choice.tokens ?? [];
        const tag = choices.length > 1 ? { index } : {};
        for (const token of tokens) {
          throwIfAborted(request.signal);
          yield request.logprobs !== undefined ? { textDelta: token.token, token, ...tag } : { textDelta: token.token, ...tag };
        }
        const last: StreamPart = { textDelta: '', finishReason: choice.finishReason, ...tag };
        if (choice.stopCause !== undefined) last.stopCause = choice.stopCause;
        if (choice.stopSequence !== undefined) last.stopSequence = choice.stopSequence;
        if (index === choices.length - 1) last.usage = result.usage;
        yield last;
      }
    },
  };
  const scorer = options.score;
  if (scorer) {
    model.score = async (request) => {
      validateScoreRequest(request);
      scoreRequests.push(request);
      throwIfAborted(request.signal);
      return scorer(request);
    };
  }
  return model;
}

/** Spec §8.2 name for the same test double. */
export const createFakeTextModel = createScriptedTextModel;
