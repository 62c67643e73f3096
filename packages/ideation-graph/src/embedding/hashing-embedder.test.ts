import { describe, expect, it } from 'vitest';
import { fnv1a32, HashingEmbedder } from './hashing-embedder.js';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';

function nonZero(v: Float32Array): Record<number, number> {
  const out: Record<number, number> = {};
  v.forEach((x, i) => {
    if (x !== 0) out[i] = x;
  });
  return out;
}

describe('HashingEmbedder (T8 goldens)', () => {
  const e = new HashingEmbedder();
  it('FNV-1a("a") = 0xe40c292c', () => {
    expect(fnv1a32('a')).toBe(0xe40c292c);
  });
  it('"Graph" → −1 at 199', () => {
    expect(nonZero(e.embedOne('Graph'))).toEqual({ 199: -1 });
  });
  it('"graph neural" → {199: −0.666667, 230: 0.333333, 262: 0.666667}', () => {
    const v = nonZero(e.embedOne('graph neural'));
    expect(Object.keys(v).map(Number)).toEqual([199, 230, 262]);
    expect(v[199]).toBeCloseTo(-0.666667, 6);
    expect(v[230]).toBeCloseTo(0.333333, 6);
    expect(v[262]).toBeCloseTo(0.666667, 6);
  });
  it('"Graph Neural Networks" → five buckets', () => {
    const v = nonZero(e.embedOne('Graph Neural Networks'));
    const want: Record<number, number> = { 121: 0.267261, 130: -0.534522, 199: -0.534522, 230: 0.267261, 262: 0.534522 };
    expect(Object.keys(v).map(Number).sort((a, b) => a - b)).toEqual(Object.keys(want).map(Number));
    for (const [k, x] of Object.entries(want)) expect(v[Number(k)]).toBeCloseTo(x, 6);
  });
  it('modelId names the dimension; no tokens → EMBEDDING_INPUT naming the record', async () => {
    expect(e.modelId).toBe('hashing-fnv1a-v1-d384');
    await expect(e.embed(['ok text', '  -- '])).rejects.toSatisfy((err: unknown) => IdeationGraphError.isKind(err, 'EMBEDDING_INPUT') && (err as IdeationGraphError).details.record === 1);
  });
});
