// What the page runs for one problem, with no DOM and no Node-only import (it runs in the browser
// on onnxruntime-web, and under any other core CausalLM):
// 1. mode-select: the DEER selector scores the NoThinking trial answer at step zero (after the
//    fake thought) and the router picks NoThinking iff pNoThink > threshold, else Thinking;
// 2. Thinking streams token by token through core's `streamGenerate` with kv-sparse's SparK
//    compression hook: the KV cache is compressed once it holds `compressAtTokens` tokens, and the
//    page is told the cache's real bytes after every token.
import { type CausalLM, type GenerationHooks, type GenerationResult, type KVCache, streamGenerate, type Tokenizer } from '@reasonkit/core';
import { fixedRatio, type KVGeometry, sparkCompression, sparkMean, sparkScorer } from '@reasonkit/kv-sparse';
import {
  builtinSelectors,
  type Continuation,
  type ContinueRequest,
  continuationFromResult,
  createLocalBackend,
  createModeRouter,
  createRegistry,
  createThinkFormat,
  type LocalBackend,
  type Mode,
  noThinkingPromptFor,
  type ReasoningBackend,
  type SelectionInput,
} from '@reasonkit/mode-select';
import { exactAnswer, extractAnswer, FAKE_THOUGHT, type Problem, renderQuestion, TESTBED_EOS_ID, THINK_CLOSE, THINK_OPEN } from '@reasonkit/testbed';
import { denseKvBytes, type KvSnapshot, kvSnapshot } from './kv-memory.js';

/** Options of {@link runProblem}; every one has a default. */
export interface DemoOptions {
  /** NoThinking iff DEER's pNoThink > threshold. Default 0.99 (examples/mode-select, calibrated on the testbed model) [our choice]. */
  threshold?: number;
  /** SparK key-channel pruning ratio r. Default 0.5 (no accuracy loss on the testbed, kv-sparse tests; examples/demo). */
  channelRatio?: number;
  /** Compress the Thinking cache once it holds this many tokens. Default 48 (kv-sparse's testbed test; examples/demo). */
  compressAtTokens?: number;
  /** Thinking budget (thoughts + answer). Default 200: the longest 5-digit trace is 165 tokens (testbed). */
  maxThinkTokens?: number;
  /** NoThinking answer budget. Default 12 (a 6-digit sum plus EOS fits) [our choice]. */
  maxAnswerTokens?: number;
  signal?: AbortSignal;
}

/** The defaults of {@link DemoOptions} (sources next to each option). */
export const DEMO_DEFAULTS = { threshold: 0.99, channelRatio: 0.5, compressAtTokens: 48, maxThinkTokens: 200, maxAnswerTokens: 12 } as const;

/** What {@link runProblem} reports while it runs. */
export type DemoEvent =
  | { type: 'decision'; mode: Mode; pNoThink: number; threshold: number }
  | { type: 'token'; textDelta: string; kv: KvSnapshot }
  | { type: 'compressed'; kv: KvSnapshot };

/** The outcome of one problem. */
export interface DemoResult {
  mode: Mode;
  pNoThink: number;
  /** The model's whole output (thoughts, close tag and answer for Thinking; the answer for NoThinking). */
  text: string;
  /** The thoughts (Thinking only; empty for NoThinking). */
  thoughts: string;
  /** The answer as the testbed's checker extracts it (undefined: not a number). */
  answer: string | undefined;
  /** The exact sum. */
  expected: string;
  correct: boolean;
  /** Tokens generated for the answer (thoughts + answer), plus those the selector decoded. */
  generatedTokens: number;
  /** The KV memory at the end. */
  kv: KvSnapshot;
  /** Thinking tokens streamed to the page (0 for NoThinking). */
  streamedTokens: number;
}

/** The testbed's prompt format for mode-select: question line, then `<think>`. */
export const testbedFormat = createThinkFormat({ id: 'testbed', template: `{question}${THINK_OPEN}`, thinkOpen: THINK_OPEN, thinkClose: THINK_CLOSE, answerInducer: '', trialStops: ['\n'], transitionWords: [] });
/** mode-select's `ma2025-finished` fake thought, as the testbed model was trained on it. */
export const testbedFakeThought = { id: 'ma2025-finished', body: FAKE_THOUGHT, close: `${THINK_CLOSE}\n\n` };

/** Gives the browser a chance to paint between tokens (a macrotask, not a microtask). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A mode-select backend whose Thinking continuation (prompt = question + `<think>`, no stop strings)
 * streams through core's `streamGenerate` with SparK compression; every other request (the
 * selector's trial, the NoThinking answer) goes to the dense local backend.
 */
function streamingThinkingBackend(
  inner: LocalBackend,
  geometry: KVGeometry,
  o: Required<Pick<DemoOptions, 'channelRatio' | 'compressAtTokens'>>,
  emit: (e: DemoEvent) => void,
): ReasoningBackend & { last: () => { result: GenerationResult; kv: KvSnapshot; streamed: number } | undefined } {
  const { lm, tokenizer } = inner;
  let last: { result: GenerationResult; kv: KvSnapshot; streamed: number } | undefined;

  async function thinking(request: ContinueRequest): Promise<Continuation> {
    const ids = inner.encode(request.prompt);
    const spark = sparkCompression({
      geometry,
      compress: { channel: { scorer: sparkScorer(), selector: fixedRatio(o.channelRatio), restorer: sparkMean() }, queryAware: true },
      minTokens: o.compressAtTokens,
    });
    let cache: KVCache | undefined;
    let compressed = false;
    // runs after SparK's hook, so it sees the compressed cache once SparK replaced it
    const watch: GenerationHooks = {
      onStep(ctx) {
        cache = ctx.cache;
        if (!compressed && spark.result()) {
          compressed = true;
          emit({ type: 'compressed', kv: kvSnapshot(ctx.cache, geometry) });
        }
      },
    };
    let result: GenerationResult | undefined;
    let streamed = 0;
    for await (const part of streamGenerate(lm, {
      inputIds: ids,
      tokenizer,
      maxNewTokens: request.maxTokens,
      temperature: 0,
      eosTokenIds: [TESTBED_EOS_ID],
      hooks: [spark.hooks, watch],
      outputs: spark.outputs,
      logprobs: { topN: 0 },
      ...(request.signal ? { signal: request.signal } : {}),
    })) {
      if (part.type === 'finish') {
        result = part.result;
        break;
      }
      streamed += 1;
      emit({ type: 'token', textDelta: part.textDelta, kv: kvSnapshot(cache!, geometry) });
      await nextTask();
    }
    const r = result!;
    last = { result: r, kv: kvSnapshot(r.cache, geometry), streamed };
    inner.usage.prefillTokens += ids.length;
    inner.usage.decodeTokens += r.ids.length;
    inner.usage.calls += 1;
    return continuationFromResult(r, tokenizer, { prefillTokens: ids.length });
  }

  return {
    kind: 'local',
    capabilities: inner.capabilities,
    hiddenLayers: inner.hiddenLayers,
    usage: inner.usage,
    continue: (request) => (request.prompt.endsWith(THINK_OPEN) && !request.stop?.length ? thinking(request) : inner.continue(request)),
    hiddenState: inner.hiddenState!.bind(inner),
    score: inner.score!.bind(inner),
    countTokens: inner.countTokens!.bind(inner),
    last: () => last,
  };
}

/**
 * Runs one testbed problem: a zero-step mode decision (mode-select, DEER), then NoThinking (the
 * selector's prefill reused) or Thinking streamed with a kv-sparse cache. `onEvent` gets the
 * decision, every Thinking token with the KV memory after it, and the moment of compression.
 */
export async function runProblem(model: { lm: CausalLM; tokenizer: Tokenizer }, problem: Problem, options: DemoOptions = {}, onEvent: (e: DemoEvent) => void = () => {}): Promise<DemoResult> {
  const threshold = options.threshold ?? DEMO_DEFAULTS.threshold;
  const maxAnswerTokens = options.maxAnswerTokens ?? DEMO_DEFAULTS.maxAnswerTokens;
  const c = model.lm.config;
  const geometry: KVGeometry = { layers: c.numLayers, kvHeads: c.numKvHeads, qHeads: c.numQHeads, headDim: c.headDim };
  const local = createLocalBackend({ lm: model.lm, tokenizer: model.tokenizer, eosTokenIds: [TESTBED_EOS_ID] });
  const backend = streamingThinkingBackend(local, geometry, { channelRatio: options.channelRatio ?? DEMO_DEFAULTS.channelRatio, compressAtTokens: options.compressAtTokens ?? DEMO_DEFAULTS.compressAtTokens }, onEvent);
  const selector = createRegistry(builtinSelectors).create('deer', { placement: 'after-close', stops: ['\n'] }, { backend });
  const router = createModeRouter({ selector, threshold, backend, maxAnswerTokens, maxThinkTokens: options.maxThinkTokens ?? DEMO_DEFAULTS.maxThinkTokens });
  const input: SelectionInput = { question: renderQuestion(problem), format: testbedFormat, fakeThought: testbedFakeThought };

  let pNoThink = Number.NaN;
  let done: { mode: Mode; text: string; generatedTokens: number } | undefined;
  for await (const e of router.answer(input, options.signal)) {
    if (e.type === 'decision') {
      pNoThink = e.score.pNoThink;
      onEvent({ type: 'decision', mode: e.mode, pNoThink, threshold });
    } else if (e.type === 'done' && 'mode' in e) {
      done = { mode: e.mode, text: e.text, generatedTokens: e.usage.generatedTokens + e.usage.selectorDecodeTokens };
    }
  }
  const { mode, text, generatedTokens } = done!;
  const expected = String(exactAnswer(problem));
  const answer = extractAnswer(text);
  let kv: KvSnapshot;
  let thoughts = '';
  let streamedTokens = 0;
  const thought = backend.last();
  if (mode === 'think' && thought) {
    kv = thought.kv;
    streamedTokens = thought.streamed;
    const close = text.indexOf(THINK_CLOSE);
    thoughts = close < 0 ? text : text.slice(0, close);
  } else {
    // NoThinking: the cache holds the prompt (with the fake thought) and the answer, dense
    const tokens = local.encode(noThinkingPromptFor(testbedFormat, input.question, testbedFakeThought) + text).length;
    const bytes = denseKvBytes(tokens, geometry);
    kv = { tokens, denseBytes: bytes, cacheBytes: bytes, compressed: false, compressedTokens: 0 };
  }
  return { mode, pNoThink, text, thoughts, answer, expected, correct: answer === expected, generatedTokens, kv, streamedTokens };
}
