import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@reasonkit/core/node';
import { AslError } from '../errors/asl-error.js';
import type { Analyzer } from '../retrieval/analyzer.js';
import { Bm25Index } from '../retrieval/bm25-index.js';

/** Writes a BM25 index atomically (temporary file + rename). */
export async function saveBm25Index(index: Bm25Index, path: string): Promise<void> {
  await writeFileAtomic(path, index.toBytes());
}

/** Loads a BM25 index written by `saveBm25Index`. */
export async function loadBm25Index(path: string, options: { analyzer?: Analyzer } = {}): Promise<Bm25Index> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new AslError('config', `${path}: cannot read BM25 index: ${(error as Error).message}`, { file: path }, { code: 'FILE_NOT_FOUND', cause: error });
  }
  return Bm25Index.fromBytes(bytes, { ...options, file: path });
}
