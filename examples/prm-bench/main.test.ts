import { describe, expect, it } from 'vitest';
import { run } from './main.js';

describe('example: prm-bench', () => {
  it('the exact checker scores 1; the answer-only checker misses errors inside the trace', async () => {
    const r = await run({ count: 40, log: () => {} });
    expect(r['exact step checker']!.overall.prmScore).toBe(1);
    const weak = r['answer-only checker']!;
    expect(weak.overall.prmScore).toBeLessThan(1);
    expect(weak.byCategory.wrong_final_transcription!.prmScore).toBeGreaterThan(weak.byCategory.wrong_carry!.prmScore!);
  });
});
