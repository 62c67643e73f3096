import { describe, expect, it } from 'vitest';
import { ks2samp } from './ks2samp.js';

const frac = (v: number) => v - Math.floor(v);
const seq = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => frac((i + 1) * a + b));
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

// Spec §13.3 (scipy ks_2samp)
describe('ks2samp vs scipy', () => {
  const x40 = seq(0.618034, 0.1, 40);
  const y40 = seq(0.414214, 0.3, 40);
  const x400 = seq(0.618034, 0, 400);
  const y400 = x400.map((v) => v * v);
  const x200 = seq(0.618034, 0, 200);
  const z400 = seq(0.7548777, 0, 400).map((v) => 0.9 * v);
  it('n 40 vs 40: D 0.05, p_exact 1, p_asymp 0.9999999768', () => {
    const e = ks2samp(x40, y40);
    expect(e).toMatchObject({ statistic: 0.05, method: 'exact' });
    expect(rel(e.pvalue, 1)).toBeLessThan(1e-9); // spec rounds; scipy 1.17.1 prints 0.9999999999897727
    expect(e.pvalue).toBe(0.9999999999897727);
    const a = ks2samp(x40, y40, { method: 'asymp' });
    expect(rel(a.pvalue, 0.9999999768)).toBeLessThan(1e-9);
  });
  it('n 400 vs 400 (y = x²): D 0.2525, p_exact 1.315013772e-11, p_asymp 1.002695803e-11', () => {
    const e = ks2samp(x400, y400, { method: 'exact' });
    expect(e.statistic).toBe(0.2525);
    expect(rel(e.pvalue, 1.315013772e-11)).toBeLessThan(1e-9);
    expect(rel(ks2samp(x400, y400, { method: 'asymp' }).pvalue, 1.002695803e-11)).toBeLessThan(1e-9);
  });
  it('n 200 vs 400: D 0.1075, p_exact 0.08954849691, p_asymp 0.08581807225', () => {
    const e = ks2samp(x200, z400);
    expect(e.statistic).toBeCloseTo(0.1075, 15);
    expect(rel(e.pvalue, 0.08954849691)).toBeLessThan(1e-9);
    expect(rel(ks2samp(x200, z400, { method: 'asymp' }).pvalue, 0.08581807225)).toBeLessThan(1e-9);
  });
  it('is symmetric in its arguments and rejects empty input', () => {
    expect(ks2samp(z400, x200).pvalue).toBe(ks2samp(x200, z400).pvalue);
    expect(() => ks2samp([], [1])).toThrow(/non-empty/);
  });
});
