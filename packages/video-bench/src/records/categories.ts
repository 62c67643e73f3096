/** Implicit / explicit task groups of MMR-V (reference: `scripts/main-results.py`, spec §2.5). */
export type Category = 'Implicit' | 'Explicit' | 'Other';

/** L2 ability types counted as Implicit (reference `scripts/main-results.py`). */
export const IMPLICIT_L2: readonly string[] = [
  'Metaphor Understanding',
  'Theme Understanding',
  'Emotion Recognition',
  'Implicit Symbol',
  'Comment Matching',
];

/** L2 ability types counted as Explicit (reference `scripts/main-results.py`). */
export const EXPLICIT_L2: readonly string[] = [
  'Counterintuitive Reasoning',
  'Causal Reasoning',
  'Sequential Structure Reasoning',
  'Video Type and Intent',
  'Cross-modal Creative Transfer',
];

/** Category of an L2 ability type; any other value is `Other` (reference behaviour). */
export function categoryOf(abilityTypeL2: string): Category {
  if (IMPLICIT_L2.includes(abilityTypeL2)) return 'Implicit';
  if (EXPLICIT_L2.includes(abilityTypeL2)) return 'Explicit';
  return 'Other';
}

/** Canonical video types; values are case-folded into these (spec §2.4). */
export const VIDEO_TYPES: readonly string[] = ['Animation', 'Movie', 'TV', 'Life', 'Art', 'Philosophy'];

/** Case-folds a trimmed video type into a canonical one, or null when unknown. */
export function canonicalVideoType(videoType: string): string | null {
  const folded = videoType.trim().toLowerCase();
  return VIDEO_TYPES.find((t) => t.toLowerCase() === folded) ?? null;
}
