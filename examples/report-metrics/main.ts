// @reasonkit/report-metrics in one file: the NLG metrics of radiology report generation (BLEU-1…4,
// ROUGE-L, CIDEr-D with PriorRG's preprocessing) on a synthetic corpus, per-sample scores, and a
// paired bootstrap comparison of two systems. Run: npm start -w @reasonkit/example-report-metrics
import { pathToFileURL } from 'node:url';
import { bleu, compareSystems, nlgScores, syntheticReportCorpus, type Sample } from '@reasonkit/report-metrics';

export async function run(options: { samples?: number; resamples?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const corpus = syntheticReportCorpus(options.samples ?? 40, 1);
  // system B: the same candidates with their last sentence dropped (a shorter, worse system)
  const worse: Sample[] = corpus.map((s) => ({ ...s, candidate: s.candidate.split('. ').slice(0, -1).join('. ') || s.candidate }));
  const a = nlgScores(corpus);
  const b = nlgScores(worse);
  log('| metric | system A | system B |\n|---|---:|---:|');
  for (const k of Object.keys(a) as (keyof typeof a)[]) log(`| ${k} | ${a[k].toFixed(4)} | ${b[k].toFixed(4)} |`);
  log(`Per-sample BLEU-4 of the first report: ${bleu(corpus).perSample[3]![0]!.toFixed(4)}`);
  const cmp = compareSystems(corpus, worse, { resamples: options.resamples ?? 500, seed: 0 });
  const d = cmp.BLEU_4.diff;
  log(`Paired bootstrap (B − A), BLEU-4: ${d.estimate.toFixed(4)} [${d.low.toFixed(4)}, ${d.high.toFixed(4)}], p(B not better) = ${cmp.BLEU_4.pNotBetter.toFixed(3)}`);
  return { a, b, cmp };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
