/**
 * Paper-reported overall results of Socratic-PRMBench (Tables 3/4, ×100) [paper; third-party
 * transcription: confirm against the paper before publishing]. Unknown cells are null; per-pattern
 * paper values are unknown (spec §12.1).
 */
export interface LiteratureRow {
  model: string;
  type: 'critic' | 'PRM';
  prmScore: number | null;
  correctStepAcc: number | null;
  wrongStepAcc: number | null;
  source: 'paper-reported';
}

/** Paper-reported Socratic PRMBench results, shown next to ours in reports. */
export const SOCRATIC_LITERATURE: readonly LiteratureRow[] = (
  [
    ['o3-mini', 'critic', 75.7, 82.6, 69.0],
    ['QwQ-32B', 'critic', 73.8, 83.9, 63.1],
    ['Gemini-2.5-Pro', 'critic', 73.5, 83.6, 62.8],
    ['DeepSeek-R1', 'critic', 73.0, null, null],
    ['GPT-4o', 'critic', 70.8, 83.0, 57.5],
    ['Qwen2.5-Math-PRM-7B', 'PRM', 68.0, 90.8, 42.9],
    ['MathShepherd-Mistral-7B', 'PRM', 64.4, 73.3, 56.0],
    ['ReasonEval-7B', 'PRM', 61.9, 87.3, 35.7],
    ['RLHFlow-PRM-Deepseek-8B', 'PRM', 51.5, null, null],
    ['RLHFlow-PRM-Mistral-8B', 'PRM', 48.8, null, null],
    ['Skywork-PRM-7B', 'PRM', 43.6, 22.7, 93.0],
  ] as const
).map(([model, type, prmScore, correctStepAcc, wrongStepAcc]) => ({ model, type, prmScore, correctStepAcc, wrongStepAcc, source: 'paper-reported' as const }));
