import { describe, expect, it } from 'vitest';
import { strides } from './strides.js';

describe('strides', () => {
  it('is row-major', () => {
    expect(strides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(strides([5])).toEqual([1]);
    expect(strides([])).toEqual([]);
    expect(strides([1, 4, 0, 8])).toEqual([0, 0, 8, 1]);
  });
});
