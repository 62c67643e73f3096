import { ReportMetricsError } from '../errors/report-metrics-error.js';
import type { Sample } from './sample.js';

/** Cheap structural check of scorer input; names the sample index, id and field at fault. */
export function validateSamples(samples: readonly Sample[]): void {
  if (!Array.isArray(samples)) throw new ReportMetricsError('INVALID_SAMPLE', 'samples: expected an array', { field: 'samples' });
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    const where = `samples[${i}]${s && typeof s.id === 'string' ? ` (id ${JSON.stringify(s.id)})` : ''}`;
    if (!s || typeof s !== 'object') throw new ReportMetricsError('INVALID_SAMPLE', `${where}: expected an object`, { record: i });
    if (typeof s.candidate !== 'string') throw new ReportMetricsError('INVALID_SAMPLE', `${where}.candidate: expected a string`, { record: i, field: 'candidate' });
    if (!Array.isArray(s.references) || s.references.length === 0)
      throw new ReportMetricsError('INVALID_SAMPLE', `${where}.references: expected at least one reference`, { record: i, field: 'references' });
    for (let j = 0; j < s.references.length; j++) {
      if (typeof s.references[j] !== 'string') throw new ReportMetricsError('INVALID_SAMPLE', `${where}.references[${j}]: expected a string`, { record: i, field: `references.${j}` });
    }
  }
}
