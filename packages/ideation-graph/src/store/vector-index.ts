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
  private ids: number[] = [];
  private kinds: NodeKind[] = [];
  private leaf: boolean[] = [];
  private rowOf = new Map<number, number>();

  constructor(dim: number, capacity = 1024) {
    this.dim = dim;
    this.data = new Float32Array(dim * capacity);
  }

  /** Vectors held. */
  get size(): number {
    return this.ids.length;
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
      new Uint8Array(this.data.buffer, this.data.byteOffset + off * 4, this.dim * 4).set(bytes.subarray(0, this.dim * 4));
      return;
    }
    const scale = new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
    for (let i = 0; i < this.dim; i++) {
      const b = bytes[4 + i] as number;
      this.data[off + i] = (b > 127 ? b - 256 : b) * scale;
    }
  }

  private reserve(id: number, kind: NodeKind, isLeaf: boolean): number {
    let row = this.rowOf.get(id);
    if (row === undefined) {
      row = this.ids.length;
      if ((row + 1) * this.dim > this.data.length) {
        const grown = new Float32Array(Math.max(this.data.length * 2, (row + 1) * this.dim));
        grown.set(this.data);
        this.data = grown;
      }
      this.ids.push(id);
      this.kinds.push(kind);
      this.leaf.push(isLeaf);
      this.rowOf.set(id, row);
    }
    this.kinds[row] = kind;
    this.leaf[row] = isLeaf;
    return row;
  }

  /** Marks `id` as a leaf or a parent (for `leavesOnly`). */
  setLeaf(id: number, isLeaf: boolean): void {
    const row = this.rowOf.get(id);
    if (row !== undefined) this.leaf[row] = isLeaf;
  }

  /** A copy of the vector of `id`. */
  get(id: number): Float32Array | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : this.data.slice(row * this.dim, (row + 1) * this.dim);
  }

  /** Exact top-k by dot product with ties by ascending id, filtered by kinds and leaves. */
  topK(query: Float32Array, k: number, filter: { kinds?: readonly NodeKind[]; leavesOnly?: boolean } = {}): { id: number; score: number }[] {
    const kinds = filter.kinds && filter.kinds.length ? new Set(filter.kinds) : undefined;
    const heap: { id: number; score: number }[] = []; // sorted best first, length ≤ k
    const worse = (a: { id: number; score: number }, b: { id: number; score: number }) => a.score < b.score || (a.score === b.score && a.id > b.id);
    const d = this.dim;
    for (let r = 0; r < this.ids.length; r++) {
      if (kinds && !kinds.has(this.kinds[r] as NodeKind)) continue;
      if (filter.leavesOnly && !this.leaf[r]) continue;
      let s = 0;
      const off = r * d;
      for (let i = 0; i < d; i++) s += (this.data[off + i] as number) * (query[i] as number);
      const cand = { id: this.ids[r] as number, score: s };
      if (heap.length === k && !worse(heap[k - 1] as { id: number; score: number }, cand)) continue;
      let pos = heap.length < k ? heap.length : k - 1;
      heap[pos] = cand;
      while (pos > 0 && worse(heap[pos - 1] as { id: number; score: number }, cand)) {
        heap[pos] = heap[pos - 1] as { id: number; score: number };
        pos--;
      }
      heap[pos] = cand;
    }
    return heap;
  }
}

export { dot };
