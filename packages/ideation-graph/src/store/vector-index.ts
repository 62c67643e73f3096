import { dot } from '../embedding/embedder.js';
import type { NodeKind } from '../graph/types.js';

/**
 * Exact in-process vector scan over one contiguous Float32Array (spec §9.2): score = dot product of
 * L2-normalised vectors, partial top-k, ties by ascending numeric id. Shared by every back end.
 */
export class VectorIndex {
  /** Vector width. */
  readonly dim: number;
  private data: Float32Array;
  private bytes: Uint8Array; // byte view of `data`, for copy-free bulk loads
  private ids: Float64Array; // node id per row (numeric ids fit exactly in a double)
  private kindCode: Uint8Array; // index into KIND_ORDER per row
  private leaf: Uint8Array; // 1 = leaf
  private rows = 0;
  private rowOf = new Map<number, number>();

  constructor(dim: number, capacity = 1024) {
    this.dim = dim;
    const cap = Math.max(1, capacity);
    this.data = new Float32Array(dim * cap);
    this.bytes = new Uint8Array(this.data.buffer);
    this.ids = new Float64Array(cap);
    this.kindCode = new Uint8Array(cap);
    this.leaf = new Uint8Array(cap);
  }

  /** Vectors held. */
  get size(): number {
    return this.rows;
  }

  /** Stores (or replaces) the vector of `id` with its kind and leaf flag. */
  set(id: number, kind: NodeKind, isLeaf: boolean, vector: Float32Array): void {
    const row = this.reserve(id, kind, isLeaf);
    this.data.set(vector, row * this.dim);
  }

  /** Stores an encoded vector (see `encodeVector`) without an intermediate copy: the bulk-load path. */
  setEncoded(id: number, kind: NodeKind, isLeaf: boolean, bytes: Uint8Array, codec: 'f32' | 'int8'): void {
    const row = this.reserve(id, kind, isLeaf);
    const off = row * this.dim;
    if (codec === 'f32') {
      this.bytes.set(bytes.byteLength === this.dim * 4 ? bytes : bytes.subarray(0, this.dim * 4), off * 4);
      return;
    }
    const scale = new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
    for (let i = 0; i < this.dim; i++) {
      const b = bytes[4 + i] as number;
      this.data[off + i] = (b > 127 ? b - 256 : b) * scale;
    }
  }

  /**
   * Appends a packed block (the SQLite `vec_chunk` layout): `ids` per vector, `meta` = kind code
   * (0 problem, 1 challenge, 2 solution) | leaf << 2, `vecs` the encoded vectors back to back. Ids already
   * present are replaced one by one; new ids go in with one copy for float32.
   */
  appendEncoded(ids: Float64Array, meta: Uint8Array, vecs: Uint8Array, codec: 'f32' | 'int8'): void {
    const n = ids.length;
    const width = codec === 'f32' ? this.dim * 4 : this.dim + 4;
    let fresh = true;
    for (let i = 0; i < n && fresh; i++) fresh = !this.rowOf.has(ids[i] as number);
    if (!fresh || codec !== 'f32') {
      for (let i = 0; i < n; i++) {
        const m = meta[i] as number;
        this.setEncoded(ids[i] as number, KIND_ORDER[m & 3] as NodeKind, (m & 4) !== 0, vecs.subarray(i * width, (i + 1) * width), codec);
      }
      return;
    }
    const start = this.rows;
    if (start + n > this.ids.length) this.grow(start + n);
    this.bytes.set(vecs.subarray(0, n * width), start * this.dim * 4);
    this.ids.set(ids, start);
    for (let i = 0; i < n; i++) {
      const m = meta[i] as number;
      this.kindCode[start + i] = m & 3;
      this.leaf[start + i] = (m & 4) !== 0 ? 1 : 0;
      this.rowOf.set(ids[i] as number, start + i);
    }
    this.rows += n;
  }

  private grow(rows: number): void {
    const cap = Math.max(this.ids.length * 2, rows);
    const data = new Float32Array(cap * this.dim);
    data.set(this.data);
    this.data = data;
    this.bytes = new Uint8Array(data.buffer);
    const ids = new Float64Array(cap);
    ids.set(this.ids);
    this.ids = ids;
    const kindCode = new Uint8Array(cap);
    kindCode.set(this.kindCode);
    this.kindCode = kindCode;
    const leaf = new Uint8Array(cap);
    leaf.set(this.leaf);
    this.leaf = leaf;
  }

  private reserve(id: number, kind: NodeKind, isLeaf: boolean): number {
    let row = this.rowOf.get(id);
    if (row === undefined) {
      row = this.rows;
      if (row + 1 > this.ids.length) this.grow(row + 1);
      this.ids[row] = id;
      this.rowOf.set(id, row);
      this.rows++;
    }
    this.kindCode[row] = KIND_CODE[kind];
    this.leaf[row] = isLeaf ? 1 : 0;
    return row;
  }

  /** Marks `id` as a leaf or a parent (for `leavesOnly`). */
  setLeaf(id: number, isLeaf: boolean): void {
    const row = this.rowOf.get(id);
    if (row !== undefined) this.leaf[row] = isLeaf ? 1 : 0;
  }

  /** A copy of the vector of `id`. */
  get(id: number): Float32Array | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : this.data.slice(row * this.dim, (row + 1) * this.dim);
  }

  /**
   * Exact top-k by dot product with ties by ascending id, filtered by kinds and leaves. One pass over the
   * contiguous floats (8-way unrolled dot product, no allocation per row) keeping the best k in a sorted
   * buffer of typed arrays, so the cost is the scan itself.
   */
  topK(query: Float32Array, k: number, filter: { kinds?: readonly NodeKind[]; leavesOnly?: boolean } = {}): { id: number; score: number }[] {
    if (k <= 0 || this.rows === 0) return [];
    let kindMask = 7;
    if (filter.kinds && filter.kinds.length) {
      kindMask = 0;
      for (const kind of filter.kinds) kindMask |= 1 << KIND_CODE[kind];
    }
    const leavesOnly = filter.leavesOnly === true;
    const d = this.dim;
    const d8 = d - (d % 8);
    const data = this.data;
    const ids = this.ids;
    const kindCode = this.kindCode;
    const leaf = this.leaf;
    const q = query;
    const topS = new Float64Array(k); // best first
    const topI = new Float64Array(k);
    let n = 0;
    for (let r = 0, rows = this.rows; r < rows; r++) {
      if (((1 << (kindCode[r] as number)) & kindMask) === 0) continue;
      if (leavesOnly && leaf[r] === 0) continue;
      const off = r * d;
      let s0 = 0;
      let s1 = 0;
      let i = off;
      let j = 0;
      for (const end = off + d8; i < end; i += 8, j += 8) {
        s0 += (data[i] as number) * (q[j] as number) + (data[i + 1] as number) * (q[j + 1] as number) + (data[i + 2] as number) * (q[j + 2] as number) + (data[i + 3] as number) * (q[j + 3] as number);
        s1 += (data[i + 4] as number) * (q[j + 4] as number) + (data[i + 5] as number) * (q[j + 5] as number) + (data[i + 6] as number) * (q[j + 6] as number) + (data[i + 7] as number) * (q[j + 7] as number);
      }
      for (; j < d; i++, j++) s0 += (data[i] as number) * (q[j] as number);
      const s = s0 + s1;
      const id = ids[r] as number;
      if (n === k) {
        const ls = topS[k - 1] as number;
        if (s < ls || (s === ls && id > (topI[k - 1] as number))) continue;
      }
      let pos = n < k ? n++ : k - 1;
      while (pos > 0) {
        const ps = topS[pos - 1] as number;
        if (!(ps < s || (ps === s && (topI[pos - 1] as number) > id))) break;
        topS[pos] = ps;
        topI[pos] = topI[pos - 1] as number;
        pos--;
      }
      topS[pos] = s;
      topI[pos] = id;
    }
    const out: { id: number; score: number }[] = new Array(n);
    for (let t = 0; t < n; t++) out[t] = { id: topI[t] as number, score: topS[t] as number };
    return out;
  }
}

const KIND_CODE: Record<NodeKind, number> = { problem: 0, challenge: 1, solution: 2 };
const KIND_ORDER: readonly NodeKind[] = ['problem', 'challenge', 'solution'];

export { dot };
