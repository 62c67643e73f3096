// @reasonkit/core in one file: load a model directory (the committed testbed model) into an
// onnxruntime-node session, stream a greedy generation token by token, and read every step's
// logits with a hook (entropy of the answer tokens, with and without thinking).
// Run: npm start -w @reasonkit/example-core
import { pathToFileURL } from 'node:url';
import { entropyFromLogits, generate, streamGenerate } from '@reasonkit/core';
import { loadModelDir } from '@reasonkit/core/node';
import { generateLevelProblems, MODEL_LEVELS, promptFor, TESTBED_EOS_ID } from '@reasonkit/testbed';
import { testbedModelDir } from '@reasonkit/testbed/node';

export async function run(options: { level?: number; write?: (s: string) => void } = {}) {
  const write = options.write ?? ((s: string) => process.stdout.write(s));
  const { lm, tokenizer } = await loadModelDir(testbedModelDir(), { threads: 1 });
  try {
    const level = MODEL_LEVELS[(options.level ?? 4) - 1]!;
    const [problem] = generateLevelProblems(level, 1, 2026);
    const prompt = promptFor(problem!, 'thinking');
    write(`# ${level.description}, greedy, streamed\n${prompt}`);
    const stream = streamGenerate(lm, { inputIds: tokenizer.encode(prompt, { bos: true }), tokenizer, maxNewTokens: 220, temperature: 0, eosTokenIds: [TESTBED_EOS_ID] });
    let part = await stream.next();
    while (!part.done) {
      write(part.value.textDelta);
      part = await stream.next();
    }
    const streamed = part.value;
    write(`\n(${streamed.ids.length} tokens with Thinking)\n`);
    const entropy: Record<string, number> = {};
    for (const mode of ['thinking', 'no-thinking'] as const) {
      const steps: number[] = [];
      const r = await generate(lm, {
        inputIds: tokenizer.encode(promptFor(problem!, mode), { bos: true }),
        tokenizer,
        maxNewTokens: 220,
        temperature: 0,
        eosTokenIds: [TESTBED_EOS_ID],
        hooks: { onStep: (ctx) => void steps.push(entropyFromLogits(ctx.logits)) },
      });
      const last = steps.slice(-8);
      entropy[mode] = last.reduce((a, b) => a + b, 0) / last.length;
      write(`${mode.padEnd(11)} answer ${JSON.stringify(r.text?.split('\n').at(-1) ?? '')}, mean entropy of the last 8 steps ${entropy[mode]!.toFixed(3)} nats\n`);
    }
    return { problem: problem!, text: streamed.text ?? '', tokens: streamed.ids.length, entropy };
  } finally {
    await lm.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
