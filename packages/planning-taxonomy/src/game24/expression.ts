import type { Rational } from './rational.js';
import { add, div, mul, rational, sub } from './rational.js';

/**
 * Evaluates an arithmetic expression (integers, + − * / and ×, ÷, parentheses, unary minus)
 * exactly over rationals. Returns the value and the integer literals in order of appearance,
 * or an error (syntax, division by zero).
 */
export function evaluateExact(expr: string): { ok: true; value: Rational; numbers: number[] } | { ok: false; error: string } {
  const src = expr.replace(/[×xX]/g, '*').replace(/÷/g, '/').replace(/[−–]/g, '-');
  let i = 0;
  const numbers: number[] = [];
  const ws = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };
  class Fail extends Error {}
  const fail = (m: string): never => {
    throw new Fail(m);
  };
  const primary = (): Rational => {
    ws();
    const c = src[i];
    if (c === '(') {
      i++;
      const v = sum();
      ws();
      if (src[i] !== ')') fail(`expected ')' at ${i}`);
      i++;
      return v;
    }
    if (c === '-') {
      i++;
      const v = primary();
      return rational(-v.n, v.d);
    }
    const m = /^\d+/.exec(src.slice(i));
    if (!m) return fail(`expected a number at ${i}`);
    i += m[0].length;
    numbers.push(Number(m[0]));
    return rational(BigInt(m[0]));
  };
  const product = (): Rational => {
    let v = primary();
    for (;;) {
      ws();
      const op = src[i];
      if (op !== '*' && op !== '/') return v;
      i++;
      const r = primary();
      if (op === '*') v = mul(v, r);
      else v = div(v, r) ?? fail('division by zero');
    }
  };
  const sum = (): Rational => {
    let v = product();
    for (;;) {
      ws();
      const op = src[i];
      if (op !== '+' && op !== '-') return v;
      i++;
      const r = product();
      v = op === '+' ? add(v, r) : sub(v, r);
    }
  };
  try {
    const value = sum();
    ws();
    if (i !== src.length) return { ok: false, error: `unexpected '${src[i]}' at ${i}` };
    return { ok: true, value, numbers };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.message };
    throw e;
  }
}
