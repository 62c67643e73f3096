/** A corpus document. `contents` is Search-R1's field (`"Title"` on the first line, then the passage). */
export interface Doc {
  id: string;
  contents: string;
  title?: string;
  text?: string;
}

/** A retrieved document with its score (higher is better). */
export interface Hit {
  document: Doc;
  score: number;
}

/** Per-call search options. */
export interface SearchOptions {
  topk?: number;
  signal?: AbortSignal;
}

/** Anything that answers a batch of queries with one ranked hit list per query, in query order. */
export interface Retriever {
  /** One ranked hit list per query, in query order. */
  search(queries: readonly string[], options?: SearchOptions): Promise<Hit[][]>;
}

/** The placeholder hit ASL returns on any retrieval error (spec §6.1). */
export const PLACEHOLDER_HIT: Hit = Object.freeze({ document: Object.freeze({ id: '-1', contents: 'No relevant documents found' }), score: 0 }) as Hit;

/**
 * Title and text of a document: explicit fields when present, else Pyserini's split of
 * `contents` (first line with surrounding quotes stripped = title, the remaining lines = text).
 */
export function docTitleText(doc: Doc): { title: string; text: string } {
  if (doc.title !== undefined && doc.text !== undefined) return { title: doc.title, text: doc.text };
  const nl = doc.contents.indexOf('\n');
  const first = nl < 0 ? doc.contents : doc.contents.slice(0, nl);
  const rest = nl < 0 ? '' : doc.contents.slice(nl + 1);
  return { title: doc.title ?? first.replace(/^"(.*)"$/, '$1'), text: doc.text ?? rest };
}

/** A document with all four fields our server promises (spec §6.2 compatibility contract). */
export function fullDoc(doc: Doc): Required<Pick<Doc, 'id' | 'contents' | 'title' | 'text'>> {
  const { title, text } = docTitleText(doc);
  return { id: doc.id, contents: doc.contents, title, text };
}
