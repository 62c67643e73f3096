import { readFile } from 'node:fs/promises';
import { ReportMetricsError } from '../errors/report-metrics-error.js';

/** Reads an image file for `assemble` (`binding.readImage`); a missing file names the path. */
export async function readImageFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReportMetricsError('IMAGE_NOT_FOUND', `image file ${path}: ${code === 'ENOENT' ? 'not found' : (e as Error).message}`, { file: path }, 'FILE_NOT_FOUND', { cause: e });
  }
}
