import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkSteps } from '../tasks/check-steps.js';
import { solve } from '../tasks/solution.js';
import { buildSyntheticPrmSet, PRM_ERROR_KINDS, toJsonl } from './synthetic-prm.js';

// The PRMBench record format (spec prm-bench §2.2), as a schema of our own until prm-bench's loader exists.
const PrmBenchRecordSchema = z.object({
  original_question: z.string(),
  modified_question: z.string(),
  question: z.string(),
  original_process: z.array(z.string()),
  modified_process: z.array(z.string()),
  modified_steps: z.array(z.number().int().positive()),
  error_steps: z.array(z.number().int().positive()),
  reason: z.string(),
  idx: z.string(),
  classification: z.string(),
});

describe('buildSyntheticPrmSet', () => {
  const items = buildSyntheticPrmSet({ seed: 1, count: 400 });

  it('writes PRMBench records that round-trip through JSONL', () => {
    const lines = toJsonl(items.map((i) => i.record)).trimEnd().split('\n');
    expect(lines).toHaveLength(400);
    for (const line of lines) {
      const r = PrmBenchRecordSchema.parse(JSON.parse(line));
      expect(r.error_steps.length).toBeGreaterThan(0);
      expect(Math.max(...r.error_steps)).toBeLessThanOrEqual(r.modified_process.length);
      expect(r.modified_process).not.toEqual(r.original_process);
    }
    expect(new Set(items.map((i) => `${i.record.classification}_${i.record.idx}`)).size).toBe(400);
  });

  it('is deterministic per seed and rotates the four error kinds', () => {
    expect(buildSyntheticPrmSet({ seed: 1, count: 400 })).toEqual(items);
    expect(buildSyntheticPrmSet({ seed: 2, count: 400 })).not.toEqual(items);
    expect(items.slice(0, 4).map((i) => i.record.classification)).toEqual([...PRM_ERROR_KINDS]);
  });

  it('injects each kind as described (hand-checked shapes)', () => {
    for (const { record: r, problem } of items) {
      const orig = solve(problem).steps;
      const at = r.modified_steps[0]! - 1;
      expect(r.modified_process.slice(0, at)).toEqual(orig.slice(0, at));
      if (r.classification === 'wrong_final_transcription') {
        expect(r.modified_process.slice(0, -1)).toEqual(orig.slice(0, -1));
        expect(r.error_steps).toEqual([orig.length]);
      }
      if (r.classification === 'skipped_step') expect(r.modified_process).toHaveLength(orig.length - 1);
      if (r.classification === 'wrong_carry') expect(r.modified_process[at]!.slice(12, 14)).not.toBe(orig[at]!.slice(12, 14));
      if (r.classification === 'wrong_digit') expect(r.modified_process[at]![15]).not.toBe(orig[at]![15]);
      expect(checkSteps(problem, r.modified_process).errorSteps).toEqual(r.error_steps);
    }
  });
});
