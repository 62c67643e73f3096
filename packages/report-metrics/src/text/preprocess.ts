import { ReportMetricsError } from '../errors/report-metrics-error.js';

/** Text preprocessing applied to every candidate and reference before scoring (spec §3.1). */
export type Preprocess = 'priorrg' | 'none' | ((text: string) => string);

/**
 * PriorRG's metric preprocessing [ref: mk-runner/PriorRG tools/metrics/metrics.py]: every `.`
 * becomes ` .` (decimals too: `1.5` → `1 .5`), then runs of U+0020 collapse to one space.
 * Nothing else: no lowercasing, no trimming, no tokenizer.
 */
export function priorrgPreprocess(text: string): string {
  // One pass equal to text.replaceAll('.', ' .').replace(/ +/g, ' '): `prevSpace` tracks whether
  // the last emitted character is a U+0020.
  let out = '';
  let start = 0;
  let prevSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      out += prevSpace ? text.slice(start, i + 1) : `${text.slice(start, i)} .`;
      start = i + 1;
      prevSpace = false;
    } else if (c === 32) {
      if (prevSpace) {
        out += text.slice(start, i);
        start = i + 1;
      } else prevSpace = true;
    } else prevSpace = false;
  }
  return start === 0 ? text : out + text.slice(start);
}

/** Resolves a {@link Preprocess} option to a function. */
export function preprocessFunction(p: Preprocess | undefined): (text: string) => string {
  if (p === undefined || p === 'priorrg') return priorrgPreprocess;
  if (p === 'none') return (t) => t;
  if (typeof p === 'function') return p;
  throw new ReportMetricsError('INVALID_INPUT', `preprocess: expected 'priorrg', 'none' or a function, got ${JSON.stringify(p)}`, { field: 'preprocess' });
}
