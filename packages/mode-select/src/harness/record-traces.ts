import { parseOptions } from '@reasonkit/core';
import * as z from 'zod';
import type { ReasoningBackend } from '../backend/backend.js';
import { noThinkingPromptFor } from '../format/think-format.js';
import type { SelectionInput, Selector } from '../selectors/types.js';
import type { TraceRecord } from './trace-schema.js';

/** zod schema of `RecordTracesOptions`: validates it and applies its defaults. */
export const RecordTracesOptionsSchema = z.object({
  backend: z.custom<ReasoningBackend>((v) => typeof v === 'object' && v !== null && typeof (v as ReasoningBackend).continue === 'function', { message: 'expected a ReasoningBackend' }),
  /** Grades a completion (the text after the prompt) for a question. */
  grade: z.custom<(input: SelectionInput, completion: string) => boolean>((v) => typeof v === 'function', { message: 'expected a function' }),
  selectors: z.array(z.custom<Selector>((v) => typeof v === 'object' && v !== null && typeof (v as Selector).score === 'function', { message: 'expected a Selector' })).default([]),
  dataset: z.string().min(1),
  model: z.string().optional(),
  /** Thinking budget (tokens). 16384 [ref: iie-ycx/DEER]. */
  maxThinkTokens: z.number().int().min(1).default(16384),
  /** NoThinking budget. 1024 [our choice]. */
  maxAnswerTokens: z.number().int().min(1).default(1024),
  /**
   * A NoThinking output restarted reasoning when it holds a think opener or a paragraph starting
   * with Wait / Alternatively / Hmm, or exceeds `restartTokens` (2048) [our choice, spec §7.1].
   */
  restartTokens: z.number().int().min(1).default(2048),
  signal: z.custom<AbortSignal>((v) => typeof v === 'object' && v !== null).optional(),
  /** Called after each input (done, total). */
  onProgress: z.custom<(p: { done: number; total: number }) => void>((v) => typeof v === 'function').optional(),
});
/** Input accepted by `RecordTracesOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type RecordTracesOptions = z.input<typeof RecordTracesOptionsSchema>;

/** True when a NoThinking output restarted reasoning (spec §7.1). */
export function isRestart(text: string, tokens: number, thinkOpen: string, limit: number): boolean {
  return text.includes(thinkOpen) || /(^|\n\n)\s*(wait|alternatively|hmm)\b/i.test(text) || tokens > limit;
}

/**
 * Builds labels and summary trace records (spec §7.1–7.2) with one greedy sample per mode (k = 1,
 * as DEER), and every selector's zero-step score with its overhead tokens. Selectors run on a
 * fresh prefix cache per question (local backends reuse prefixes within a question only, so
 * overheads are honest).
 */
export async function recordTraces(inputs: readonly SelectionInput[], options: RecordTracesOptions): Promise<TraceRecord[]> {
  const o = parseOptions(RecordTracesOptionsSchema, options, 'recordTraces options');
  const out: TraceRecord[] = [];
  const signal = o.signal ? { signal: o.signal } : {};
  for (const [i, input] of inputs.entries()) {
    const clear = (o.backend as { clearCache?: () => void }).clearCache;
    clear?.();
    const scores: TraceRecord['scores'] = {};
    const nothinkPrompt = noThinkingPromptFor(input.format, input.question, input.fakeThought);
    const b = o.backend as { encode?: (p: string) => number[] };
    const nothinkPromptTokens = b.encode?.(nothinkPrompt).length ?? o.backend.countTokens?.(nothinkPrompt) ?? 0;
    for (const s of o.selectors) {
      clear?.();
      const r = await s.score(input, signal);
      // overhead = decoded tokens + prefill beyond the NoThinking prompt (a prefix of it is reused)
      const extraPrefill = Math.max(0, r.cost.prefillTokens - nothinkPromptTokens);
      const signals = Object.fromEntries(Object.entries(r.signals).filter(([, v]) => typeof v === 'number' || typeof v === 'boolean'));
      scores[s.id] = { pNoThink: r.pNoThink, overheadTokens: extraPrefill + r.cost.decodeTokens, signals: { ...signals, ms: r.cost.ms, prefillTokens: r.cost.prefillTokens, decodeTokens: r.cost.decodeTokens } };
    }
    clear?.();
    const nt = await o.backend.continue({ prompt: nothinkPrompt, maxTokens: o.maxAnswerTokens, ...signal });
    const th = await o.backend.continue({ prompt: input.format.promptFor(input.question), maxTokens: o.maxThinkTokens, ...signal });
    out.push({
      v: 1,
      id: input.id ?? String(i),
      dataset: o.dataset,
      ...(o.model ? { model: o.model } : {}),
      yNoThink: nt.finish !== 'length' && o.grade(input, nt.text) ? 1 : 0,
      yThink: th.finish !== 'length' && o.grade(input, th.text) ? 1 : 0,
      lenNoThink: nt.decodeTokens,
      lenThink: th.decodeTokens,
      restarted: isRestart(nt.text, nt.decodeTokens, input.format.thinkOpen, o.restartTokens) ? 1 : 0,
      scores,
    });
    o.onProgress?.({ done: i + 1, total: inputs.length });
  }
  return out;
}
