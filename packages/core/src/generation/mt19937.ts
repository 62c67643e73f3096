/**
 * Mersenne Twister 19937, seeded exactly as CPython's `random.seed(int)` (`init_by_array` over the
 * seed's 32-bit little-endian words), so `random()` reproduces Python's `random.random()` for the
 * same integer seed. Spec core §5.4 (RNG choice follows transformers.js) [choice].
 */
export class Mt19937 {
  readonly #mt = new Uint32Array(624);
  #index = 625;

  constructor(seed: number | bigint = 5489) {
    this.seed(seed);
  }

  /** Re-seeds like CPython: `abs(seed)` split into 32-bit words, then `init_by_array`. */
  seed(seed: number | bigint): void {
    let n: bigint;
    if (typeof seed === 'bigint') n = seed < 0n ? -seed : seed;
    else {
      if (!Number.isFinite(seed) || !Number.isInteger(seed)) {
        throw new RangeError(`Mt19937 seed must be an integer, got ${seed}`);
      }
      n = BigInt(Math.abs(seed));
    }
    const key: number[] = [];
    while (n > 0n) {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    }
    if (key.length === 0) key.push(0);
    this.#initByArray(key);
  }

  #initGenrand(s: number): void {
    const mt = this.#mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      // 1812433253 * prev + i, in 32-bit arithmetic
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.#index = 624;
  }

  #initByArray(key: readonly number[]): void {
    const mt = this.#mt;
    this.#initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= 624) {
        mt[0] = mt[623]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= 624) {
        mt[0] = mt[623]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.#index = 624;
  }

  #twist(): void {
    const mt = this.#mt;
    for (let k = 0; k < 624; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % 624]! & 0x7fffffff);
      mt[k] = (mt[(k + 397) % 624]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
    }
    this.#index = 0;
  }

  /** Next uniformly distributed 32-bit unsigned integer (`genrand_uint32`). */
  nextUint32(): number {
    if (this.#index >= 624) this.#twist();
    let y = this.#mt[this.#index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits, as CPython's `random.random()`. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
