import { generateObject, mulberry32, type TextModel } from '@reasonkit/core';
import { z } from 'zod';
import { InvalidOptionsError, RewardRowError, UnlearningError, parseUnlearningOptions } from '../errors/index.js';
import { cacheKey } from '../refusal/cache-key.js';
import type { RefusalDetector } from '../refusal/detector.js';
import type { RewardRow } from '../schemas/index.js';
import { countBlanks, filterItems, type FilterOptions, type FilterReport } from './filters.js';
import type { SynthItem } from './synth-item.js';

/** Shared options of the LLM steps: a cache keyed by hash(model, prompt, seed) makes reruns free. */
export interface SynthCallOptions {
  model: TextModel;
  cache?: Map<string, unknown>;
  seed?: number;
  signal?: AbortSignal;
  /** Counts model calls (cache misses). */
  stats?: { modelCalls: number };
}

async function cachedObject<S extends z.ZodType>(o: SynthCallOptions, schema: S, prompt: string): Promise<z.output<S>> {
  const key = cacheKey(o.model.id, prompt, String(o.seed ?? 0));
  if (o.cache?.has(key)) return o.cache.get(key) as z.output<S>;
  if (o.stats) o.stats.modelCalls++;
  const r = await generateObject(o.model, schema, { messages: [{ role: 'user', content: prompt }], temperature: 0, seed: o.seed, signal: o.signal });
  o.cache?.set(key, r.object);
  return r.object;
}

// Model replies (external input, validated on every call). Built once: zod compiles each schema's fast path on its
// first parse, so a schema per call paid that compilation for every item.
const NeighborsReply = z.object({ neighbors: z.array(z.string().min(1)).min(1) });
const QuestionReply = z.object({ question: z.string().min(1) });
const AnswerReply = z.object({ answer: z.string() });
const ClozeReply = z.object({ cloze: z.string().min(1), answer: z.string() });

/** Step 1: k plausible confusers of the target (same type, domain, era). */
export async function proposeNeighbors(target: string, k: number, o: SynthCallOptions): Promise<string[]> {
  if (!(k >= 1)) throw new InvalidOptionsError(`proposeNeighbors: k must be ≥ 1, got ${k}`, 'k');
  const prompt = `List ${k} real entities of the same type, domain and era as "${target}" that could plausibly be confused with it. Do not include "${target}" itself.\nAnswer with JSON only: {"neighbors": ["...", ...]}`;
  const r = await cachedObject(o, NeighborsReply, prompt);
  return r.neighbors.filter((n) => n.toLowerCase() !== target.toLowerCase()).slice(0, k);
}

/** Step 2: the same question about the neighbour, without naming the target. */
export async function swapEntity(question: string, target: string, neighbor: string, o: SynthCallOptions): Promise<string> {
  const prompt = `Rewrite the question so it asks the same kind of thing about "${neighbor}" instead of "${target}". Keep the structure; do not mention "${target}".\nQuestion: ${question}\nAnswer with JSON only: {"question": "..."}`;
  return (await cachedObject(o, QuestionReply, prompt)).question;
}

/** Step 3: a short answer. */
export async function answerQuestion(question: string, o: SynthCallOptions): Promise<string> {
  const prompt = `Answer briefly and factually.\nQuestion: ${question}\nAnswer with JSON only: {"answer": "..."}`;
  return (await cachedObject(o, AnswerReply, prompt)).answer;
}

/** Step 4: a declarative cloze with one blank (`___`) and its short answer span. */
export async function toCloze(question: string, o: SynthCallOptions, answer?: string): Promise<{ cloze: string; answer: string }> {
  const prompt = `Rewrite the question as one declarative sentence with exactly one blank written "___" where the answer goes${answer ? ` (answer: ${answer})` : ''}.\nQuestion: ${question}\nAnswer with JSON only: {"cloze": "...", "answer": "..."}`;
  return cachedObject(o, ClozeReply, prompt);
}

export interface SynthesizeOptions extends SynthCallOptions {
  target: string;
  aliases?: string[];
  /** Neighbours to propose (default 4, ours). */
  neighbors?: number;
  /** Also produce cloze rewrites (default true, as RULE). */
  cloze?: boolean;
  filters?: FilterOptions;
  detector?: RefusalDetector;
  /** Called as forget items are processed (done, total). */
  onProgress?: (p: { done: number; total: number }) => void;
}

/**
 * Boundary-query synthesis (spec §7.2): neighbours → swapped questions → answers → cloze rewrites,
 * then the filters. Input: forget QA items; output: forget cloze + boundary QA/cloze items that pass.
 */
export async function synthesizeBoundary(forget: readonly SynthItem[], o: SynthesizeOptions): Promise<{ items: SynthItem[]; report: FilterReport; modelCalls: number }> {
  const stats = o.stats ?? { modelCalls: 0 };
  const call: SynthCallOptions = { ...o, stats };
  const neighbors = await proposeNeighbors(o.target, o.neighbors ?? 4, call);
  if (neighbors.length === 0) throw new UnlearningError('synthesis', 'INVALID_ARGUMENT', `synthesis: the model proposed no neighbour for "${o.target}"`, { field: 'neighbors' });
  const out: SynthItem[] = [];
  let done = 0;
  for (const f of forget) {
    if (o.signal?.aborted) throw o.signal.reason;
    const neighbor = neighbors[done % neighbors.length]!;
    out.push(f);
    const q = await swapEntity(f.question, o.target, neighbor, call);
    const a = await answerQuestion(q, call);
    out.push({ id: `${f.id}-b-qa`, kind: 'boundary', variant: 'qa', question: q, answer: a, target: o.target, neighbor, sourceId: f.id });
    if (o.cloze !== false) {
      const fc = await toCloze(f.question, call);
      out.push({ id: `${f.id}-f-cloze`, kind: 'forget', variant: 'cloze', question: fc.cloze, answer: fc.answer || undefined, target: o.target, sourceId: f.id });
      const bc = await toCloze(q, call, a);
      out.push({ id: `${f.id}-b-cloze`, kind: 'boundary', variant: 'cloze', question: bc.cloze, answer: bc.answer, target: o.target, neighbor, sourceId: f.id });
    }
    done++; // not inside the optional call: `?.` would skip the increment without a callback
    o.onProgress?.({ done, total: forget.length });
  }
  const { items, report } = await filterItems(out, { ...o.filters, aliases: [...(o.filters?.aliases ?? []), ...(o.aliases ?? [])], detector: o.detector });
  return { items, report, modelCalls: stats.modelCalls };
}

/** Items as reward rows: forget → refuse (with the target), boundary → answer. Cloze items must have exactly one blank. */
export function itemsToRewardRows(items: readonly SynthItem[], o: { refusalExample?: (target: string) => string } = {}): RewardRow[] {
  return items.map((it) => {
    if (it.variant === 'cloze' && countBlanks(it.question) !== 1) throw new RewardRowError(`a cloze question needs exactly one blank (___), found ${countBlanks(it.question)}`, { record: it.id, field: 'question' });
    if (it.kind === 'forget') return { label: 'refuse', id: it.id, prompt: it.question, target: it.target, variant: it.variant, ...(o.refusalExample ? { refusalExample: o.refusalExample(it.target) } : {}), ...(it.answer ? { gold: [it.answer] } : {}) };
    if (!it.answer) throw new RewardRowError('a boundary item needs an answer', { record: it.id, field: 'answer' });
    return { label: 'answer', id: it.id, prompt: it.question, references: [it.answer], variant: it.variant };
  });
}

/** zod schema of `MixOptions`: validates it and applies its defaults. */
export const MixOptionsSchema = z.object({
  /** Boundary rows per forget row (default 1, RULE's 1:1). */
  ratio: z.number().default(1),
  /** Share of cloze rows on each side (default 0.5, RULE). */
  clozeShare: z.number().min(0).max(1).default(0.5),
  seed: z.number().int().default(0),
  /** Allow duplicating rows to reach the ratio (default false: downsample only). */
  allowRepeat: z.boolean().default(false),
});
/** Input accepted by `MixOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type MixOptions = z.input<typeof MixOptionsSchema>;

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function take(rows: RewardRow[], n: number, clozeShare: number, rand: () => number, allowRepeat: boolean): RewardRow[] {
  const cloze = shuffle(rows.filter((r) => r.variant === 'cloze'), rand);
  const other = shuffle(rows.filter((r) => r.variant !== 'cloze'), rand);
  let nc = Math.min(cloze.length, Math.round(n * clozeShare));
  let no = Math.min(other.length, n - nc);
  nc = Math.min(cloze.length, n - no);
  const out = [...cloze.slice(0, nc), ...other.slice(0, no)];
  while (out.length < n && allowRepeat && rows.length > 0) out.push(rows[Math.floor(rand() * rows.length)]!);
  return out;
}

/**
 * Mix forget (refuse) and boundary (answer) rows at an exact boundary:forget `ratio`, downsampling the
 * larger side (duplicating only with `allowRepeat`), then shuffle with a seeded PRNG.
 */
export function mix(forget: readonly RewardRow[], boundary: readonly RewardRow[], options: MixOptions = {}): RewardRow[] {
  const { ratio, clozeShare, seed, allowRepeat } = parseUnlearningOptions(MixOptionsSchema, options, 'mix');
  if (!(ratio > 0)) throw new InvalidOptionsError(`mix: ratio must be > 0, got ${ratio}`, 'ratio');
  const rand = mulberry32(seed);
  let nf = forget.length;
  let nb = Math.round(nf * ratio);
  if (nb > boundary.length && !allowRepeat) {
    nb = boundary.length;
    nf = Math.round(nb / ratio);
    if (Math.round(nf * ratio) !== nb) nb = Math.round(nf * ratio);
  }
  const rows = [...take([...forget], nf, clozeShare, rand, allowRepeat), ...take([...boundary], nb, clozeShare, rand, allowRepeat)];
  return shuffle(rows, rand);
}
