/** Clinical-context fields of a study. */
export interface ContextFields {
  indication: string;
  history: string;
}

/** How the clinical context string is built (spec §7). */
export type ContextFormat = 'priorrg-train' | 'priorrg-single-sample' | ((fields: ContextFields) => string);

/**
 * PriorRG's training format [ref: mk-runner/PriorRG tools/dataset_github.py]:
 * `("[INDICATION] " + indication).trim() + " [SEP] " + "[HISTORY] " + history`; the single-sample
 * script's format drops the markers: `indication.trim() + " [SEP] " + history`.
 */
export function formatContext(fields: ContextFields, format: ContextFormat = 'priorrg-train'): string {
  if (typeof format === 'function') return format(fields);
  if (format === 'priorrg-single-sample') return `${fields.indication.trim()} [SEP] ${fields.history}`;
  return `${`[INDICATION] ${fields.indication}`.trim()} [SEP] [HISTORY] ${fields.history}`;
}
