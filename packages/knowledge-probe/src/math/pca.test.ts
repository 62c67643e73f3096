import { describe, expect, it } from 'vitest';
import { pca, symmetricEigen } from './pca.js';

describe('PCA', () => {
  it('eigenvalues of a 2×2 symmetric matrix, by hand', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0]![0]!)).toBeCloseTo(Math.SQRT1_2, 12);
  });
  it('points on a line map to one axis; the sign rule makes the largest loading positive', () => {
    // standardised features are identical (x, 2x): the first axis is (1,1)/√2, scores ∝ standardised x
    const pts = [[0, 0], [1, 2], [2, 4], [3, 6]];
    const { coordinates, explained } = pca(pts, 2);
    const z = [-1.5, -0.5, 0.5, 1.5].map((v) => v / Math.sqrt(1.25));
    coordinates.forEach((c, i) => expect(c[0]).toBeCloseTo(z[i]! * Math.SQRT2, 9));
    coordinates.forEach((c) => expect(c[1]).toBeCloseTo(0, 9));
    expect(explained[0]).toBeCloseTo(2, 9);
    // reversed order of points gives the same coordinates per point (deterministic sign)
    const rev = pca([...pts].reverse(), 2).coordinates.reverse();
    rev.forEach((c, i) => expect(c[0]).toBeCloseTo(coordinates[i]![0]!, 9));
  });
});
