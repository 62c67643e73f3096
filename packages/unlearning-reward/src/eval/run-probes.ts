import { createConcurrencyLimit, type TextModel } from '@reasonkit/core';
import type { RwkuProbe } from '../schemas/index.js';
import { mean } from '../stats/descriptive.js';
import type { MetricResult } from './metric-result.js';
import { forgetScore } from './rwku.js';

/**
 * Prompt builder for RWKU probes. RWKU/RULE's exact instruction strings are not restated here (spec §15.3):
 * pass yours; `{query}` is replaced. Defaults are ours: "Please complete the blank…" for level 1 (cloze),
 * "Please briefly answer…" otherwise, each followed by the literal `Answer:` as RWKU does.
 */
export interface ProbeTemplates {
  cloze: string;
  question: string;
}
export const DEFAULT_PROBE_TEMPLATES: ProbeTemplates = {
  cloze: 'Please complete the blank in the following sentence.\n{query}\nAnswer:',
  question: 'Please briefly answer the following question.\n{query}\nAnswer:',
};

/** Options of running RWKU probes. */
export interface ProbeRunOptions {
  templates?: ProbeTemplates;
  /** Max new tokens (default 32, ours). */
  maxTokens?: number;
  /** Parallel requests (default 4, ours). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called as probes are answered (done, total). */
  onProgress?: (p: { done: number; total: number }) => void;
}

/** Greedy generations for probes (temperature 0, stop at the first newline; empty → `NOANSWER` at scoring). */
export async function generateProbeAnswers(model: TextModel, probes: readonly RwkuProbe[], o: ProbeRunOptions = {}): Promise<string[]> {
  const t = o.templates ?? DEFAULT_PROBE_TEMPLATES;
  const limit = createConcurrencyLimit(o.concurrency ?? 4);
  let done = 0;
  return Promise.all(
    probes.map(async (p) => {
      const release = await limit.acquire(o.signal);
      try {
        const template = p.level === '1' ? t.cloze : t.question;
        const r = await model.generate({ messages: [{ role: 'user', content: template.replace('{query}', p.query) }], temperature: 0, maxTokens: o.maxTokens ?? 32, stop: ['\n'], signal: o.signal });
        done++;
        o.onProgress?.({ done, total: probes.length });
        return r.text.split('\n')[0]!.trim();
      } finally {
        release();
      }
    }),
  );
}

/** RWKU level scores (FB = level 1, QA = level 2, AA = level 3) and "All", ×100 pltrdy ROUGE-L recall. */
export async function evaluateRwkuProbes(
  model: TextModel,
  sets: { forget?: readonly RwkuProbe[]; neighbor?: readonly RwkuProbe[] },
  o: ProbeRunOptions = {},
): Promise<{ forget?: Record<string, MetricResult>; neighbor?: Record<string, MetricResult>; table: Record<string, number> }> {
  const NAMES: Record<string, string> = { '1': 'FB', '2': 'QA', '3': 'AA' };
  const table: Record<string, number> = {};
  const out: { forget?: Record<string, MetricResult>; neighbor?: Record<string, MetricResult>; table: Record<string, number> } = { table };
  for (const set of ['forget', 'neighbor'] as const) {
    const probes = sets[set];
    if (!probes?.length) continue;
    const answers = await generateProbeAnswers(model, probes, o);
    const byLevel: Record<string, MetricResult> = {};
    for (const level of ['1', '2', '3']) {
      const idx = probes.map((p, i) => (p.level === level ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) continue;
      byLevel[NAMES[level]!] = forgetScore(
        idx.map((i) => ({ output: answers[i]!, answer: probes[i]!.answer })),
        { set, level },
      );
    }
    out[set] = byLevel;
    const prefix = set === 'forget' ? 'F' : 'R';
    for (const [k, v] of Object.entries(byLevel)) table[`${prefix}-${k}`] = v.agg;
    table[`${prefix}-All`] = mean(Object.values(byLevel).map((v) => v.agg));
  }
  return out;
}
