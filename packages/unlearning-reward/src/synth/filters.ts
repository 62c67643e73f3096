import { z } from 'zod';
import { parseUnlearningOptions } from '../errors/index.js';
import type { RefusalDetector } from '../refusal/detector.js';
import { regexDetector } from '../refusal/regex-detector.js';
import { rougeLRecallMean } from '../text/rouge-pltrdy.js';
import type { SynthItem } from './synth-item.js';

/** zod schema of `FilterOptions`: validates it and applies its defaults. */
export const FilterOptionsSchema = z.object({
  /** Drop boundary items whose question names the target or an alias (case-insensitive, token boundary). Default on (ours). */
  targetLeak: z.boolean().default(true),
  aliases: z.array(z.string().min(1)).default([]),
  /** Drop boundary items whose answer the detector flags as a refusal. Default on, detector `rule-strict` (ours). */
  refusalLikeAnswer: z.boolean().default(true),
  /** Drop empty answers and answers longer than `maxQaWords` (QA) / `maxClozeWords` (cloze). Default on, 64 / 8 (ours). */
  length: z.boolean().default(true),
  maxQaWords: z.number().int().positive().default(64),
  maxClozeWords: z.number().int().positive().default(8),
  /** Cloze questions need exactly one blank (a run of ≥ 3 underscores). Default on (ours). */
  blankCount: z.boolean().default(true),
  /** Drop the later of two items whose normalised word-3-gram Jaccard ≥ threshold. Default on, 0.8 (ours). */
  nearDuplicate: z.boolean().default(true),
  duplicateThreshold: z.number().min(0).max(1).default(0.8),
  /** Keep only boundary items with R(selfAnswer, answer) > 0.3 (needs `selfAnswer`). Default off (ours). */
  answerability: z.boolean().default(false),
});
/** Input accepted by `FilterOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type FilterOptions = z.input<typeof FilterOptionsSchema>;

/** Name of a synthetic-item filter. */
export type FilterName = 'targetLeak' | 'refusalLikeAnswer' | 'length' | 'blankCount' | 'nearDuplicate' | 'answerability';

/** What the synthetic-item filters kept and dropped, and why. */
export interface FilterReport {
  input: number;
  kept: number;
  dropped: number;
  /** Items failing each filter (an item can fail several), by item kind/variant: `boundary/cloze` etc. */
  failures: Record<FilterName, Record<string, number>>;
  /** Ids of dropped items with the filters they failed. */
  droppedItems: { id: string; failed: FilterName[] }[];
}

const BLANK = /_{3,}/g;
/** Number of blanks (runs of three or more underscores) in `s`. */
export const countBlanks = (s: string): number => (s.match(BLANK) ?? []).length;
const words = (s: string) => s.split(/\s+/).filter(Boolean);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const mentionRes = new Map<string, RegExp>();
/** Whether `text` names `name` (case-insensitive, at letter/digit boundaries). Compiled patterns are memoised per name (bounded). */
export const mentions = (text: string, name: string): boolean => {
  let re = mentionRes.get(name);
  if (re === undefined) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(name)}(?![\\p{L}\\p{N}])`, 'iu');
    if (mentionRes.size >= 1024) mentionRes.clear();
    mentionRes.set(name, re);
  }
  return re.test(text);
};

function trigrams(s: string): Set<string> {
  const w = s.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3).join(' '));
  if (w.length > 0 && w.length < 3) out.add(w.join(' '));
  return out;
}
/** Jaccard similarity of two sets (|a ∩ b| / |a ∪ b|). */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Apply the §7.2 filters; every filter is checked on every item so the report counts each failure. */
export async function filterItems(items: readonly SynthItem[], options: FilterOptions & { detector?: RefusalDetector } = {}): Promise<{ items: SynthItem[]; report: FilterReport }> {
  const { detector: det, ...rest } = options;
  const o = parseUnlearningOptions(FilterOptionsSchema, rest, 'filterItems');
  const detector = det ?? regexDetector({ preset: 'rule-strict' });
  const failures = { targetLeak: {}, refusalLikeAnswer: {}, length: {}, blankCount: {}, nearDuplicate: {}, answerability: {} } as FilterReport['failures'];
  const kept: SynthItem[] = [];
  const droppedItems: FilterReport['droppedItems'] = [];
  const seen: { grams: Set<string>; kind: string }[] = [];
  for (const it of items) {
    const failed: FilterName[] = [];
    const boundary = it.kind === 'boundary';
    if (o.targetLeak && boundary && [it.target, ...o.aliases].some((n) => mentions(it.question, n))) failed.push('targetLeak');
    if (o.refusalLikeAnswer && boundary && it.answer !== undefined && (await detector.detect(it.answer)).isRefusal) failed.push('refusalLikeAnswer');
    if (o.length && boundary) {
      const n = words(it.answer ?? '').length;
      if (n === 0 || n > (it.variant === 'cloze' ? o.maxClozeWords : o.maxQaWords)) failed.push('length');
    }
    if (o.blankCount && it.variant === 'cloze' && countBlanks(it.question) !== 1) failed.push('blankCount');
    const grams = trigrams(it.question);
    if (o.nearDuplicate && seen.some((s) => s.kind === `${it.kind}/${it.variant}` && jaccard(s.grams, grams) >= o.duplicateThreshold)) failed.push('nearDuplicate');
    if (o.answerability && boundary && !(it.selfAnswer !== undefined && it.answer !== undefined && rougeLRecallMean(it.selfAnswer, [it.answer]) > 0.3)) failed.push('answerability');
    const key = `${it.kind}/${it.variant}`;
    for (const f of failed) failures[f][key] = (failures[f][key] ?? 0) + 1;
    if (failed.length === 0) {
      kept.push(it);
      seen.push({ grams, kind: key });
    } else droppedItems.push({ id: it.id, failed });
  }
  return { items: kept, report: { input: items.length, kept: kept.length, dropped: droppedItems.length, failures, droppedItems } };
}
