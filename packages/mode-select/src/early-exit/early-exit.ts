import { argmax, parseOptions, streamGenerate, tokenToIdWith } from '@reasonkit/core';
import * as z from 'zod';
import { type ReasoningBackend, throwIfAborted } from '../backend/backend.js';
import type { LocalBackend } from '../backend/local-backend.js';
import { assertTagsInVocabulary } from '../backend/local-backend.js';
import type { ExitPolicy, ExitVerdict, ReasoningState, SelectionInput } from '../selectors/types.js';
import type { Segmenter } from './segmenters.js';

/** zod schema of `EarlyExitOptions`: validates it and applies its defaults. */
export const EarlyExitOptionsSchema = z.object({
  segmenter: z.custom<Segmenter>((v) => typeof v === 'object' && v !== null && typeof (v as Segmenter).shouldCheck === 'function', { message: 'expected a Segmenter' }),
  /** Total generation budget (thinking + answer). 16384 [ref: iie-ycx/DEER]. */
  maxTokens: z.number().int().min(1).default(16384),
  /** Thinking ends by budget at thinkRatio · maxTokens − 50 tokens; 0.9 [ref: iie-ycx/DEER]. */
  thinkRatio: z.number().gt(0).max(1).default(0.9),
  /** Offset of the budget rule: 50 [ref: iie-ycx/DEER]. */
  budgetOffset: z.number().int().min(0).default(50),
  /** After this many checks only a natural close or the budget ends thinking. 10 [ref: iie-ycx/DEER]. */
  maxChecks: z.number().int().min(0).default(10),
  /** Written before the close tag on a budget close (llama.cpp `--reasoning-budget-message`). */
  budgetMessage: z.string().optional(),
  /** Stop ids of the local model; default its EOS ids. */
  eosTokenIds: z.array(z.number().int().nonnegative()).optional(),
});
/** Input accepted by `EarlyExitOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type EarlyExitOptions = z.input<typeof EarlyExitOptionsSchema>;

/** An event of an early-exit run (check, exit, ...). */
export type EarlyExitEvent =
  | { type: 'thought'; text: string }
  | { type: 'check'; step: number; thinkTokens: number; verdict: ExitVerdict }
  | { type: 'exit'; reason: 'policy' | 'budget' | 'natural' }
  | { type: 'answer'; text: string }
  | { type: 'done'; text: string; usage: { thinkTokens: number; answerTokens: number; checkTokens: number; prefillTokens: number } };

/** Thinking budget of the DEER rule: ⌊thinkRatio · maxTokens⌋ − offset (at least 0). */
export function thinkingBudget(o: { maxTokens: number; thinkRatio: number; budgetOffset: number }): number {
  return Math.max(0, Math.floor(o.thinkRatio * o.maxTokens) - o.budgetOffset);
}

/**
 * Early exit while streaming (spec §6). On a local backend it is a **generation hook** on core's
 * `streamGenerate`: before each thinking token the segmenter decides whether to check; the policy
 * scores the thoughts so far; on exit the close tag is forced as the next token (exactly one close
 * tag), followed by the model's answer or the policy's `closeWith`. On a text backend it generates
 * segment by segment with the segmenter's stop strings and re-inserts the stop on continue.
 */
export async function* runEarlyExit(
  backend: ReasoningBackend,
  policy: ExitPolicy,
  input: SelectionInput,
  options: EarlyExitOptions,
  signal?: AbortSignal,
): AsyncGenerator<EarlyExitEvent> {
  const o = parseOptions(EarlyExitOptionsSchema, options, 'early-exit options');
  if (backend.kind === 'local') yield* runLocal(backend as LocalBackend, policy, input, o, signal);
  else yield* runText(backend, policy, input, o, signal);
}

type Resolved = z.output<typeof EarlyExitOptionsSchema>;

async function* runLocal(backend: LocalBackend, policy: ExitPolicy, input: SelectionInput, o: Resolved, signal?: AbortSignal): AsyncGenerator<EarlyExitEvent> {
  const { lm, tokenizer } = backend;
  const f = input.format;
  throwIfAborted(signal, 'early exit');
  assertTagsInVocabulary(tokenizer, f);
  const closeId = tokenToIdWith(tokenizer, f.thinkClose)!;
  const encodeText = (text: string) => (text === '' ? [] : tokenizer.encode(text, { bos: false }));
  const prompt = f.promptFor(input.question);
  const ids = backend.encode(prompt);
  const budget = thinkingBudget(o);
  const events: EarlyExitEvent[] = [];
  const state: ReasoningState = { input, thoughts: '', step: 0, thinkTokens: 0, memory: {} };
  const queue: number[] = [];
  let phase: 'think' | 'answer' = 'think';
  let stopAfterQueue = false;
  let checks = 0;
  let checkTokens = 0;
  let answer = '';
  let exited = false;
  const exitWith = (reason: 'policy' | 'budget', before: number[], after: number[] = [], stop = false) => {
    queue.push(...before, closeId, ...after);
    stopAfterQueue = stop;
    exited = true;
    events.push({ type: 'exit', reason });
  };

  const gen = streamGenerate(lm, {
    inputIds: ids,
    tokenizer,
    maxNewTokens: o.maxTokens,
    temperature: 0,
    eosTokenIds: o.eosTokenIds ?? lm.config.eosTokenIds,
    ...(signal ? { signal } : {}),
    hooks: {
      async onStep(ctx) {
        if (queue.length > 0) return { forceToken: queue.shift()! };
        if (stopAfterQueue) return { stop: true, reason: 'closeWith' };
        if (phase !== 'think' || exited) return;
        if (state.thinkTokens >= budget) {
          exitWith('budget', o.budgetMessage ? encodeText(o.budgetMessage) : []);
          return { forceToken: queue.shift()! };
        }
        const candidate = argmax(ctx.processed);
        if (candidate === closeId) return;
        const nextText = tokenizer.decode([...ctx.ids.slice(ctx.promptLength), candidate]).slice(tokenizer.decode(ctx.ids.slice(ctx.promptLength)).length);
        if (checks >= o.maxChecks || !o.segmenter.shouldCheck({ thoughts: state.thoughts, nextText, thinkTokens: state.thinkTokens })) return;
        checks++;
        state.step = checks;
        const verdict = await policy.check(state, signal ? { signal } : {});
        checkTokens += verdict.cost.prefillTokens + verdict.cost.decodeTokens;
        events.push({ type: 'check', step: checks, thinkTokens: state.thinkTokens, verdict });
        if (!verdict.exit) return;
        if (verdict.closeWith !== undefined) {
          const rest = verdict.closeWith.startsWith(f.thinkClose) ? verdict.closeWith.slice(f.thinkClose.length) : verdict.closeWith;
          exitWith('policy', [], encodeText(rest), true);
        } else exitWith('policy', []);
        return { forceToken: queue.shift()! };
      },
      onToken(tok) {
        if (phase === 'think') {
          if (tok.id === closeId) {
            phase = 'answer';
            if (!exited) events.push({ type: 'exit', reason: 'natural' });
            return;
          }
          state.thoughts += tok.textDelta;
          state.thinkTokens++;
          events.push({ type: 'thought', text: tok.textDelta });
        } else {
          answer += tok.textDelta;
          if (tok.textDelta !== '') events.push({ type: 'answer', text: tok.textDelta });
        }
      },
    },
  });
  let result;
  for (;;) {
    const part = await gen.next();
    while (events.length > 0) yield events.shift()!;
    if (part.done) {
      result = part.value;
      break;
    }
  }
  if (result.finishReason === 'abort') throwIfAborted(signal ?? AbortSignal.abort(), 'early exit');
  const answerTokens = result.ids.length - state.thinkTokens - ((phase as string) === 'answer' ? 1 : 0);
  yield {
    type: 'done',
    text: result.text ?? '',
    usage: { thinkTokens: state.thinkTokens, answerTokens, checkTokens, prefillTokens: ids.length },
  };
}

async function* runText(backend: ReasoningBackend, policy: ExitPolicy, input: SelectionInput, o: Resolved, signal?: AbortSignal): AsyncGenerator<EarlyExitEvent> {
  const f = input.format;
  const prompt = f.promptFor(input.question);
  const budget = thinkingBudget(o);
  const count = (text: string, reported: number) => backend.countTokens?.(text) ?? reported;
  const state: ReasoningState = { input, thoughts: '', step: 0, thinkTokens: 0, memory: {} };
  let checks = 0;
  let checkTokens = 0;
  let prefill = 0;
  let closeWith: string | undefined;
  let reason: 'policy' | 'budget' | 'natural' | undefined;
  const stops = [...o.segmenter.stops, f.thinkClose];
  while (reason === undefined) {
    throwIfAborted(signal, 'early exit');
    const left = budget - state.thinkTokens;
    if (left <= 0) {
      reason = 'budget';
      break;
    }
    const c = await backend.continue({ prompt: prompt + state.thoughts, maxTokens: left, stop: stops, ...(signal ? { signal } : {}) });
    prefill += c.prefillTokens;
    state.thinkTokens += c.decodeTokens;
    if (c.text !== '') {
      state.thoughts += c.text;
      yield { type: 'thought', text: c.text };
    }
    if (c.finish === 'eos' || c.stopSequence === f.thinkClose) {
      reason = 'natural';
      break;
    }
    if (c.finish !== 'stop') continue;
    // a segment boundary: check, then re-insert the consumed stop on continue
    const stopText = c.stopSequence ?? o.segmenter.stops[0] ?? '';
    if (checks < o.maxChecks) {
      checks++;
      state.step = checks;
      const verdict = await policy.check(state, signal ? { signal } : {});
      checkTokens += verdict.cost.prefillTokens + verdict.cost.decodeTokens;
      yield { type: 'check', step: checks, thinkTokens: state.thinkTokens, verdict };
      if (verdict.exit) {
        reason = 'policy';
        closeWith = verdict.closeWith;
        break;
      }
    }
    state.thoughts += stopText;
    yield { type: 'thought', text: stopText };
  }
  yield { type: 'exit', reason };
  let answer: string;
  let answerTokens: number;
  if (closeWith !== undefined) {
    answer = closeWith.startsWith(f.thinkClose) ? closeWith.slice(f.thinkClose.length) : closeWith;
    answerTokens = count(answer, 0);
  } else {
    const budgetText = reason === 'budget' && o.budgetMessage ? o.budgetMessage : '';
    const c = await backend.continue({ prompt: prompt + state.thoughts + budgetText + f.thinkClose, maxTokens: Math.max(1, o.maxTokens - state.thinkTokens), ...(signal ? { signal } : {}) });
    prefill += c.prefillTokens;
    answer = c.text;
    answerTokens = c.decodeTokens;
    state.thoughts += budgetText;
  }
  if (answer !== '') yield { type: 'answer', text: answer };
  yield { type: 'done', text: `${state.thoughts}${f.thinkClose}${answer}`, usage: { thinkTokens: state.thinkTokens, answerTokens, checkTokens, prefillTokens: prefill } };
}
