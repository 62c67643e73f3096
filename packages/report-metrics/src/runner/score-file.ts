import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseOptions } from '@reasonkit/core';
import { writeFileAtomic } from '@reasonkit/core/node';
import { bootstrap } from '../bootstrap/bootstrap.js';
import { prepareNlgScorer } from '../bootstrap/bootstrap-nlg.js';
import { chexbertScores } from '../clinical/chexbert-scores.js';
import type { ReportLabeler } from '../clinical/labeler.js';
import { radgraphF1 } from '../clinical/radgraph-f1.js';
import type { RadGraphAnnotate } from '../clinical/radgraph-f1.js';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import type { MeteorScorer } from '../meteor/meteor-scorer.js';
import { meteorApprox } from '../meteor/meteor-approx.js';
import { NLG_KEYS, nlgScoresDetailed } from '../nlg/nlg-scores.js';
import type { Sample } from '../nlg/sample.js';
import { labelTexts } from '../node/label-cache.js';
import { renderHtml, renderMarkdown, renderPerSampleCsv } from '../report/render-report.js';
import type { ScoreReport } from '../report/score-report.js';
import { applyEmptyCandidate } from '../text/clean-generated.js';
import { PreprocessSchema } from '../nlg/preprocess-option.js';
import { readSamples } from './read-samples.js';
import { SampleColumnsSchema } from './read-samples.js';

/** Name of a metric `scoreFile` can compute. */
export type MetricName = 'bleu' | 'rouge' | 'cider' | 'meteor' | 'meteor_approx' | 'chexbert' | 'radgraph';

/** zod schema of `ScoreFileOptions`: validates it and applies its defaults. */
export const ScoreFileOptionsSchema = z.object({
  input: z.string().min(1),
  format: z.enum(['csv', 'jsonl']).optional(),
  columns: SampleColumnsSchema.partial().optional(),
  referenceCell: z.enum(['text', 'json-array']).default('text'),
  /** Default: the three Java-free NLG metrics. */
  metrics: z.array(z.enum(['bleu', 'rouge', 'cider', 'meteor', 'meteor_approx', 'chexbert', 'radgraph'])).default(['bleu', 'rouge', 'cider']),
  preprocess: PreprocessSchema,
  /** PriorRG turns empty generations into `...`; default `keep` [our choice, spec §3.2]. */
  emptyCandidate: z.enum(['...', 'keep']).default('keep'),
  labeler: z.custom<ReportLabeler>((v) => typeof v === 'object' && v !== null && typeof (v as ReportLabeler).label === 'function').optional(),
  /** Label cache file; default `<out>/labels-cache.jsonl`. */
  labelCacheFile: z.string().optional(),
  labelBatchSize: z.number().int().min(1).default(32),
  labelConcurrency: z.number().int().min(1).default(2),
  radgraph: z.custom<RadGraphAnnotate>((v) => typeof v === 'function').optional(),
  meteor: z.custom<MeteorScorer>((v) => typeof v === 'object' && v !== null && typeof (v as MeteorScorer).score === 'function').optional(),
  out: z.string().min(1),
  /** Paired bootstrap; 1,000 resamples, seed 0 [our choice]; `resamples: 0` disables it. */
  bootstrap: z.object({ resamples: z.number().int().min(0).default(1000), seed: z.number().int().default(0) }).default({ resamples: 1000, seed: 0 }),
  /** Called as each stage progresses (stage, done, total). */
  onProgress: z.custom<(p: { stage: string; done: number; total: number }) => void>((v) => typeof v === 'function').optional(),
  signal: z.instanceof(AbortSignal).optional(),
});
/** Input accepted by `ScoreFileOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ScoreFileOptions = z.input<typeof ScoreFileOptionsSchema>;

const PACKAGE_VERSION = '0.0.0';

/**
 * Reads a CSV/JSONL file, scores the requested metrics and writes `report.json`, `per-sample.csv`,
 * `report.md` and `report.html` into `out`, each atomically (temp file + rename), so an interrupted
 * run never leaves a partial report. Labeler output is cached, so a re-run resumes.
 */
export async function scoreFile(options: ScoreFileOptions): Promise<ScoreReport> {
  const o = parseOptions(ScoreFileOptionsSchema, options, 'scoreFile options');
  const format = o.format ?? (/\.jsonl?$/i.test(o.input) ? 'jsonl' : 'csv');
  let text: string;
  try {
    text = await readFile(o.input, 'utf8');
  } catch (e) {
    throw new ReportMetricsError('INVALID_INPUT', `cannot read ${o.input}: ${(e as Error).message}`, { file: o.input }, 'FILE_NOT_FOUND', { cause: e });
  }
  const located = readSamples(text, { format, columns: o.columns, referenceCell: o.referenceCell, file: o.input });
  const samples: Sample[] = located.map((s) => ({ id: s.id, references: s.references, candidate: applyEmptyCandidate(s.candidate, o.emptyCandidate) }));
  const metrics = new Set(o.metrics);
  const progress = (stage: string, done: number, total: number) => o.onProgress?.({ stage, done, total });
  const warnings: string[] = [];
  const footnotes: string[] = [];
  const emptyCandidates = located.filter((s) => s.candidate.length === 0).length;
  const emptyReferences = located.filter((s) => s.references.every((r) => r.trim() === '')).length;
  if (emptyCandidates) warnings.push(`${emptyCandidates} empty candidate(s)${o.emptyCandidate === '...' ? " replaced by '...' (PriorRG's convention)" : ' kept as empty text'}`);
  const corpus: Record<string, number> = {};
  const perSample: Record<string, string | number>[] = samples.map((s) => ({
    id: s.id,
    reference_words: s.references[0]!.split(/\s+/).filter(Boolean).length,
    candidate_words: s.candidate.split(/\s+/).filter(Boolean).length,
  }));
  const nlgWanted = NLG_KEYS.filter((k) => (k.startsWith('BLEU') && metrics.has('bleu')) || (k === 'ROUGE_L' && metrics.has('rouge')) || (k === 'CIDEr_D' && metrics.has('cider')));
  let intervals: ScoreReport['intervals'];
  if (nlgWanted.length) {
    progress('nlg', 0, 1);
    const d = nlgScoresDetailed(samples, { preprocess: o.preprocess });
    for (const k of nlgWanted) {
      corpus[k] = d.corpus[k];
      d.perSample[k].forEach((v, i) => (perSample[i]![k] = v));
    }
    progress('nlg', 1, 1);
    if (o.bootstrap.resamples > 0 && samples.length > 1) {
      const scorer = prepareNlgScorer(samples, { preprocess: o.preprocess });
      const all = bootstrap(samples.length, scorer, { resamples: o.bootstrap.resamples, seed: o.bootstrap.seed, signal: o.signal });
      intervals = Object.fromEntries(nlgWanted.map((k) => [k, all[k]]));
      footnotes.push(`95% intervals: percentile bootstrap over samples, ${o.bootstrap.resamples} resamples, seed ${o.bootstrap.seed}; CIDEr-D document frequencies recomputed in each resample.`);
    }
  }
  if (metrics.has('meteor') || metrics.has('meteor_approx')) {
    const scorer = metrics.has('meteor') ? o.meteor : meteorApprox();
    if (!scorer) throw new ReportMetricsError('INVALID_INPUT', "metric 'meteor' needs the meteor option (meteorJar({ jarPath }) from @reasonkit/report-metrics/node); use 'meteor_approx' for the approximation", { field: 'meteor' });
    progress(scorer.key, 0, samples.length);
    const m = await scorer.score(samples, { signal: o.signal });
    corpus[scorer.key] = m.corpus;
    m.perSample.forEach((v, i) => (perSample[i]![scorer.key] = v));
    progress(scorer.key, samples.length, samples.length);
    if (scorer.key === 'METEOR_approx') footnotes.push('METEOR_approx is a TypeScript approximation of METEOR 1.5 (exact + stem matching only, no WordNet synonyms or paraphrases); it is not comparable with published METEOR.');
  }
  let chexbert: ScoreReport['chexbert'];
  if (metrics.has('chexbert')) {
    if (!o.labeler) throw new ReportMetricsError('INVALID_INPUT', "metric 'chexbert' needs a labeler (labelerFromFunction, labelerFromLabelFile or an ONNX labeler)", { field: 'labeler' });
    const refTexts = samples.map((s) => s.references[0]!);
    if (samples.some((s) => s.references.length > 1)) warnings.push('CheXbert scores use the first reference of each sample.');
    const labels = await labelTexts(o.labeler, [...refTexts, ...samples.map((s) => s.candidate)], {
      cacheFile: o.labelCacheFile ?? join(o.out, 'labels-cache.jsonl'),
      batchSize: o.labelBatchSize,
      concurrency: o.labelConcurrency,
      signal: o.signal,
      onProgress: (p) => progress('labels', p.done, p.total),
    });
    const refs = labels.slice(0, samples.length);
    const hyps = labels.slice(samples.length);
    const s = chexbertScores(refs, hyps, { classes: o.labeler.classes });
    Object.assign(corpus, s.keys);
    s.five.perSampleExact.forEach((v, i) => (perSample[i]!.chexbert_5_exact = v));
    const { perSampleExact: _a, ...all } = s.all;
    const { perSampleExact: _b, ...five } = s.five;
    chexbert = { all, five };
  }
  if (metrics.has('radgraph')) {
    if (!o.radgraph) throw new ReportMetricsError('INVALID_INPUT', "metric 'radgraph' needs the radgraph option (an annotate function)", { field: 'radgraph' });
    const refs = await o.radgraph(samples.map((s) => s.references[0]!), { signal: o.signal });
    const hyps = await o.radgraph(samples.map((s) => s.candidate), { signal: o.signal });
    const r = radgraphF1(samples.map((_, i) => ({ hyp: hyps[i] ?? null, ref: refs[i] ?? null })));
    corpus.RadGraph_simple = r.simple;
    corpus.RadGraph_partial = r.partial;
    corpus.RadGraph_complete = r.complete;
    r.perSample.partial.forEach((v, i) => (perSample[i]!.RadGraph_partial = v));
  }
  const priorrgCompat: Record<string, number> = {};
  for (const [k, v] of Object.entries(corpus)) priorrgCompat[k === 'CIDEr_D' ? 'CIDer' : k] = v;
  const files = ['report.json', 'per-sample.csv', 'report.md', 'report.html'].map((f) => join(o.out, f));
  const report: ScoreReport = {
    config: { input: o.input, format, columns: o.columns ?? {}, metrics: [...metrics], preprocess: typeof o.preprocess === 'function' ? 'custom' : o.preprocess, emptyCandidate: o.emptyCandidate, bootstrap: o.bootstrap, labeler: o.labeler?.id },
    versions: { '@reasonkit/report-metrics': PACKAGE_VERSION, node: process.version },
    counts: { samples: samples.length, emptyCandidates, emptyReferences },
    corpus,
    ...(intervals ? { intervals } : {}),
    priorrgCompat,
    ...(chexbert ? { chexbert } : {}),
    perSample,
    warnings,
    footnotes,
    files,
  };
  o.signal?.throwIfAborted();
  await writeFileAtomic(files[1]!, renderPerSampleCsv(report));
  await writeFileAtomic(files[2]!, renderMarkdown(report));
  await writeFileAtomic(files[3]!, renderHtml(report));
  await writeFileAtomic(files[0]!, JSON.stringify(report, null, 2) + '\n');
  return report;
}
