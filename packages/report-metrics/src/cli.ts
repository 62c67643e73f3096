import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { nlgScores } from './nlg/nlg-scores.js';
import { joinRefsAndCands } from './runner/read-samples.js';
import { scoreFile } from './runner/score-file.js';
import type { MetricName } from './runner/score-file.js';

function fail(message: string, code = 2): never {
  process.stderr.write(`report-metrics: ${message}\n`);
  process.exit(code);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    fail(`cannot read ${what} file '${path}': ${(e as Error).message}`);
  }
}

const program = new Command();
program.name('report-metrics').description('Report-generation metrics with pycocoevalcap parity (BLEU-1..4, ROUGE-L, CIDEr-D) from @reasonkit/report-metrics');

program
  .command('score')
  .description(
    'Score a CSV/JSONL file and write report.json, per-sample.csv, report.md and report.html; or, with --refs and --cands (JSONL lines {"id","text"}, several refs lines per id allowed), print corpus scores',
  )
  .argument('[file]', 'CSV or JSONL input (columns dicom_id, reference_report, generated_report by default)')
  .option('--refs <file>', 'references JSONL, lines {"id","text"}')
  .option('--cands <file>', 'candidates JSONL, lines {"id","text"} (one per id)')
  .option('--json', 'print the corpus scores as one JSON object', false)
  .option('--format <format>', 'csv or jsonl (default: from the file extension)')
  .option('--metrics <list>', 'comma-separated: bleu,rouge,cider,meteor_approx', 'bleu,rouge,cider')
  .option('--preprocess <name>', "text preprocessing: 'priorrg' (PriorRG's) or 'none'", 'priorrg')
  .option('--id-column <name>', 'id column/field')
  .option('--references-column <name>', 'reference column/field')
  .option('--candidate-column <name>', 'candidate column/field')
  .option('--references-json', 'CSV reference cells hold JSON arrays of references', false)
  .option('--out <dir>', 'output folder for the reports', 'report-metrics-out')
  .option('--resamples <n>', 'bootstrap resamples (0 disables intervals)', '1000')
  .option('--seed <n>', 'bootstrap seed', '0')
  .action(async (file: string | undefined, o: Record<string, string | boolean | undefined>) => {
    const preprocess = o.preprocess as string;
    if (preprocess !== 'priorrg' && preprocess !== 'none') fail(`--preprocess: expected 'priorrg' or 'none', got '${preprocess}'`);
    try {
      if (o.refs !== undefined || o.cands !== undefined) {
        if (o.refs === undefined || o.cands === undefined) fail('--refs and --cands go together');
        if (file !== undefined) fail('give either a file or --refs/--cands, not both');
        const samples = joinRefsAndCands(readText(o.refs as string, 'refs'), readText(o.cands as string, 'cands'), { refs: o.refs as string, cands: o.cands as string });
        const s = nlgScores(samples, { preprocess });
        const out = { BLEU_1: s.BLEU_1, BLEU_2: s.BLEU_2, BLEU_3: s.BLEU_3, BLEU_4: s.BLEU_4, ROUGE_L: s.ROUGE_L, CIDEr: s.CIDEr_D };
        if (o.json) process.stdout.write(JSON.stringify(out) + '\n');
        else for (const [k, v] of Object.entries(out)) process.stdout.write(`${k}\t${v}\n`);
        return;
      }
      if (file === undefined) fail('score needs an input file, or --refs and --cands');
      const format = (o.format as string | undefined) ?? (/\.jsonl?$/i.test(file) ? 'jsonl' : 'csv');
      if (format !== 'csv' && format !== 'jsonl') fail(`--format: expected csv or jsonl, got '${format}'`);
      const columns = {
        ...(o.idColumn ? { id: o.idColumn as string } : {}),
        ...(o.referencesColumn ? { references: o.referencesColumn as string } : {}),
        ...(o.candidateColumn ? { candidate: o.candidateColumn as string } : {}),
      };
      const report = await scoreFile({
        input: file,
        format,
        columns,
        referenceCell: o.referencesJson ? 'json-array' : 'text',
        metrics: (o.metrics as string).split(',').map((m) => m.trim()) as MetricName[],
        preprocess,
        out: o.out as string,
        bootstrap: { resamples: Number(o.resamples), seed: Number(o.seed) },
        onProgress: (p) => process.stderr.write(`report-metrics: ${p.stage} ${p.done}/${p.total}\n`),
      });
      if (o.json) process.stdout.write(JSON.stringify(report.corpus) + '\n');
      else process.stdout.write(`wrote ${report.files.join(', ')}\n`);
    } catch (e) {
      fail((e as Error).message);
    }
  });

await program.parseAsync();
