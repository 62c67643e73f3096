// The demo pipeline: problems of mixed difficulty are routed by mode-select (a ProbeConf probe on
// hidden states decides Thinking or NoThinking), Thinking runs with a kv-sparse cache, and the
// Thinking steps are scored by a process reward model through prm-bench's scorer interface (the
// testbed's exact step checker, wrapped by `createFunctionScorer`). Three systems run on the same
// problems: always-think, always-nothink, and the routed system.
import type { CausalLM, Tokenizer } from '@reasonkit/core';
import { fixedRatio, sparkMean, sparkScorer } from '@reasonkit/kv-sparse';
import { builtinSelectors, createLocalBackend, createModeRouter, createRegistry, createThinkFormat, trainProbe, type FakeThought, type Mode, type SelectionInput } from '@reasonkit/mode-select';
import { createFunctionScorer, type StepScorer } from '@reasonkit/prm-bench';
import {
  checkAnswer,
  checkSteps,
  extractAnswer,
  FAKE_THOUGHT,
  generateLevelProblems,
  MODEL_LEVELS,
  renderQuestion,
  solveWithModel,
  TESTBED_EOS_ID,
  THINK_CLOSE,
  THINK_OPEN,
  type Problem,
} from '@reasonkit/testbed';
import { createSparseThinkingBackend, type KvRecord } from './sparse-thinking-backend.js';

export const SYSTEMS = ['always-think', 'always-nothink', 'routed'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export interface DemoOptions {
  /** Problems per difficulty level (levels 1–5: 1- to 5-digit additions). Default 4. */
  perLevel?: number;
  /** Probe training problems per level (a separate seed). Default 16. */
  trainPerLevel?: number;
  /** Seed of the evaluation problems. Default 1. */
  seed?: number;
  /** Levels to use (default all five). */
  levels?: readonly number[];
  /** kv-sparse key-channel pruning ratio r. Default 0.5 (the ratio with no accuracy loss on the testbed, kv-sparse tests). */
  channelRatio?: number;
  /** Compress the cache once it holds this many tokens (prompt + first thoughts). Default 48 (kv-sparse's testbed test). */
  compressAtTokens?: number;
  onProgress?: (p: { phase: 'train-probe' | SystemName; done: number; total: number }) => void;
  signal?: AbortSignal;
}

export interface ProblemResult {
  level: number;
  question: string;
  mode: Mode;
  /** Probability of NoThinking success from the selector. */
  pNoThink: number;
  answer: string | undefined;
  correct: boolean;
  /** Generated tokens (answer + thoughts) plus tokens the selector decoded. */
  tokens: number;
  /** PRM labels of the Thinking steps (undefined for NoThinking answers). */
  prmLabels?: boolean[];
  kv?: KvRecord;
}

export interface SystemSummary {
  system: SystemName;
  problems: number;
  accuracy: number;
  tokens: number;
  thinkShare: number;
  kvDenseBytes: number;
  kvCacheBytes: number;
  /** Mean share of Thinking steps the PRM labels correct (null: no Thinking). */
  prmStepScore: number | null;
  /** Share of Thinking traces whose every step the PRM accepts (null: no Thinking). */
  prmTraceScore: number | null;
  /** Share of Thinking traces where the PRM verdict (all steps correct) agrees with the answer check. */
  prmAgreement: number | null;
}

export interface DemoResult {
  levels: number[];
  perLevel: number;
  threshold: number;
  probeTrainAccuracy: number;
  results: Record<SystemName, ProblemResult[]>;
  summaries: SystemSummary[];
}

const MAX_THINK_TOKENS = 200; // the longest 5-digit trace is 165 tokens (testbed)
const MAX_ANSWER_TOKENS = 12;

export const testbedFormat = createThinkFormat({ id: 'testbed', template: `{question}${THINK_OPEN}`, thinkOpen: THINK_OPEN, thinkClose: THINK_CLOSE, answerInducer: '', trialStops: ['\n'], transitionWords: [] });
export const testbedFakeThought: FakeThought = { id: 'ma2025-finished', body: FAKE_THOUGHT, close: `${THINK_CLOSE}\n\n` };

const inputFor = (p: Problem): SelectionInput => ({ id: `${p.op}:${p.a}:${p.b}`, question: renderQuestion(p), format: testbedFormat, fakeThought: testbedFakeThought });

/** The Thinking steps as the PRM sees them: each trace line, then the final answer. */
export function thinkingSteps(text: string): string[] | undefined {
  const close = text.indexOf(THINK_CLOSE);
  if (close < 0) return undefined;
  const lines = text.slice(0, close).split('\n').filter((l) => l.trim() !== '');
  return [...lines, text.slice(close + THINK_CLOSE.length).trim()];
}

/** The testbed's exact step checker as a PRM behind prm-bench's scorer interface. */
export function testbedStepScorer(problems: ReadonlyMap<string, Problem>): StepScorer {
  return createFunctionScorer('testbed-check-steps@1', (item) => {
    const p = problems.get(item.id);
    if (!p) throw new Error(`testbed PRM: unknown item ${item.id}`);
    return [...checkSteps(p, item.steps).labels];
  });
}

export async function runDemo(lm: CausalLM, tokenizer: Tokenizer, options: DemoOptions = {}): Promise<DemoResult> {
  const perLevel = options.perLevel ?? 4;
  const trainPerLevel = options.trainPerLevel ?? 16;
  const seed = options.seed ?? 1;
  const levels = MODEL_LEVELS.filter((l) => (options.levels ?? MODEL_LEVELS.map((x) => x.level)).includes(l.level));
  const signal = options.signal;
  const local = createLocalBackend({ lm, tokenizer, eosTokenIds: [TESTBED_EOS_ID] });
  const backend = createSparseThinkingBackend(local, {
    thinkOpen: THINK_OPEN,
    eosTokenIds: [TESTBED_EOS_ID],
    compress: { channel: { scorer: sparkScorer(), selector: fixedRatio(options.channelRatio ?? 0.5), restorer: sparkMean() }, queryAware: true },
    minTokens: options.compressAtTokens ?? 48,
  });

  // 1. ProbeConf: a logistic probe on the last hidden state after prompt + fake thought, trained on
  //    whether NoThinking answers correctly (training problems from a separate seed).
  const layer = local.hiddenLayers[local.hiddenLayers.length - 1]!;
  const train = levels.flatMap((l) => generateLevelProblems(l, trainPerLevel, 1000 + seed));
  const xs: Float32Array[] = [];
  const ys: number[] = [];
  for (const [i, p] of train.entries()) {
    const input = inputFor(p);
    xs.push((await local.hiddenState!(input.format.promptFor(input.question) + input.fakeThought.body, layer, signal)).vector);
    ys.push((await solveWithModel(lm, tokenizer, p, 'no-thinking', { maxNewTokens: MAX_ANSWER_TOKENS, ...(signal ? { signal } : {}) })).correct ? 1 : 0);
    options.onProgress?.({ phase: 'train-probe', done: i + 1, total: train.length });
  }
  const probe = trainProbe(xs, ys, { epochs: 400, seed: 1, ...(signal ? { signal } : {}) });
  const probeTrainAccuracy = xs.filter((x, i) => (probe.predict(x)[0]! > 0.5 ? 1 : 0) === ys[i]).length / xs.length;
  local.clearCache();

  const registry = createRegistry(builtinSelectors);
  const threshold = 0.5;
  const selectors: Record<SystemName, ReturnType<typeof registry.create>> = {
    'always-think': registry.create('always-think', {}, {}),
    'always-nothink': registry.create('always-nothink', {}, {}),
    routed: registry.create('probeconf', {}, { backend, probe }),
  };

  const problems = levels.flatMap((l) => generateLevelProblems(l, perLevel, seed).map((p) => ({ level: l.level, p })));
  const byId = new Map(problems.map(({ p }) => [inputFor(p).id!, p]));
  const prm = testbedStepScorer(byId);
  const results = {} as Record<SystemName, ProblemResult[]>;
  for (const system of SYSTEMS) {
    const router = createModeRouter({ selector: selectors[system], threshold, backend, maxAnswerTokens: MAX_ANSWER_TOKENS, maxThinkTokens: MAX_THINK_TOKENS });
    const rows: ProblemResult[] = [];
    for (const [i, { level, p }] of problems.entries()) {
      local.clearCache();
      const input = inputFor(p);
      const kvBefore = backend.kvRecords.length;
      const r = await router.route(input, signal);
      const row: ProblemResult = {
        level,
        question: `${p.a} + ${p.b}`,
        mode: r.mode,
        pNoThink: r.score.pNoThink,
        answer: extractAnswer(r.text),
        correct: checkAnswer(p, r.text),
        tokens: r.usage.generatedTokens + r.usage.selectorDecodeTokens,
      };
      if (backend.kvRecords.length > kvBefore) row.kv = backend.kvRecords[backend.kvRecords.length - 1]!;
      if (r.mode === 'think') {
        const steps = thinkingSteps(r.text) ?? [r.text];
        const scored = await prm.score({ id: input.id!, question: input.question, steps }, signal ? { signal } : {});
        row.prmLabels = scored.labels ?? [];
      }
      rows.push(row);
      options.onProgress?.({ phase: system, done: i + 1, total: problems.length });
    }
    results[system] = rows;
  }
  return { levels: levels.map((l) => l.level), perLevel, threshold, probeTrainAccuracy, results, summaries: SYSTEMS.map((s) => summarize(s, results[s])) };
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

export function summarize(system: SystemName, rows: readonly ProblemResult[]): SystemSummary {
  const thought = rows.filter((r) => r.prmLabels !== undefined);
  const allOk = (r: ProblemResult) => r.prmLabels!.length > 0 && r.prmLabels!.every(Boolean);
  return {
    system,
    problems: rows.length,
    accuracy: rows.filter((r) => r.correct).length / rows.length,
    tokens: rows.reduce((a, r) => a + r.tokens, 0),
    thinkShare: rows.filter((r) => r.mode === 'think').length / rows.length,
    kvDenseBytes: rows.reduce((a, r) => a + (r.kv?.denseBytes ?? 0), 0),
    kvCacheBytes: rows.reduce((a, r) => a + (r.kv?.cacheBytes ?? 0), 0),
    prmStepScore: mean(thought.map((r) => r.prmLabels!.filter(Boolean).length / Math.max(1, r.prmLabels!.length))),
    prmTraceScore: mean(thought.map((r) => (allOk(r) ? 1 : 0))),
    prmAgreement: mean(thought.map((r) => (allOk(r) === r.correct ? 1 : 0))),
  };
}
