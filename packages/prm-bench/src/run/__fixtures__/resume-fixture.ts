import type { BenchItem } from '../../load/bench-item.js';
import { createFunctionScorer } from '../../scorers/function-scorer.js';

/** 40 deterministic items and a deterministic, slowish scorer shared by the resume test and its child process. */
export function resumeItems(n = 40): BenchItem[] {
  return Array.from({ length: n }, (_, k) => ({
    id: `cat${k % 3}:item-${k}`,
    benchmark: 'socratic',
    question: `question ${k}`,
    steps: Array.from({ length: 3 + (k % 5) }, (_, i) => `step ${i} of ${k}`),
    errorSteps1: [2 + (k % 3), 9],
    firstError0: null,
    category: `cat${k % 3}`,
    lang: 'en',
    warnings: [],
  }));
}

export function resumeScorer(delayMs: number, onScore?: (id: string) => void) {
  return createFunctionScorer('fixture-scorer@1', async (item) => {
    onScore?.(item.id);
    await new Promise((r) => setTimeout(r, delayMs));
    const seed = [...item.id].reduce((s, c) => s + c.charCodeAt(0), 0);
    return item.steps.map((_, i) => ((seed + i * 7) % 10) / 10 - 0.35);
  });
}
