// Test-only helpers over the private @reasonkit/testbed model (not exported from the package).
import { loadModelDir } from '@reasonkit/core/node';
import { FAKE_THOUGHT, renderQuestion, TESTBED_EOS_ID, THINK_CLOSE, THINK_OPEN, type Problem } from '@reasonkit/testbed';
import { haveTestbedModel, testbedModelDir, type TestbedModelVariant } from '@reasonkit/testbed/node';
import { createLocalBackend, type LocalBackend } from '../backend/local-backend.js';
import { createThinkFormat, type FakeThought } from '../format/think-format.js';
import type { SelectionInput } from '../selectors/types.js';

/** The testbed's format: question line, `<think>`; answers follow `</think>\n\n`; no `\boxed`, so no inducer. */
export const testbedFormat = createThinkFormat({ id: 'testbed', template: `{question}${THINK_OPEN}`, thinkOpen: THINK_OPEN, thinkClose: THINK_CLOSE, answerInducer: '', trialStops: ['\n'], transitionWords: [] });

/** The `ma2025-finished` fake thought as the testbed writes it. */
export const testbedFakeThought: FakeThought = { id: 'ma2025-finished', body: FAKE_THOUGHT, close: `${THINK_CLOSE}\n\n` };

export function testbedInput(p: Problem, id?: string): SelectionInput {
  return { id: id ?? `${p.op}:${p.a}:${p.b}`, question: renderQuestion(p), format: testbedFormat, fakeThought: testbedFakeThought };
}

export { haveTestbedModel };

export async function loadTestbedBackend(variant: TestbedModelVariant = 'default'): Promise<LocalBackend> {
  const { lm, tokenizer } = await loadModelDir(testbedModelDir(variant), { runtime: 'node', threads: 1 });
  return createLocalBackend({ lm, tokenizer, eosTokenIds: [TESTBED_EOS_ID] });
}
