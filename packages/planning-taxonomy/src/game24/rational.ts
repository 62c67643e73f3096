import { ReasonkitError } from '@reasonkit/core';

/** An exact rational n/d in lowest terms with d > 0 (BigInt, so no rounding ever). */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The rational n/d in lowest terms. */
export function rational(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new ReasonkitError('INVALID_ARGUMENT', `rational: zero denominator (${nn}/0)`, { field: 'd' });
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}

/** a + b, exactly. */
export const add = (a: Rational, b: Rational) => rational(a.n * b.d + b.n * a.d, a.d * b.d);
/** a − b, exactly. */
export const sub = (a: Rational, b: Rational) => rational(a.n * b.d - b.n * a.d, a.d * b.d);
/** a × b, exactly. */
export const mul = (a: Rational, b: Rational) => rational(a.n * b.n, a.d * b.d);
/** a / b, or undefined when b = 0. */
export const div = (a: Rational, b: Rational): Rational | undefined => (b.n === 0n ? undefined : rational(a.n * b.d, a.d * b.n));
/** True when a = b. */
export const eq = (a: Rational, b: Rational) => a.n === b.n && a.d === b.d;
/** Compares two rationals: negative, zero or positive. */
export const cmp = (a: Rational, b: Rational) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
/** `7`, `-3` or `8/3`. */
export const formatRational = (a: Rational) => (a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`);

/** Parses `7`, `-3`, `8/3` or a finite decimal (`2.5` → 5/2). */
export function parseRational(text: string): Rational | undefined {
  const t = text.trim();
  let m = /^(-?\d+)\s*\/\s*(\d+)$/.exec(t);
  if (m) return m[2] === '0' || /^0+$/.test(m[2]!) ? undefined : rational(BigInt(m[1]!), BigInt(m[2]!));
  m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const v = rational(BigInt(m[2]! + frac), 10n ** BigInt(frac.length));
  return m[1] ? rational(-v.n, v.d) : v;
}
