import { ReportMetricsError } from '../errors/report-metrics-error.js';

/** Text preprocessing applied to every candidate and reference before scoring (spec §3.1). */
export type Preprocess = 'priorrg' | 'none' | ((text: string) => string);

/**
 * PriorRG's metric preprocessing [ref: mk-runner/PriorRG tools/metrics/metrics.py]: every `.`
 * becomes ` .` (decimals too: `1.5` → `1 .5`), then runs of U+0020 collapse to one space.
 * Nothing else: no lowercasing, no trimming, no tokenizer.
 */
export function priorrgPreprocess(text: string): string {
  return text.replaceAll('.', ' .').replace(/ +/g, ' ');
}

/** Resolves a {@link Preprocess} option to a function. */
export function preprocessFunction(p: Preprocess | undefined): (text: string) => string {
  if (p === undefined || p === 'priorrg') return priorrgPreprocess;
  if (p === 'none') return (t) => t;
  if (typeof p === 'function') return p;
  throw new ReportMetricsError('INVALID_INPUT', `preprocess: expected 'priorrg', 'none' or a function, got ${JSON.stringify(p)}`, { field: 'preprocess' });
}
