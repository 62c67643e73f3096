import type { Method, Need, Paper } from './schemas.js';
import { SECTION_TO_CATEGORY } from './categories.js';

/** Six memory papers the companion list files under Planner-enhanced; also tagged memory-enhanced (spec §1.3). */
export const MEMORY_UNDER_PLANNER = ['memorybank', 'generative agents', 'synapse', 'think before you act', 'ldm2', 'explicit memory learning'];

/** Presets in `./strategies` that implement a paper's method (by arXiv id). */
export const IMPLEMENTED_BY: Record<string, string> = {
  '2304.11477': 'llmPlusP',
  '2402.01817': 'backprompt',
  '2305.10601': 'totBfs',
  '2305.00633': 'selfEvalBeam',
  '2402.14083': 'exportTrajectories',
};

const NEEDS: Record<string, Need[]> = {
  'planner-enhanced': ['external-planner'],
  'memory-enhanced': [],
  'imitation-learning': ['training'],
  'feedback-based': ['training', 'environment'],
  decomposition: ['sampling'],
  exploration: ['sampling'],
  decoding: ['loglikelihood'],
};

/** Short method name from a paper title: the part before ':' when short (our choice). */
export function methodName(title: string): string {
  const head = title.split(':')[0]!.trim();
  return head.length > 0 && head.length <= 40 && head !== title ? head : title;
}

/**
 * One Method per paper filed under a method leaf (§1.1.1–1.3.3). `needs` are derived from the
 * categories (our choice, coarse); `finetune`/`search` from the family.
 */
export function deriveMethods(papers: Paper[]): Method[] {
  const out: Method[] = [];
  for (const p of papers) {
    const cats = p.sections.map((s) => SECTION_TO_CATEGORY[s]).filter((c): c is string => !!c);
    if (cats.length === 0) continue;
    const t = p.title.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ');
    if (cats.includes('planner-enhanced') && MEMORY_UNDER_PLANNER.some((k) => t.replace(/\s+/g, ' ').startsWith(k))) cats.push('memory-enhanced');
    const uniq = [...new Set(cats)];
    const needs = [...new Set(uniq.flatMap((c) => NEEDS[c] ?? []))];
    const m: Method = {
      id: p.id,
      name: methodName(p.title),
      categoryIds: uniq,
      paperId: p.id,
      finetune: uniq.some((c) => c === 'imitation-learning' || c === 'feedback-based'),
      search: uniq.some((c) => c === 'decomposition' || c === 'exploration' || c === 'decoding'),
      modality: 'text',
      needs,
    };
    const impl = p.arxiv ? IMPLEMENTED_BY[p.arxiv] : undefined;
    if (impl) m.implementedBy = impl;
    out.push(m);
  }
  return out;
}
