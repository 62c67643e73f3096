import { checkAnswer } from '@reasonkit/testbed';
import { haveTestbedModel } from '@reasonkit/testbed/node';
import { describe, expect, it } from 'vitest';
import { run } from './main.js';

describe.skipIf(!haveTestbedModel())('example: core (real ONNX Runtime session on the testbed model)', () => {
  it('streams a correct 2-digit Thinking answer and reads entropies through the hook', async () => {
    let out = '';
    const r = await run({ level: 2, write: (s) => void (out += s) });
    expect(checkAnswer(r.problem, r.text)).toBe(true);
    expect(out).toContain(r.text);
    expect(r.entropy.thinking).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(r.entropy['no-thinking'])).toBe(true);
  });
});
