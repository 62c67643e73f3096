/** CheXbert's 14 conditions in head order [ref: mk-runner/PriorRG tools/metrics/f1chexbert.py]. */
export const CHEXBERT_CLASSES = [
  'Enlarged Cardiomediastinum',
  'Cardiomegaly',
  'Lung Opacity',
  'Lung Lesion',
  'Edema',
  'Consolidation',
  'Pneumonia',
  'Atelectasis',
  'Pneumothorax',
  'Pleural Effusion',
  'Pleural Other',
  'Fracture',
  'Support Devices',
  'No Finding',
] as const;

/** The 5-condition subset: Cardiomegaly, Edema, Consolidation, Atelectasis, Pleural Effusion. */
export const CHEXBERT_5_INDICES = [1, 4, 5, 7, 9] as const;

/** Raw CheXbert head classes: 0 blank, 1 positive, 2 negative, 3 uncertain (No Finding: 0, 1). */
export type ChexbertRawClass = 0 | 1 | 2 | 3;

/**
 * Maps raw head outputs to labels. `rrg` (what PriorRG reports): positive and uncertain → 1,
 * negative and blank → 0. `classification`: positive 1, negative 0, uncertain −1, blank 0
 * (sklearn ignores nothing here, so scoring treats only 1 as positive).
 */
export function mapChexbertClasses(raw: ArrayLike<number>, mode: 'rrg' | 'classification' = 'rrg'): Int8Array {
  const out = new Int8Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (mode === 'rrg') out[i] = c === 1 || c === 3 ? 1 : 0;
    else out[i] = c === 1 ? 1 : c === 3 ? -1 : 0;
  }
  return out;
}
