import * as z from 'zod';
import { parseOptions, throwIfAborted } from '@reasonkit/core';
import { AslError } from '../errors/asl-error.js';
import { createDefaultAnalyzer, whitespaceAnalyzer, type Analyzer } from './analyzer.js';
import type { Doc, Hit, Retriever, SearchOptions } from './types.js';

/** Options of `Bm25Index.build` (zod; k1/b are Pyserini defaults). */
export const Bm25OptionsSchema = z.object({
  /** Term-frequency saturation. Default 0.9 (Pyserini's default, spec §6.3). */
  k1: z.number().min(0).default(0.9),
  /** Length normalisation. Default 0.4 (Pyserini's default, spec §6.3). */
  b: z.number().min(0).max(1).default(0.4),
  /** `default` (lower-case, stop words, Porter2), `whitespace` (pre-tokenised), or a function (not saved by name). */
  analyzer: z.union([z.enum(['default', 'whitespace']), z.custom<Analyzer>((v) => typeof v === 'function', { message: 'expected an analyzer function' })]).default('default'),
  /** Hits returned when a search gives no `topk`. Default 3 (every Search-R1/ASL script). */
  defaultTopk: z.number().int().min(1).default(3),
});
/** Input type of `Bm25OptionsSchema`. */
export type Bm25Options = z.input<typeof Bm25OptionsSchema>;

const MAGIC = 'RKBM25';
const VERSION = 1;

class Growable {
  data = new Uint32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

interface Bm25Parts {
  k1: number;
  b: number;
  analyzerName: 'default' | 'whitespace' | 'custom';
  analyzer: Analyzer;
  defaultTopk: number;
  docs: Doc[];
  terms: string[];
  docLen: Uint32Array;
  offsets: Uint32Array;
  postDocs: Uint32Array;
  postTf: Uint32Array;
}

function resolveAnalyzer(a: Bm25Options['analyzer']): { name: Bm25Parts['analyzerName']; fn: Analyzer } {
  if (a === 'whitespace') return { name: 'whitespace', fn: whitespaceAnalyzer };
  if (typeof a === 'function') return { name: 'custom', fn: a };
  return { name: 'default', fn: createDefaultAnalyzer() };
}

/**
 * In-memory Okapi BM25 (spec §6.3): score(q, d) = Σ_{t ∈ q} idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b +
 * b·|d|/avgdl)), idf(t) = ln(1 + (N − df + 0.5)/(df + 0.5)); query terms count with multiplicity;
 * only documents sharing a term are returned; ties break by document id (ascending). Postings are
 * flat typed arrays (CSR by term); `toBytes`/`fromBytes` give a versioned binary image.
 */
export class Bm25Index implements Retriever {
  readonly k1: number;
  readonly b: number;
  readonly analyzerName: Bm25Parts['analyzerName'];
  readonly defaultTopk: number;
  private readonly analyzer: Analyzer;
  private readonly docs: Doc[];
  private readonly terms: string[];
  private readonly termIndex: Map<string, number>;
  private readonly docLen: Uint32Array;
  private readonly offsets: Uint32Array;
  private readonly postDocs: Uint32Array;
  private readonly postTf: Uint32Array;
  private readonly idf: Float64Array;
  private readonly norm: Float64Array;
  private readonly scratch: Float64Array;
  private readonly touched: Uint32Array;

  private constructor(p: Bm25Parts) {
    this.k1 = p.k1;
    this.b = p.b;
    this.analyzerName = p.analyzerName;
    this.analyzer = p.analyzer;
    this.defaultTopk = p.defaultTopk;
    this.docs = p.docs;
    this.terms = p.terms;
    this.termIndex = new Map(p.terms.map((t, i) => [t, i]));
    this.docLen = p.docLen;
    this.offsets = p.offsets;
    this.postDocs = p.postDocs;
    this.postTf = p.postTf;
    const n = p.docs.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += p.docLen[i]!;
    const avgdl = n === 0 ? 0 : total / n;
    this.idf = new Float64Array(p.terms.length);
    for (let t = 0; t < p.terms.length; t++) {
      const df = p.offsets[t + 1]! - p.offsets[t]!;
      this.idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
    this.norm = new Float64Array(n);
    for (let i = 0; i < n; i++) this.norm[i] = this.k1 * (1 - this.b + (avgdl === 0 ? 0 : (this.b * p.docLen[i]!) / avgdl));
    this.scratch = new Float64Array(n);
    this.touched = new Uint32Array(n);
  }

  /** Number of documents. */
  get size(): number {
    return this.docs.length;
  }

  /** Builds an index from documents (ids must be unique). */
  static async build(docs: Iterable<Doc> | AsyncIterable<Doc>, options: Bm25Options = {}): Promise<Bm25Index> {
    const o = parseOptions(Bm25OptionsSchema, options, 'Bm25Index options');
    const { name, fn } = resolveAnalyzer(o.analyzer);
    const list: Doc[] = [];
    const seen = new Set<string>();
    const terms: string[] = [];
    const termIndex = new Map<string, number>();
    const pTerm = new Growable();
    const pDoc = new Growable();
    const pTf = new Growable();
    const lens = new Growable();
    // per-document term counts: a dense counter indexed by term id plus the list of ids touched
    let tfCount = new Uint32Array(1 << 16);
    const docTerms: number[] = [];
    for await (const doc of docs as AsyncIterable<Doc>) {
      if (typeof doc?.id !== 'string' || typeof doc.contents !== 'string') {
        throw new AslError('config', `Bm25Index.build: document ${list.length} needs string "id" and "contents"`, { record: list.length, field: typeof doc?.id !== 'string' ? 'id' : 'contents' });
      }
      if (seen.has(doc.id)) throw new AslError('config', `Bm25Index.build: duplicate document id "${doc.id}"`, { record: doc.id, field: 'id' });
      seen.add(doc.id);
      const d = list.length;
      list.push(doc);
      const tokens = fn(doc.contents);
      lens.push(tokens.length);
      docTerms.length = 0;
      for (const tok of tokens) {
        let t = termIndex.get(tok);
        if (t === undefined) {
          t = terms.length;
          terms.push(tok);
          termIndex.set(tok, t);
          if (t >= tfCount.length) {
            const next = new Uint32Array(tfCount.length * 2);
            next.set(tfCount);
            tfCount = next;
          }
        }
        if (tfCount[t]!++ === 0) docTerms.push(t);
      }
      for (const t of docTerms) {
        pTerm.push(t);
        pDoc.push(d);
        pTf.push(tfCount[t]!);
        tfCount[t] = 0;
      }
    }
    // counting sort of postings by term; doc order within a term is preserved
    const offsets = new Uint32Array(terms.length + 1);
    const tv = pTerm.view();
    for (let i = 0; i < tv.length; i++) offsets[tv[i]! + 1]!++;
    for (let t = 0; t < terms.length; t++) offsets[t + 1]! += offsets[t]!;
    const cursor = offsets.slice(0, terms.length);
    const postDocs = new Uint32Array(tv.length);
    const postTf = new Uint32Array(tv.length);
    const dv = pDoc.view();
    const fv = pTf.view();
    for (let i = 0; i < tv.length; i++) {
      const at = cursor[tv[i]!]!++;
      postDocs[at] = dv[i]!;
      postTf[at] = fv[i]!;
    }
    return new Bm25Index({ k1: o.k1, b: o.b, analyzerName: name, analyzer: fn, defaultTopk: o.defaultTopk, docs: list, terms, docLen: lens.view().slice(), offsets, postDocs, postTf });
  }

  /** BM25 score of one document for a query (0 when they share no term). */
  scoreDocument(query: string, docId: string): number {
    const d = this.docs.findIndex((x) => x.id === docId);
    if (d < 0) throw new AslError('config', `Bm25Index: unknown document id "${docId}"`, { record: docId, field: 'docId' });
    let s = 0;
    for (const tok of this.analyzer(query)) {
      const t = this.termIndex.get(tok);
      if (t === undefined) continue;
      for (let i = this.offsets[t]!; i < this.offsets[t + 1]!; i++) {
        if (this.postDocs[i] === d) {
          const tf = this.postTf[i]!;
          s += (this.idf[t]! * tf * (this.k1 + 1)) / (tf + this.norm[d]!);
        }
      }
    }
    return s;
  }

  /** Top-`topk` hits for one query. */
  query(query: string, topk = this.defaultTopk): Hit[] {
    if (!Number.isInteger(topk) || topk < 1) throw new AslError('config', `Bm25Index: topk must be an integer >= 1, got ${topk}`, { field: 'topk', actual: topk });
    const scores = this.scratch;
    const touched = this.touched;
    const { offsets, postDocs, postTf, norm, idf } = this;
    let nTouched = 0;
    const k1p1 = this.k1 + 1;
    for (const tok of this.analyzer(query)) {
      const t = this.termIndex.get(tok);
      if (t === undefined) continue;
      const w = idf[t]! * k1p1;
      const end = offsets[t + 1]!;
      for (let i = offsets[t]!; i < end; i++) {
        const d = postDocs[i]!;
        const tf = postTf[i]!;
        if (scores[d] === 0) touched[nTouched++] = d;
        scores[d]! += (w * tf) / (tf + norm[d]!);
      }
    }
    // bounded insertion top-k: best first, ties by ascending id; most documents fail the cheap
    // comparison with the current k-th score and never reach the tie-break
    const best: number[] = [];
    const docs = this.docs;
    const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && docs[a]!.id < docs[b]!.id);
    let worst = -Infinity;
    for (let j = 0; j < nTouched; j++) {
      const d = touched[j]!;
      if (best.length === topk && (scores[d]! < worst || !better(d, best[topk - 1]!))) continue;
      let at = best.length === topk ? topk - 1 : best.length;
      while (at > 0 && better(d, best[at - 1]!)) at--;
      if (best.length === topk) best.pop();
      best.splice(at, 0, d);
      if (best.length === topk) worst = scores[best[topk - 1]!]!;
    }
    const hits = best.map((d) => ({ document: docs[d]!, score: scores[d]! }));
    for (let j = 0; j < nTouched; j++) scores[touched[j]!] = 0;
    return hits;
  }

  /** One ranked hit list per query, in query order (the `Retriever` interface). */
  async search(queries: readonly string[], options: SearchOptions = {}): Promise<Hit[][]> {
    const topk = options.topk ?? this.defaultTopk;
    const out: Hit[][] = [];
    for (const q of queries) {
      throwIfAborted(options.signal, 'bm25 search');
      out.push(this.query(q, topk));
    }
    return out;
  }

  /** Versioned binary image: magic, version, JSON header (params, terms, docs), then the typed arrays. */
  toBytes(): Uint8Array {
    const header = new TextEncoder().encode(
      JSON.stringify({ k1: this.k1, b: this.b, analyzer: this.analyzerName, defaultTopk: this.defaultTopk, terms: this.terms, docs: this.docs }),
    );
    const arrays = [this.docLen, this.offsets, this.postDocs, this.postTf];
    const headPad = (4 - ((6 + 2 + 4 + header.length) % 4)) % 4;
    const size = 6 + 2 + 4 + header.length + headPad + 16 + arrays.reduce((a, x) => a + x.byteLength, 0);
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    bytes.set(new TextEncoder().encode(MAGIC), 0);
    view.setUint16(6, VERSION, true);
    view.setUint32(8, header.length, true);
    bytes.set(header, 12);
    let at = 12 + header.length + headPad;
    for (const a of arrays) {
      view.setUint32(at, a.length, true);
      at += 4;
    }
    for (const a of arrays) {
      bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
      at += a.byteLength;
    }
    return bytes;
  }

  /** Reads `toBytes` output; a `custom` analyzer must be passed again. */
  static fromBytes(bytes: Uint8Array, options: { analyzer?: Analyzer; file?: string } = {}): Bm25Index {
    const file = options.file ?? '<bytes>';
    const bad = (msg: string) => new AslError('config', `${file}: not a BM25 index (${msg})`, { file, field: 'bytes' });
    if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 6)) !== MAGIC) throw bad('bad magic');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint16(6, true);
    if (version !== VERSION) throw bad(`unsupported version ${version}, expected ${VERSION}`);
    const headerLen = view.getUint32(8, true);
    if (12 + headerLen > bytes.length) throw bad('truncated header');
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLen))) as {
      k1: number; b: number; analyzer: Bm25Parts['analyzerName']; defaultTopk: number; terms: string[]; docs: Doc[];
    };
    let at = 12 + headerLen + ((4 - ((12 + headerLen) % 4)) % 4);
    const lens: number[] = [];
    for (let i = 0; i < 4; i++, at += 4) lens.push(view.getUint32(at, true));
    const arrays: Uint32Array[] = [];
    for (const n of lens) {
      if (at + n * 4 > bytes.length) throw bad('truncated arrays');
      // copy: a Node Buffer's `slice` is a view into a shared pool
      arrays.push(new Uint32Array(Uint8Array.prototype.slice.call(bytes, at, at + n * 4).buffer));
      at += n * 4;
    }
    let analyzer: Analyzer;
    if (header.analyzer === 'custom') {
      if (!options.analyzer) throw new AslError('config', `${file}: the index was built with a custom analyzer; pass it as options.analyzer`, { file, field: 'analyzer' });
      analyzer = options.analyzer;
    } else analyzer = resolveAnalyzer(header.analyzer).fn;
    return new Bm25Index({
      k1: header.k1, b: header.b, analyzerName: header.analyzer, analyzer, defaultTopk: header.defaultTopk, docs: header.docs, terms: header.terms,
      docLen: arrays[0]!, offsets: arrays[1]!, postDocs: arrays[2]!, postTf: arrays[3]!,
    });
  }
}
