// `npm run demo`: reasonkit's main job on its embedded default model, offline.
// The testbed model (packages/testbed/model, trained by the project) solves arithmetic problems
// with Thinking and with NoThinking through @reasonkit/core's ONNX path; the demo streams one
// worked example, shows a per-step hook reading the model's confidence, and prints accuracy per
// difficulty level: why choosing a mode matters (mode-select) and what a reasoning trace costs.
import { entropyFromLogits, generate, streamGenerate } from '@reasonkit/core';
import { loadModelDir } from '@reasonkit/core/node';
import {
  evaluateModel,
  generateLevelProblems,
  MODEL_LEVELS,
  promptFor,
  TESTBED_EOS_ID,
} from '@reasonkit/testbed';
import { haveTestbedModel, testbedModelDir } from '@reasonkit/testbed/node';

const PROBLEMS_PER_LEVEL = Number(process.env.DEMO_PROBLEMS ?? 10);

if (!haveTestbedModel()) {
  console.error(`The testbed model is missing at ${testbedModelDir()}; it is committed with the repository.`);
  process.exit(1);
}
const { lm, tokenizer } = await loadModelDir(testbedModelDir(), { threads: 1 });
try {
  const hardest = MODEL_LEVELS[MODEL_LEVELS.length - 1]!;
  const [problem] = generateLevelProblems(hardest, 1, 2026);
  console.log(`# One problem at level ${hardest.level} (${hardest.description}), greedy, streamed`);
  const thinkingPrompt = promptFor(problem!, 'thinking');
  process.stdout.write(`\n${thinkingPrompt}`);
  const stream = streamGenerate(lm, {
    inputIds: tokenizer.encode(thinkingPrompt, { bos: true }),
    tokenizer,
    maxNewTokens: 220,
    temperature: 0,
    eosTokenIds: [TESTBED_EOS_ID],
  });
  let part = await stream.next();
  while (!part.done) {
    process.stdout.write(part.value.textDelta);
    part = await stream.next();
  }
  console.log(`\n(${part.value.ids.length} tokens with Thinking)`);

  // A hook reads every step's logits: the mean entropy of the answer tokens, with and without thinking.
  for (const mode of ['thinking', 'no-thinking'] as const) {
    const entropies: number[] = [];
    const r = await generate(lm, {
      inputIds: tokenizer.encode(promptFor(problem!, mode), { bos: true }),
      tokenizer,
      maxNewTokens: 220,
      temperature: 0,
      eosTokenIds: [TESTBED_EOS_ID],
      hooks: { onStep: (ctx) => void entropies.push(entropyFromLogits(ctx.logits)) },
    });
    const answerSteps = entropies.slice(-8);
    const mean = answerSteps.reduce((a, b) => a + b, 0) / answerSteps.length;
    console.log(`${mode.padEnd(11)} answer: ${JSON.stringify(r.text?.split('\n').at(-1) ?? '')}  mean entropy of the last 8 steps: ${mean.toFixed(3)} nats`);
  }

  console.log(`\n# Accuracy per level, ${PROBLEMS_PER_LEVEL} held-out problems each (seed 1), greedy`);
  console.log('\n| level | description | Thinking | NoThinking | tokens (Thinking) | tokens (NoThinking) |');
  console.log('|---|---|---:|---:|---:|---:|');
  const rows = await evaluateModel(lm, tokenizer, { problems: PROBLEMS_PER_LEVEL, seed: 1 });
  for (const r of rows) {
    const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
    console.log(`| ${r.level} | ${r.description} | ${pct(r.think_acc)} | ${pct(r.nothink_acc)} | ${r.think_tokens.toFixed(1)} | ${r.nothink_tokens.toFixed(1)} |`);
  }
  console.log('\nFull table: npx reasonkit-testbed eval --problems 1000 --seed 1');
} finally {
  await lm.dispose();
}
