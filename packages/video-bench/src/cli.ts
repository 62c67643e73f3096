// The `reasonkit-video-bench` command line. Results go to stdout; progress and errors go to stderr.
import { createOpenAICompatible, ReasonkitError } from '@reasonkit/core';
import { Command, InvalidArgumentError } from 'commander';
import { compareRuns } from './scoring/compare-runs.js';
import { type Report, scoreRun } from './scoring/score-run.js';
import { toResultRows } from './run/run-row.js';
import { ffmpegDecoder } from './node/ffmpeg-decoder.js';
import { loadRecords } from './node/load-records.js';
import { readResults } from './node/results-file.js';
import { runBench } from './node/run-bench.js';
import { writeReport } from './node/write-report.js';

const NAME = 'reasonkit-video-bench';

const int = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
  return n;
};
const num = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number`);
  return n;
};

function fail(error: unknown): never {
  if (ReasonkitError.is(error)) process.stderr.write(`${NAME}: error [${error.code}]: ${error.message}\n`);
  else process.stderr.write(`${NAME}: error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

function overallLine(label: string, report: Report): string {
  const o = report.overall;
  return `${label}: ${o.correct}/${o.total} = ${o.percent}% (strict ${o.strictCorrect}/${o.total} = ${o.strictPercent}%; unanswered ${o.unanswered}, errors ${o.errors})`;
}

async function scoreFile(results: string, recordsFile: string, o: { foldVideoType?: boolean; excludeErrors?: boolean }) {
  const { records } = await loadRecords(recordsFile);
  const file = await readResults(results);
  for (const w of file.warnings) process.stderr.write(`${NAME}: warning: ${w}\n`);
  const known = new Set(records.map((r) => r.id));
  const rows = toResultRows([...file.rows.values()].filter((r) => known.has(r.id)));
  return { records, report: scoreRun(rows, records, o), header: file.header };
}

const program = new Command();
program.name(NAME).description('MMR-V-style video-reasoning evaluation of OpenAI-compatible vision models (@reasonkit/video-bench)');

program
  .command('run')
  .description('Send each record (k uniform frames + question) to an OpenAI-compatible server; resumable JSONL results, then the report')
  .requiredOption('--records <file>', 'records (JSON array, JSON object or JSON Lines; flat or nested MMR-V form)')
  .requiredOption('--videos <dir>', 'directory holding the videos named by the records')
  .requiredOption('--base-url <url>', 'API root, e.g. http://127.0.0.1:8000/v1')
  .requiredOption('--model <name>', 'model name sent in each request')
  .requiredOption('--out <file>', 'results file (JSONL); resumed when it exists')
  .option('--cot', 'chain-of-thought prompt preset (default: direct)', false)
  .option('--frames <k>', 'frames per request', int('--frames', 1), 32)
  .option('--concurrency <n>', 'records in flight', int('--concurrency', 1), 4)
  .option('--limit <n>', 'request at most n pending records', int('--limit', 0))
  .option('--max-side <px>', 'downscale frames so neither side exceeds this', int('--max-side', 2))
  .option('--image-detail <detail>', 'image_url.detail to send (auto, low, high)')
  .option('--temperature <t>', 'send temperature (default: not sent)', num('--temperature'))
  .option('--max-tokens <n>', 'send max_tokens (default: not sent)', int('--max-tokens', 1))
  .option('--seed <n>', 'send seed (default: not sent)', int('--seed', 0))
  .option('--timeout-ms <ms>', 'per-attempt HTTP timeout', int('--timeout-ms', 1), 120_000)
  .option('--retries <n>', 'retries after the first attempt (backoff honouring Retry-After)', int('--retries', 0), 2)
  .option('--api-key-env <var>', 'environment variable holding the API key', 'OPENAI_API_KEY')
  .option('--count <method>', 'frame count method: packets, decoded or metadata', 'packets')
  .option('--report <dir>', 'write summary.json, by-record.csv, report.md and report.html here')
  .option('--frame-cache <dir>', 'keep decoded frames here and reuse them (resumed runs, other models at the same --frames)')
  .option('--force', 'resume a results file written with another configuration', false)
  .option('--dry-run', 'print one rendered request (image data elided) and the request/image counts; send nothing', false)
  .action(async (o) => {
    try {
      const { records, warnings } = await loadRecords(o.records);
      for (const w of warnings) process.stderr.write(`${NAME}: warning: ${w.message}\n`);
      const model = createOpenAICompatible({ baseURL: o.baseUrl, model: o.model, apiKey: process.env[o.apiKeyEnv], timeoutMs: o.timeoutMs, maxRetries: o.retries });
      const controller = new AbortController();
      process.once('SIGINT', () => {
        process.stderr.write(`${NAME}: interrupted; finishing the report from the rows written so far\n`);
        controller.abort(new Error('SIGINT'));
      });
      const options = {
        records,
        videosDir: o.videos,
        model,
        out: o.out,
        mode: o.cot ? ('cot' as const) : ('direct' as const),
        frames: o.frames,
        concurrency: o.concurrency,
        decoder: ffmpegDecoder({ count: o.count, timeoutMs: o.timeoutMs }),
        force: o.force,
        dryRun: o.dryRun,
        signal: controller.signal,
        ...(o.limit !== undefined ? { limit: o.limit } : {}),
        ...(o.frameCache !== undefined ? { frameCache: o.frameCache } : {}),
        ...(o.maxSide !== undefined ? { maxSide: o.maxSide } : {}),
        ...(o.imageDetail !== undefined ? { imageDetail: o.imageDetail } : {}),
        ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
        ...(o.maxTokens !== undefined ? { maxTokens: o.maxTokens } : {}),
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        onProgress: (p: { written: number; pending: number; ok: number; errors: number }) =>
          process.stderr.write(`${NAME}: ${p.written}/${p.pending} (ok ${p.ok}, errors ${p.errors})\n`),
      };
      let summary;
      try {
        summary = await runBench(options);
      } catch (error) {
        if (!ReasonkitError.is(error, 'ABORTED')) throw error;
        const partial = await scoreFile(o.out, o.records, {});
        if (o.report) await writeReport(o.report, partial.report, { records: partial.records });
        process.stdout.write(`${overallLine('partial', partial.report)}\n`);
        process.exit(130);
      }
      for (const w of summary.warnings) process.stderr.write(`${NAME}: warning: ${w}\n`);
      if (summary.dryRun) {
        process.stdout.write(`${JSON.stringify({ configHash: summary.configHash, ...summary.dryRun }, null, 2)}\n`);
        return;
      }
      if (o.report) await writeReport(o.report, summary.report!, { records, meta: { model: o.model, k: o.frames } });
      process.stdout.write(`${overallLine('overall', summary.report!)}\nwritten ${summary.written}, skipped ${summary.skipped}, errors ${summary.errors}; videos decoded ${summary.videos.decoded}, from the frame cache ${summary.videos.fromCache}; results ${summary.out}\n`);
    } catch (error) {
      fail(error);
    }
  });

program
  .command('report')
  .description('Score a results file against its records and write the report files')
  .argument('<results>', 'results file (JSONL) written by `run`')
  .requiredOption('--records <file>', 'the records the run used')
  .option('--out <dir>', 'write summary.json, by-record.csv, report.md and report.html here')
  .option('--no-fold-video-type', "keep the reference's trimmed-only video type buckets")
  .option('--exclude-errors', 'leave failed requests out of the totals', false)
  .action(async (results: string, o) => {
    try {
      const { records, report, header } = await scoreFile(results, o.records, { foldVideoType: o.foldVideoType, excludeErrors: o.excludeErrors });
      if (o.out) await writeReport(o.out, report, { records, ...(header ? { meta: { model: header.config.model, k: header.config.k } } : {}) });
      process.stdout.write(`${overallLine('overall', report)}\n`);
      for (const [name, s] of Object.entries(report.byCategory)) process.stdout.write(`${name}: ${s.correct}/${s.total} = ${s.percent}%\n`);
    } catch (error) {
      fail(error);
    }
  });

program
  .command('compare')
  .description("Compare two runs on the records both scored: paired difference and McNemar's exact test")
  .argument('<a>', 'results file A')
  .argument('<b>', 'results file B')
  .requiredOption('--records <file>', 'the records both runs used')
  .action(async (a: string, b: string, o) => {
    try {
      const ra = await scoreFile(a, o.records, {});
      const rb = await scoreFile(b, o.records, {});
      const c = compareRuns(ra.report, rb.report);
      process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
    } catch (error) {
      fail(error);
    }
  });

await program.parseAsync(process.argv);
