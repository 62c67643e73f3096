import { describe, expect, it } from 'vitest';
import { decodeVector, encodeVector } from './vector-codec.js';

describe('vector codecs', () => {
  it('f32 round-trips exactly; int8 is ~4× smaller and within half a step', () => {
    const v = Float32Array.from({ length: 384 }, (_, i) => Math.sin(i * 1.3) / 10);
    expect(decodeVector(encodeVector(v, 'f32'), 'f32', 384)).toEqual(v);
    const q = encodeVector(v, 'int8');
    expect(encodeVector(v, 'f32').byteLength / q.byteLength).toBeGreaterThan(3.5);
    const d = decodeVector(q, 'int8', 384);
    const step = Math.max(...v.map(Math.abs)) / 127;
    for (let i = 0; i < 384; i++) expect(Math.abs((d[i] as number) - (v[i] as number))).toBeLessThanOrEqual(step / 2 + 1e-7);
  });
});
