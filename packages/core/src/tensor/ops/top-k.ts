import { ReasonkitError } from '../../errors/reasonkit-error.js';
import { singleRow, type FloatInput } from './float-input.js';

/** The `k` best entries of a row, best first. */
export interface TopK {
  /** Positions in the row, as Int32Array (token ids for logits). */
  readonly indices: Int32Array;
  /** The values at those positions, descending. */
  readonly values: Float32Array;
}

/** True when (va, ia) ranks before (vb, ib): larger value first, ties → lower index, NaN last. */
function before(va: number, ia: number, vb: number, ib: number): boolean {
  if (va !== va) return vb !== vb && ia < ib;
  if (vb !== vb) return true;
  return va > vb || (va === vb && ia < ib);
}

/**
 * The `k` largest values of one row (a Float32Array or a tensor whose dims other than the last are
 * 1) with their indices, sorted descending; ties go to the lower index first and NaN ranks below
 * every number. `k` larger than the row is clamped to its length. Uses a size-k heap (O(n log k)),
 * not a full sort, so it is cheap for a large vocabulary and small k.
 */
export function topK(x: FloatInput, k: number, name = 'topK'): TopK {
  if (!Number.isInteger(k) || k < 0) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${name}: k must be a non-negative integer but is ${k}`, {
      tensor: name,
      field: 'k',
      expected: 'integer >= 0',
      actual: k,
    });
  }
  const data = singleRow(x, name);
  const size = Math.min(k, data.length);
  // Min-heap on rank: the root is the worst entry kept so far.
  const hv = new Float32Array(size);
  const hi = new Int32Array(size);
  let count = 0;
  const siftDown = (start: number): void => {
    let pos = start;
    const v = hv[pos]!;
    const id = hi[pos]!;
    for (;;) {
      const l = 2 * pos + 1;
      if (l >= count) break;
      const r = l + 1;
      // child that ranks worst
      const c = r < count && before(hv[l]!, hi[l]!, hv[r]!, hi[r]!) ? r : l;
      if (!before(v, id, hv[c]!, hi[c]!)) break;
      hv[pos] = hv[c]!;
      hi[pos] = hi[c]!;
      pos = c;
    }
    hv[pos] = v;
    hi[pos] = id;
  };
  if (size > 0) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (count < size) {
        // sift up
        let pos = count++;
        while (pos > 0) {
          const parent = (pos - 1) >> 1;
          if (!before(hv[parent]!, hi[parent]!, v, i)) break;
          hv[pos] = hv[parent]!;
          hi[pos] = hi[parent]!;
          pos = parent;
        }
        hv[pos] = v;
        hi[pos] = i;
      } else if (before(v, i, hv[0]!, hi[0]!)) {
        hv[0] = v;
        hi[0] = i;
        siftDown(0);
      }
    }
  }
  // Pop worst-first into the back of the result arrays.
  const indices = new Int32Array(size);
  const values = new Float32Array(size);
  for (let out = size - 1; out >= 0; out--) {
    values[out] = hv[0]!;
    indices[out] = hi[0]!;
    count--;
    if (count > 0) {
      hv[0] = hv[count]!;
      hi[0] = hi[count]!;
      siftDown(0);
    }
  }
  return { indices, values };
}
