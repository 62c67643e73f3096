// @reasonkit/mode-select in one file: a zero-step selector (DEER, on the NoThinking trial answer's
// token probabilities) decides per question whether the committed testbed model should think or
// answer directly; the router then answers (reusing the selector's prefill for NoThinking).
// Offline: the testbed model in packages/testbed/model, a real onnxruntime-node session.
// Run: npm start -w @reasonkit/example-mode-select
import { pathToFileURL } from 'node:url';
import { loadModelDir } from '@reasonkit/core/node';
import { builtinSelectors, createLocalBackend, createModeRouter, createRegistry, createThinkFormat } from '@reasonkit/mode-select';
import { checkAnswer, FAKE_THOUGHT, generateLevelProblems, MODEL_LEVELS, renderQuestion, TESTBED_EOS_ID, THINK_CLOSE, THINK_OPEN } from '@reasonkit/testbed';
import { haveTestbedModel, testbedModelDir } from '@reasonkit/testbed/node';

// the testbed's prompt format: question line then `<think>`; answers follow `</think>\n\n`
const format = createThinkFormat({ id: 'testbed', template: `{question}${THINK_OPEN}`, thinkOpen: THINK_OPEN, thinkClose: THINK_CLOSE, answerInducer: '', trialStops: ['\n'], transitionWords: [] });
const fakeThought = { id: 'ma2025-finished', body: FAKE_THOUGHT, close: `${THINK_CLOSE}\n\n` };

export async function run(options: { perLevel?: number; threshold?: number; seed?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  if (!haveTestbedModel()) {
    log('mode-select example: testbed model missing (packages/testbed/model); skipping');
    return undefined;
  }
  const { lm, tokenizer } = await loadModelDir(testbedModelDir(), { runtime: 'node', threads: 1 });
  try {
    const backend = createLocalBackend({ lm, tokenizer, eosTokenIds: [TESTBED_EOS_ID] });
    const selector = createRegistry(builtinSelectors).create('deer', { placement: 'after-close', stops: ['\n'] }, { backend });
    const router = createModeRouter({ selector, threshold: options.threshold ?? 0.99, backend, maxAnswerTokens: 64 });
    const problems = MODEL_LEVELS.flatMap((l) => generateLevelProblems(l, options.perLevel ?? 1, options.seed ?? 7));
    const rows = [];
    log('| question | mode | pNoThink | correct | generated tokens |\n|---|---|---:|---|---:|');
    for (const p of problems) {
      const r = await router.route({ question: renderQuestion(p), format, fakeThought });
      const correct = checkAnswer(p, r.mode === 'think' ? r.text.slice(r.text.indexOf(THINK_CLOSE) + THINK_CLOSE.length) : r.text);
      rows.push({ problem: p, mode: r.mode, pNoThink: r.score.pNoThink, correct, tokens: r.usage.generatedTokens });
      log(`| ${renderQuestion(p).trim()} | ${r.mode} | ${r.score.pNoThink.toFixed(3)} | ${correct} | ${r.usage.generatedTokens} |`);
    }
    log(`Routed accuracy ${rows.filter((r) => r.correct).length}/${rows.length}; NoThinking on ${rows.filter((r) => r.mode === 'nothink').length}.`);
    return rows;
  } finally {
    await lm.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
