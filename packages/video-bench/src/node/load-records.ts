import { readFile } from 'node:fs/promises';
import { ReasonkitError } from '@reasonkit/core';
import { type ParseRecordsOptions, type ParsedRecords, parseRecords } from '../records/parse-records.js';

/** Reads a records file (JSON array, one JSON object or JSON Lines; flat or nested) and parses it; errors name the file. */
export async function loadRecords(file: string, options: Omit<ParseRecordsOptions, 'source'> = {}): Promise<ParsedRecords> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReasonkitError('FILE_NOT_FOUND', `cannot read records file ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
  return parseRecords(text, { ...options, source: file });
}
