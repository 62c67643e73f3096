/** The six Socratic reasoning patterns (paper §3) in display order. */
export const SOCRATIC_PATTERNS = ['Transformation', 'Decomposition', 'Regather', 'Deduction', 'Verification', 'Integration'] as const;
/** A Socratic PRMBench error pattern. */
export type SocraticPattern = (typeof SOCRATIC_PATTERNS)[number];

/** Pattern → sub-category keys (the `classification` field; file name minus `test_`) [data]. */
export const SOCRATIC_TAXONOMY: Readonly<Record<SocraticPattern, readonly string[]>> = {
  Transformation: ['repeat_inconsistency', 'repeat_counterfactual'],
  Decomposition: ['decomposition_unsoundness', 'decomposition_redundancy', 'decomposition_incompleteness'],
  Regather: ['regather_imprecision', 'regather_redundancy', 'regather_incompleteness'],
  Deduction: [
    'premise_unsoundness',
    'premise_incompleteness',
    'premise_redundancy',
    'conclusion_invalidity',
    'conclusion_inconsistency',
    'conclusion_counterfactual',
  ],
  Verification: ['detection_error', 'correction_error'],
  Integration: ['integration_unsoundness', 'integration_redundancy', 'integration_incompleteness', 'integration_inconsistency'],
};

/** The 20 sub-category keys in taxonomy order. */
export const SOCRATIC_CLASSIFICATIONS = Object.values(SOCRATIC_TAXONOMY).flat() as readonly string[];

const PATTERN_OF = new Map<string, SocraticPattern>(
  SOCRATIC_PATTERNS.flatMap((p) => SOCRATIC_TAXONOMY[p].map((c) => [c, p] as const)),
);

/** The pattern of a Socratic sub-category, or undefined for other keys. */
export function socraticPatternOf(classification: string): SocraticPattern | undefined {
  return PATTERN_OF.get(classification);
}

/** Display name: `repeat_*` are "Transformation …", the others title-cased keys [our rendering]. */
export function socraticDisplayName(classification: string): string {
  if (classification === 'repeat_inconsistency') return 'Transformation Inconsistency';
  if (classification === 'repeat_counterfactual') return 'Transformation Counter-Factuality';
  return classification
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
