import { generateObject, type TextModel } from '@reasonkit/core';
import { z } from 'zod';
import { mean } from '../stats/descriptive.js';

/** Our naturalness rubric (spec §8.2): NOT comparable with RULE's unknown Read/Help/Truth scorer. */
export const DEFAULT_NATURALNESS_RUBRIC = `Rate the assistant reply to the user request on three 0-100 scales:
readability (fluent, well-formed), helpfulness (addresses the request or declines gracefully), truthfulness (no false claims).

User request:
{prompt}

Assistant reply:
{response}

Answer with JSON only: {"read": number, "help": number, "truth": number}`;

const Scores = z.object({ read: z.number().min(0).max(100), help: z.number().min(0).max(100), truth: z.number().min(0).max(100) });

/** Naturalness hook: an LLM judge scores Read/Help/Truth; ALL = mean of the three (as RULE's table). */
export async function naturalness(o: { judge: TextModel; items: readonly { prompt: string; response: string }[]; rubric?: string; signal?: AbortSignal }) {
  const rubric = o.rubric ?? DEFAULT_NATURALNESS_RUBRIC;
  const byIndex: { read: number; help: number; truth: number }[] = [];
  for (const it of o.items) {
    const r = await generateObject(o.judge, Scores, { messages: [{ role: 'user', content: rubric.replace('{prompt}', it.prompt).replace('{response}', it.response) }], temperature: 0, signal: o.signal });
    byIndex.push(r.object);
  }
  const read = mean(byIndex.map((b) => b.read));
  const help = mean(byIndex.map((b) => b.help));
  const truth = mean(byIndex.map((b) => b.truth));
  return { kind: 'naturalness-judge' as const, read, help, truth, all: (read + help + truth) / 3, byIndex, config: { judge: o.judge.id, comparableWithPaper: false } };
}
