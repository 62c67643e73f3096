import { mulberry32 } from '@reasonkit/core';
import type { Sample } from './sample.js';

const FINDINGS = [
  'The heart size is normal.',
  'Heart size is mildly enlarged.',
  'The lungs are clear.',
  'No focal consolidation, pleural effusion or pneumothorax.',
  'There is mild pulmonary vascular congestion.',
  'Small left pleural effusion is unchanged.',
  'Bibasilar atelectasis is present.',
  'The mediastinal and hilar contours are within normal limits.',
  'A 1.5 cm nodule projects over the right upper lobe.',
  'Endotracheal tube terminates 4 cm above the carina.',
  'Right internal jugular catheter ends in the mid SVC.',
  'Low lung volumes accentuate the bronchovascular markings.',
  'No acute osseous abnormality.',
  'Compared to ___, the appearance is stable.',
  'Mild interstitial edema has improved.',
  'Degenerative changes of the thoracic spine.',
  'There is no evidence of free air under the diaphragm.',
  'Patchy opacity in the left lower lobe may reflect aspiration or pneumonia.',
];
const EDITS = ['mild', 'moderate', 'small', 'new', 'stable', 'right', 'left', 'bilateral', 'likely', 'possibly'];

/**
 * A seeded synthetic corpus shaped like PriorRG's released CSV (references ≈ 55 words, candidates
 * ≈ 49, overlapping sentences with edits). Written for this project: no MIMIC-derived text.
 */
export function syntheticReportCorpus(count: number, seed = 1): Sample[] {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const report = (words: number): string[] => {
    const out: string[] = [];
    let n = 0;
    while (n < words) {
      const s = pick(FINDINGS);
      out.push(s);
      n += s.split(' ').length;
    }
    return out;
  };
  return Array.from({ length: count }, (_, i) => {
    const ref = report(48 + Math.floor(rnd() * 16));
    const cand: string[] = [];
    for (const s of ref) {
      const r = rnd();
      if (r < 0.15) continue;
      if (r < 0.35) cand.push(pick(FINDINGS));
      else if (r < 0.5) cand.push(`${pick(EDITS)} ${s.charAt(0).toLowerCase()}${s.slice(1)}`);
      else cand.push(s);
    }
    return { id: `s${i}`, references: [ref.join(' ')], candidate: cand.join(' ') };
  });
}
