import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import * as z from 'zod';
import { AslError } from '../errors/asl-error.js';
import type { Doc } from '../retrieval/types.js';

/** One corpus line: Search-R1's `{id, contents}` (wiki-18), or `{id, title, text}`. */
export const CorpusLineSchema = z.union([
  z.object({ id: z.union([z.string(), z.number()]), contents: z.string() }).passthrough(),
  z.object({ id: z.union([z.string(), z.number()]), title: z.string(), text: z.string() }).passthrough(),
]);

/**
 * Streams documents from a JSONL corpus; a bad line throws an error naming the file, the line
 * number and the field.
 */
export async function* readCorpusJsonl(path: string): AsyncIterable<Doc> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        throw new AslError('config', `${path}:${n}: not JSON: ${(error as Error).message}`, { file: path, record: n });
      }
      const parsed = CorpusLineSchema.safeParse(json);
      if (!parsed.success) {
        const obj = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
        const field = obj.id === undefined ? 'id' : 'contents';
        throw new AslError('config', `${path}:${n}: field "${field}": expected {id, contents} or {id, title, text}`, { file: path, record: n, field });
      }
      const d = parsed.data as Record<string, unknown>;
      const id = String(d.id);
      if (typeof d.contents === 'string') yield { id, contents: d.contents };
      else yield { id, contents: `"${d.title as string}"\n${d.text as string}`, title: d.title as string, text: d.text as string };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AslError('config', `${path}: corpus file not found`, { file: path }, { code: 'FILE_NOT_FOUND' });
    throw error;
  }
}
