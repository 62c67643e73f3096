import { IdeationGraphError } from '../errors/ideation-graph-error.js';
import { unitVector, type Embedder } from './embedder.js';

const encoder = new TextEncoder();

/** FNV-1a 32-bit over the UTF-8 bytes of `text` (offset 0x811c9dc5, prime 16777619). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

/** Tokens of the hashing embedder: NFKC, lower-case, runs of letters and digits. */
export function hashingTokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Unnormalised feature vector: tokens weight 1, adjacent pairs weight 0.5, signed by bit 31. */
function hashVector(text: string, dim: number): Float32Array {
  const tokens = hashingTokens(text);
  const v = new Float32Array(dim);
  const add = (feature: string, weight: number) => {
    const h = fnv1a32(feature);
    v[h % dim] = (v[h % dim] as number) + (h & 0x80000000 ? -weight : weight);
  };
  for (let i = 0; i < tokens.length; i++) {
    add(tokens[i] as string, 1);
    if (i + 1 < tokens.length) add(`${tokens[i]} ${tokens[i + 1]}`, 0.5);
  }
  return v;
}

/**
 * The deterministic offline embedder (spec §9.4): feature hashing of tokens and token bigrams into
 * `dim` buckets, L2-normalised. Exact, so every implementation agrees. Default dim 384 (the
 * paper's all-MiniLM-L6-v2 width, so stores can switch models without a schema change).
 */
export class HashingEmbedder implements Embedder {
  readonly modelId: string;
  readonly dim: number;
  constructor(options: { dim?: number } = {}) {
    this.dim = options.dim ?? 384;
    this.modelId = `hashing-fnv1a-v1-d${this.dim}`;
  }

  /** Embeds one text (unit-length hashed bag of words); `record` names the input in errors. */
  embedOne(text: string, record?: number): Float32Array {
    if (hashingTokens(text).length === 0) {
      throw new IdeationGraphError('EMBEDDING_INPUT', `text ${record ?? 0} has no letters or digits to embed`, { record: record ?? 0, field: 'texts' });
    }
    return unitVector(hashVector(text, this.dim));
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t, i) => this.embedOne(t, i));
  }
}
