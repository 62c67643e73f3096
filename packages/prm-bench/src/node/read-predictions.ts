import { readFile } from 'node:fs/promises';
import { PrmBenchError } from '../errors/prm-bench-error.js';
import type { BenchItem } from '../load/bench-item.js';
import { parseJsonLine } from '../load/read-source.js';
import type { Prediction } from '../metrics/prediction.js';
import { PredictionLineSchema } from '../schemas/records.js';
import { parseAt } from '../schemas/zod-message.js';

/**
 * Reads prediction lines `{ "id", "labels": [bool…], "valid"?, "redundancy_labels"? }`. A malformed
 * line, a schema violation, an id not in `items` or a repeated id is an error naming file and line.
 */
export async function readPredictionsFile(file: string, items?: readonly BenchItem[]): Promise<Prediction[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new PrmBenchError('missing-path', `predictions file not found: ${file}`, { file });
  }
  const known = items ? new Set(items.map((i) => i.id)) : undefined;
  const seen = new Map<string, number>();
  const out: Prediction[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const value = parseJsonLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw, file, line);
    if (value === undefined) return;
    const p = parseAt(PredictionLineSchema, value, 'invalid prediction', { file, line });
    if (known && !known.has(p.id)) {
      throw new PrmBenchError('unknown-item', `${file}:${line}: field id: no item '${p.id}' in the data (Socratic ids are <classification>:<idx>)`, { file, record: line, field: 'id' });
    }
    const prev = seen.get(p.id);
    if (prev !== undefined) throw new PrmBenchError('duplicate-prediction', `${file}:${line}: field id: '${p.id}' already predicted on line ${prev}`, { file, record: line, field: 'id' });
    seen.set(p.id, line);
    out.push({ itemId: p.id, labels: p.labels, valid: p.valid ?? true, ...(p.redundancy_labels ? { redundancyLabels: p.redundancy_labels } : {}) });
  });
  return out;
}
