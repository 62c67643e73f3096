import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CHEXBERT_CLASSES } from '../clinical/chexbert-classes.js';
import type { ReportLabeler } from '../clinical/labeler.js';
import { ReportMetricsError } from '../errors/report-metrics-error.js';


/**
 * A labeler over precomputed labels: a JSONL file of `{"text": "...", "labels": [..]}` or
 * `{"sha256": "<hex of the text>", "labels": [..]}` lines. A text that is not in the file is an
 * error naming it (no silent zeros).
 */
export async function labelerFromLabelFile(file: string, options: { id?: string; classes?: readonly string[] } = {}): Promise<ReportLabeler> {
  const classes = options.classes ?? CHEXBERT_CLASSES;
  const byText = new Map<string, Int8Array>();
  const byHash = new Map<string, Int8Array>();
  const text = await readFile(file, 'utf8');
  text.split(/\r?\n/).forEach((raw, k) => {
    if (!raw.trim()) return;
    const where = `${file}:${k + 1}`;
    let r: { text?: unknown; sha256?: unknown; labels?: unknown };
    try {
      r = JSON.parse(raw);
    } catch (e) {
      throw new ReportMetricsError('INVALID_INPUT', `${where}: field '(line)': invalid JSON: ${(e as Error).message}`, { file, record: k + 1 });
    }
    if (!Array.isArray(r.labels) || r.labels.length !== classes.length || r.labels.some((v) => v !== 0 && v !== 1 && v !== -1)) {
      throw new ReportMetricsError('INVALID_INPUT', `${where}: field 'labels': expected ${classes.length} values in {1, 0, -1}`, { file, record: k + 1, field: 'labels' });
    }
    const v = Int8Array.from(r.labels as number[]);
    if (typeof r.text === 'string') byText.set(r.text, v);
    else if (typeof r.sha256 === 'string') byHash.set(r.sha256.toLowerCase(), v);
    else throw new ReportMetricsError('INVALID_INPUT', `${where}: field 'text': a line needs "text" or "sha256"`, { file, record: k + 1, field: 'text' });
  });
  const id = options.id ?? `label-file:${file}`;
  return {
    id,
    classes,
    async label(texts) {
      return texts.map((t) => {
        const v = byText.get(t) ?? byHash.get(sha256(t));
        if (!v) throw new ReportMetricsError('LABELER_FAILED', `${file}: no labels for text ${JSON.stringify(t.slice(0, 80))}`, { file, field: 'text' });
        return v;
      });
    },
  };
}

function sha256(t: string): string {
  return createHash('sha256').update(t).digest('hex');
}
