/**
 * Binary min-heap of integer payloads ordered by (k1, k2, insertion order): stable FIFO on ties.
 */
export class MinHeap {
  private k1: number[] = [];
  private k2: number[] = [];
  private seq: number[] = [];
  private val: number[] = [];
  private counter = 0;

  /** Number of entries in the heap. */
  get size(): number {
    return this.val.length;
  }

  private less(i: number, j: number): boolean {
    const a = this.k1[i]!;
    const b = this.k1[j]!;
    if (a !== b) return a < b;
    const c = this.k2[i]!;
    const d = this.k2[j]!;
    if (c !== d) return c < d;
    return this.seq[i]! < this.seq[j]!;
  }

  private swap(i: number, j: number): void {
    const { k1, k2, seq, val } = this;
    let t = k1[i]!;
    k1[i] = k1[j]!;
    k1[j] = t;
    t = k2[i]!;
    k2[i] = k2[j]!;
    k2[j] = t;
    t = seq[i]!;
    seq[i] = seq[j]!;
    seq[j] = t;
    t = val[i]!;
    val[i] = val[j]!;
    val[j] = t;
  }

  /** Adds `value` with keys `k1` then `k2` (ties keep insertion order). */
  push(value: number, k1: number, k2 = 0): void {
    this.k1.push(k1);
    this.k2.push(k2);
    this.seq.push(this.counter++);
    this.val.push(value);
    let i = this.val.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Removes the minimum; returns its payload and primary key, or undefined when empty. */
  pop(): { value: number; k1: number } | undefined {
    const n = this.val.length;
    if (n === 0) return undefined;
    const out = { value: this.val[0]!, k1: this.k1[0]! };
    const last = n - 1;
    if (last > 0) this.swap(0, last);
    this.k1.pop();
    this.k2.pop();
    this.seq.pop();
    this.val.pop();
    let i = 0;
    const m = this.val.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let s = i;
      if (l < m && this.less(l, s)) s = l;
      if (r < m && this.less(r, s)) s = r;
      if (s === i) break;
      this.swap(i, s);
      i = s;
    }
    return out;
  }
}
