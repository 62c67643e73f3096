import { open } from 'node:fs/promises';
import { AslError } from '../errors/asl-error.js';
import type { Bm25Index } from '../retrieval/bm25-index.js';
import { loadBm25Index } from './bm25-file.js';
import { Fts5Retriever } from './fts5-retriever.js';

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Opens an index file by its content: an SQLite file as `Fts5Retriever`, anything else as a saved `Bm25Index`. */
export async function openFileIndex(path: string): Promise<Bm25Index | Fts5Retriever> {
  let head: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      head = Buffer.alloc(16);
      await fh.read(head, 0, 16, 0);
    } finally {
      await fh.close();
    }
  } catch (error) {
    throw new AslError('config', `${path}: cannot read index: ${(error as Error).message}`, { file: path }, { code: 'FILE_NOT_FOUND', cause: error });
  }
  return head.toString('latin1') === SQLITE_MAGIC ? Fts5Retriever.open(path) : loadBm25Index(path);
}
