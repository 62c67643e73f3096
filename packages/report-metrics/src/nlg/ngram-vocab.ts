/**
 * Interns tokens and n-grams as dense integer ids so the scorers count with typed arrays instead of
 * string keys. A k-gram's id is looked up from its (k−1)-gram prefix id and its last token id, so
 * no n-gram string is ever built [our choice; spec §8 suggests space-joined keys, which give the
 * same identity because tokens contain no whitespace].
 */
export class NgramVocab {
  private readonly tokens = new Map<string, number>();
  private readonly ngrams = new Map<number, number>();
  /** Number of distinct n-grams (all orders) seen so far; ids are 0..size-1. */
  size = 0;
  /** Order (1-based) of each n-gram id. */
  order: Int8Array = new Int8Array(1024);

  /** Id of a token (a 1-gram), interned on first sight. */
  tokenId(token: string): number {
    let id = this.tokens.get(token);
    if (id === undefined) {
      id = this.newId(1);
      this.tokens.set(token, id);
    }
    return id;
  }

  /** Id of the n-gram made of n-gram `prefix` followed by unigram `last` (order = prefix order + 1). */
  extend(prefix: number, last: number, order: number): number {
    const key = prefix * 0x4000000 + last;
    let id = this.ngrams.get(key);
    if (id === undefined) {
      id = this.newId(order);
      this.ngrams.set(key, id);
    }
    return id;
  }

  private newId(order: number): number {
    const id = this.size++;
    if (id >= this.order.length) {
      const grown = new Int8Array(this.order.length * 2);
      grown.set(this.order);
      this.order = grown;
    }
    this.order[id] = order;
    return id;
  }
}

/**
 * A text's n-gram counts for orders 1..n: distinct ids in first-occurrence order, order by order
 * (the iteration order of pycocoevalcap's count dictionaries), with their counts.
 *
 * @inline
 */
export interface CookedText {
  /** Number of tokens. */
  length: number;
  /** Token (unigram) ids in order. */
  tokens: Int32Array;
  /** Distinct n-gram ids, orders 1..n in turn, each in first-occurrence order. */
  ids: Int32Array;
  /** Count of `ids[i]` in this text. */
  counts: Int32Array;
  /** `ids` of order k (1-based) are `ids[orderStart[k-1] .. orderStart[k])`. */
  orderStart: Int32Array;
}

/** Scratch space shared by `cook` calls of one vocabulary (a count per n-gram id). */
export class CookScratch {
  counts = new Int32Array(1024);
  ensure(size: number): void {
    if (size > this.counts.length) {
      const grown = new Int32Array(Math.max(size, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
  }
}

/** Counts the 1..n-grams of a token list. */
export function cook(tokens: readonly string[], n: number, vocab: NgramVocab, scratch: CookScratch): CookedText {
  const t = tokens.length;
  const tokIds = new Int32Array(t);
  for (let i = 0; i < t; i++) tokIds[i] = vocab.tokenId(tokens[i]!);
  let total = 0;
  for (let k = 1; k <= n; k++) total += Math.max(0, t - k + 1);
  const all = new Int32Array(total);
  const orderStart = new Int32Array(n + 1);
  let distinct = 0;
  const prev = tokIds.slice();
  // prev[i] holds the id of the current-order n-gram starting at i
  let w = 0;
  for (let k = 1; k <= n; k++) {
    orderStart[k - 1] = distinct;
    const m = t - k + 1;
    if (k > 1) {
      for (let i = 0; i < m; i++) prev[i] = vocab.extend(prev[i]!, tokIds[i + k - 1]!, k);
    }
    scratch.ensure(vocab.size);
    const c = scratch.counts;
    for (let i = 0; i < m; i++) {
      const id = prev[i]!;
      if (c[id] === 0) {
        all[w++] = id;
        distinct++;
      }
      c[id]!++;
    }
  }
  orderStart[n] = distinct;
  const ids = all.slice(0, distinct);
  const counts = new Int32Array(distinct);
  const c = scratch.counts;
  for (let i = 0; i < distinct; i++) {
    counts[i] = c[ids[i]!]!;
    c[ids[i]!] = 0;
  }
  return { length: t, tokens: tokIds, ids, counts, orderStart };
}
