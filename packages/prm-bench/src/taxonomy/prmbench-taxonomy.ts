/** PRMBench classes in upstream spelling, with the paper's abbreviation and group [data; paper]. */
export const PRMBENCH_TAXONOMY = {
  simplicity: { redundency: 'NR', circular: 'NCL' },
  soundness: { counterfactual: 'ES', step_contradiction: 'SC', domain_inconsistency: 'DC', confidence: 'CI' },
  sensitivity: { missing_condition: 'PS', deception: 'DR', multi_solutions: 'MS' },
} as const;
/** A PRMBench error group. */
export type PrmBenchGroup = keyof typeof PRMBENCH_TAXONOMY;

/** The 9 PRMBench classes as found in the files. */
export const PRMBENCH_CLASSIFICATIONS = Object.values(PRMBENCH_TAXONOMY).flatMap((g) => Object.keys(g));

/** The synthetic twin class built from `redundency` records; scored but excluded from overall. */
export const CORRECT_TWIN_CLASS = 'correct';

/** Classes whose redundancy labels, when a prediction carries them, replace validity labels (inverted). */
export const REDUNDANCY_CLASSES: ReadonlySet<string> = new Set(['redundency', 'circular']);

/** The four classes of the testbed's synthetic PRM set (`@reasonkit/testbed` `buildSyntheticPrmSet`). */
export const TESTBED_CLASSIFICATIONS = ['wrong_carry', 'wrong_digit', 'skipped_step', 'wrong_final_transcription'] as const;

/** The PRMBench group of an error classification (undefined when unknown). */
export function prmBenchGroupOf(classification: string): PrmBenchGroup | undefined {
  for (const [g, classes] of Object.entries(PRMBENCH_TAXONOMY)) if (classification in classes) return g as PrmBenchGroup;
  return undefined;
}
