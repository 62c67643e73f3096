// Spec §11.8: eight synthetic records (written for the tests; correct letter is B each time).
import { parseRecords } from '../../records/parse-records.js';

export const SPEC_11_8_CASES: [l2: string, videoType: string, response: string][] = [
  ['Metaphor Understanding', 'Animation', 'It is [[B]].'], // ✓
  ['Metaphor Understanding', 'animation', 'It is [[C]].'], // ✗
  ['Causal Reasoning', 'TV', '\\boxed{B}'], // ✓
  ['Causal Reasoning', 'TV', 'Answer: (B)'], // ✓ (bare letter)
  ['Counterintuitive Reasoning', 'movie', 'I pick [[D]] then [[B]]'], // ✗ parity (first wins), ✓ strict
  ['Emotion Recognition', 'Life', '[[B]]'], // ✓
  ['Video Type and Intent', 'life', ''], // unanswered ✗
  ['Unknown Type', 'Art', 'Option B.'], // ✓ (bare letter)
];

export async function spec118(): Promise<{ records: Awaited<ReturnType<typeof parseRecords>>['records']; rows: { id: string; response: string }[] }> {
  const { records } = await parseRecords(
    SPEC_11_8_CASES.map(([l2, videoType], i) => ({
      video: `v${i}.mp4`,
      videoType,
      question: `Question ${i}?`,
      options: ['(A) one', '(B) two', '(C) three', '(D) four'],
      correctAnswer: '(B)',
      abilityType_L2: l2,
      abilityType_L3: i < 4 ? 'L3-x' : 'L3-y',
      question_idx: i,
    })),
  );
  return { records, rows: SPEC_11_8_CASES.map(([, , response], i) => ({ id: String(i), response })) };
}
