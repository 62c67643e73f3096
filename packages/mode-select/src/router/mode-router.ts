import { parseOptions } from '@reasonkit/core';
import * as z from 'zod';
import type { Continuation, ReasoningBackend } from '../backend/backend.js';
import { type EarlyExitEvent, type EarlyExitOptions, runEarlyExit } from '../early-exit/early-exit.js';
import type { Segmenter } from '../early-exit/segmenters.js';
import { noThinkingPromptFor } from '../format/think-format.js';
import { decide } from '../selectors/decide.js';
import type { ExitPolicy, Mode, SelectionInput, Selector, SelectorScore } from '../selectors/types.js';

/** zod schema of `ModeRouterOptions`: validates it and applies its defaults. */
export const ModeRouterOptionsSchema = z.object({
  selector: z.custom<Selector>((v) => typeof v === 'object' && v !== null && typeof (v as Selector).score === 'function', { message: 'expected a Selector' }),
  /** NoThinking iff pNoThink > threshold. Calibrate it per model (spec §9.3); 0.5 [our choice]. */
  threshold: z.number().min(0).max(1).default(0.5),
  backend: z.custom<ReasoningBackend>((v) => typeof v === 'object' && v !== null && typeof (v as ReasoningBackend).continue === 'function', { message: 'expected a ReasoningBackend' }),
  /** Answer budget after the fake thought. 1024 [our choice]. */
  maxAnswerTokens: z.number().int().min(1).default(1024),
  /** Thinking budget (thinking + answer) when no early exit is set. 16384 [ref: iie-ycx/DEER]. */
  maxThinkTokens: z.number().int().min(1).default(16384),
  /** Early exit while thinking (optional). */
  earlyExit: z
    .object({
      policy: z.custom<ExitPolicy>((v) => typeof v === 'object' && v !== null && typeof (v as ExitPolicy).check === 'function', { message: 'expected an ExitPolicy' }),
      segmenter: z.custom<Segmenter>((v) => typeof v === 'object' && v !== null, { message: 'expected a Segmenter' }),
      options: z.custom<Partial<EarlyExitOptions>>((v) => typeof v === 'object' && v !== null).optional(),
    })
    .optional(),
});
/** Input accepted by `ModeRouterOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ModeRouterOptions = z.input<typeof ModeRouterOptionsSchema>;

/** An event the router emits while it routes and answers. */
export type RouterEvent =
  | { type: 'decision'; mode: Mode; score: SelectorScore }
  | EarlyExitEvent
  | { type: 'done'; mode: Mode; text: string; usage: RouterUsage };

/** Tokens and calls a router has spent. */
export interface RouterUsage {
  /** Tokens prefilled by the selector's check. */
  selectorPrefillTokens: number;
  selectorDecodeTokens: number;
  /** Tokens prefilled to generate the answer (0 extra when the selector's prefill is reused). */
  prefillTokens: number;
  /** Tokens generated for the answer (thinking + answer). */
  generatedTokens: number;
  /** True when the selector's own trial answer was the NoThinking answer and was reused. */
  reusedTrial: boolean;
}

/** Routes each question to thinking or no-thinking with a selector and answers it. */
export interface ModeRouter {
  /** Streams a decision event first, then the answer (and thinking, with early exit when set). */
  answer(input: SelectionInput, signal?: AbortSignal): AsyncGenerator<RouterEvent>;
  /** Runs `answer` to the end. */
  route(input: SelectionInput, signal?: AbortSignal): Promise<{ mode: Mode; text: string; score: SelectorScore; usage: RouterUsage; continuation?: Continuation }>;
}

/**
 * The end-user entry point: a zero-step decision, then NoThinking (prompt + fake thought, reusing
 * the selector's prefill or its trial answer: no second prefill) or Thinking (optionally with early
 * exit).
 */
export function createModeRouter(options: ModeRouterOptions): ModeRouter {
  const o = parseOptions(ModeRouterOptionsSchema, options, 'createModeRouter options');
  const { backend, selector } = o;
  let last: Continuation | undefined;

  async function* answer(input: SelectionInput, signal?: AbortSignal): AsyncGenerator<RouterEvent> {
    const score = await selector.score(input, signal ? { signal } : {});
    const { mode } = decide(score, o.threshold);
    yield { type: 'decision', mode, score };
    const base = { selectorPrefillTokens: score.cost.prefillTokens, selectorDecodeTokens: score.cost.decodeTokens };
    last = undefined;
    if (mode === 'nothink') {
      const prompt = noThinkingPromptFor(input.format, input.question, input.fakeThought);
      const trial = score.nothink;
      const reusable = trial !== undefined && trial.prompt === prompt && trial.continuation.finish !== 'stop' && (trial.continuation.finish === 'eos' || trial.continuation.decodeTokens >= o.maxAnswerTokens);
      const c = reusable
        ? truncate(trial.continuation, o.maxAnswerTokens)
        : await backend.continue({ prompt, maxTokens: o.maxAnswerTokens, ...(signal ? { signal } : {}) });
      last = c;
      if (c.text !== '') yield { type: 'answer', text: c.text };
      yield { type: 'done', mode, text: c.text, usage: { ...base, prefillTokens: reusable ? 0 : c.prefillTokens, generatedTokens: reusable ? 0 : c.decodeTokens, reusedTrial: reusable } };
      return;
    }
    if (o.earlyExit) {
      let done: Extract<EarlyExitEvent, { type: 'done' }> | undefined;
      for await (const e of runEarlyExit(backend, o.earlyExit.policy, input, { maxTokens: o.maxThinkTokens, ...o.earlyExit.options, segmenter: o.earlyExit.segmenter }, signal)) {
        if (e.type === 'done') done = e;
        else yield e;
      }
      yield {
        type: 'done',
        mode,
        text: done!.text,
        usage: { ...base, prefillTokens: done!.usage.prefillTokens, generatedTokens: done!.usage.thinkTokens + done!.usage.answerTokens, reusedTrial: false },
      };
      return;
    }
    const c = await backend.continue({ prompt: input.format.promptFor(input.question), maxTokens: o.maxThinkTokens, ...(signal ? { signal } : {}) });
    last = c;
    const close = c.text.indexOf(input.format.thinkClose);
    if (close < 0) yield { type: 'thought', text: c.text };
    else {
      yield { type: 'thought', text: c.text.slice(0, close) };
      yield { type: 'exit', reason: 'natural' };
      yield { type: 'answer', text: c.text.slice(close + input.format.thinkClose.length) };
    }
    yield { type: 'done', mode, text: c.text, usage: { ...base, prefillTokens: c.prefillTokens, generatedTokens: c.decodeTokens, reusedTrial: false } };
  }

  return {
    answer,
    async route(input, signal) {
      let decision: Extract<RouterEvent, { type: 'decision' }> | undefined;
      let done: Extract<RouterEvent, { type: 'done'; mode: Mode }> | undefined;
      for await (const e of answer(input, signal)) {
        if (e.type === 'decision') decision = e;
        else if (e.type === 'done' && 'mode' in e) done = e;
      }
      return { mode: done!.mode, text: done!.text, score: decision!.score, usage: done!.usage, ...(last ? { continuation: last } : {}) };
    },
  };
}

function truncate(c: Continuation, maxTokens: number): Continuation {
  if (c.tokens.length <= maxTokens) return c;
  const tokens = c.tokens.slice(0, maxTokens);
  return { ...c, tokens, text: tokens.map((t) => t.text).join(''), decodeTokens: maxTokens, finish: 'length' };
}
