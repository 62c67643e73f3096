import { describe, expect, it } from 'vitest';
import { CHEXBERT_HEAD_SIZES, chexbertInputText, chexbertLabelsFromLogits } from './chexbert-logits.js';

describe('CheXbert logits → labels', () => {
  it('argmax per head, then rrg (positive/uncertain → 1) or classification mapping', () => {
    const logits = new Float32Array(54);
    // head 0 positive (1), head 1 negative (2), head 2 uncertain (3), heads 3..12 blank (0), No Finding positive
    logits[0 * 4 + 1] = 5;
    logits[1 * 4 + 2] = 5;
    logits[2 * 4 + 3] = 5;
    for (let h = 3; h < 13; h++) logits[h * 4] = 1;
    logits[52 + 1] = 2;
    expect(Array.from(chexbertLabelsFromLogits(logits))).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(chexbertLabelsFromLogits(logits, { mode: 'classification' })).slice(0, 4)).toEqual([1, 0, -1, 0]);
    expect(CHEXBERT_HEAD_SIZES.reduce((a, b) => a + b, 0)).toBe(54);
  });
  it('ties go to the first class; a wrong width is an error', () => {
    expect(chexbertLabelsFromLogits([0, 0, 1, 1], { headSizes: [2, 2] }).length).toBe(2);
    expect(Array.from(chexbertLabelsFromLogits([3, 3, 0, 9], { headSizes: [2, 2] }))).toEqual([0, 1]);
    expect(() => chexbertLabelsFromLogits(new Float32Array(10))).toThrow(/expected 54 values/);
  });
  it('input clean-up: trim, newlines to spaces, collapse whitespace', () => {
    expect(chexbertInputText('  No effusion.\nStable \t heart.  ')).toBe('No effusion. Stable heart.');
  });
});
