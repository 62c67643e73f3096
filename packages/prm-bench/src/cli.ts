// The `prm-bench` command line. Results go to stdout; progress and errors go to stderr.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ReasonkitError } from '@reasonkit/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { BenchItem } from './load/bench-item.js';
import { processBenchScore } from './metrics/processbench-score.js';
import { scoreAll } from './metrics/score-steps.js';
import { jsonlCache } from './node/jsonl-cache.js';
import { loadOnnxStepClassifier } from './node/load-onnx-classifier.js';
import { loadBenchmark, type BenchmarkName } from './node/load-benchmark.js';
import { readPredictionsFile } from './node/read-predictions.js';
import { buildReport } from './report/build-report.js';
import { pct } from './report/format.js';
import { renderCsv, renderJson } from './report/render-csv.js';
import { renderHtml } from './report/render-html.js';
import { renderMarkdown } from './report/render-markdown.js';
import { toScoreJson, type ScoreFields } from './report/score-json.js';
import { runBenchmark, toPredictions } from './run/run-benchmark.js';
import { createOpenAICritic } from './scorers/chat-critic.js';
import { DECISIONS, type Decision } from './scorers/decisions.js';
import { createFunctionScorer } from './scorers/function-scorer.js';
import type { StepScorer } from './scorers/scorer.js';

const BENCHMARKS = ['auto', 'socratic', 'prmbench', 'processbench', 'trl', 'testbed'];

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

function parseDecision(spec: string): Decision {
  if (spec in DECISIONS) return DECISIONS[spec as keyof typeof DECISIONS];
  if (spec === 'explicit') return { kind: 'explicit' };
  const m = /^(threshold|delta):(-?[\d.]+(?:e-?\d+)?)$/.exec(spec);
  if (!m) throw new InvalidArgumentError(`--decision must be explicit, threshold:<t>, delta:<t> or one of ${Object.keys(DECISIONS).join(', ')}`);
  return { kind: m[1] as 'threshold' | 'delta', threshold: Number(m[2]) };
}

function fieldsTable(rows: [string, ScoreFields][]): string {
  const head = ['group', 'PRM-Score', 'F1', 'F1 (errors)', 'acc. correct', 'acc. error', 'first-error acc.'];
  return [
    head.join('\t'),
    ...rows.map(([g, f]) => [g, pct(f.prm_score), pct(f.f1), pct(f.negative_f1), pct(f.correct_step_acc), pct(f.wrong_step_acc), pct(f.first_error_acc)].join('\t')),
  ].join('\n');
}

async function makeScorer(o: RunCliOptions, items: readonly BenchItem[]): Promise<StepScorer> {
  if (o.scorer === 'onnx') {
    if (!o.onnx || !o.tokenizer) throw new InvalidArgumentError('--scorer onnx needs --onnx <file.onnx> and --tokenizer <dir>');
    return loadOnnxStepClassifier({
      model: o.onnx,
      tokenizer: o.tokenizer,
      input: o.input as 'concat-ids' | 'tagged' | 'separator',
      readout: o.readout,
      ...(o.separator !== undefined ? { separator: o.separator } : {}),
      ...(o.tag !== undefined ? { tag: o.tag } : {}),
      ...(o.outputName !== undefined ? { outputName: o.outputName } : {}),
      ...(o.maxLength !== undefined ? { maxLength: o.maxLength } : {}),
      ...(o.batchSize !== undefined ? { batchSize: o.batchSize } : {}),
      ...(o.threads !== undefined ? { threads: o.threads } : {}),
    });
  }
  if (o.scorer === 'critic') {
    if (!o.baseUrl || !o.model) throw new InvalidArgumentError('--scorer critic needs --base-url and --model');
    const apiKey = process.env[o.apiKeyEnv];
    return createOpenAICritic({
      baseURL: o.baseUrl,
      model: o.model,
      preset: o.preset,
      temperature: o.temperature,
      maxTokens: o.maxTokens,
      n: o.n,
      systemRole: o.systemRole,
      timeoutMs: o.timeoutMs,
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(apiKey ? { apiKey } : {}),
    });
  }
  const gold = new Map(items.map((i) => [i.id, new Set(i.errorSteps1)]));
  const rules: Record<string, (item: { id: string; steps: string[] }) => boolean[]> = {
    'all-positive': (item) => item.steps.map(() => true),
    'all-negative': (item) => item.steps.map(() => false),
    oracle: (item) => item.steps.map((_, i) => !gold.get(item.id)!.has(i + 1)),
  };
  const rule = rules[o.scorer];
  if (!rule) throw new InvalidArgumentError(`--scorer must be critic, onnx, all-positive, all-negative or oracle, got '${o.scorer}'`);
  return createFunctionScorer(`rule:${o.scorer}@1`, rule);
}

interface RunCliOptions {
  data: string;
  benchmark: BenchmarkName | 'auto';
  scorer: string;
  out: string;
  baseUrl?: string;
  model?: string;
  apiKeyEnv: string;
  preset: string;
  temperature: number;
  maxTokens: number;
  n: number;
  seed?: number;
  systemRole: 'system' | 'user';
  timeoutMs: number;
  concurrency: number;
  limit?: number;
  decision?: string;
  resume: boolean;
  retries: number;
  onnx?: string;
  tokenizer?: string;
  input: string;
  separator?: string;
  tag?: string;
  readout: string;
  outputName?: string;
  maxLength?: number;
  batchSize?: number;
  threads?: number;
}

export function buildProgram(): Command {
  const program = new Command('prm-bench')
    .description('Benchmark process reward models and LLM critics on Socratic-PRMBench, PRMBench and ProcessBench')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('score')
    .description('score step-label predictions against a benchmark; prints overall, by_category and by_pattern metrics')
    .requiredOption('--data <path>', 'benchmark directory or file (e.g. ../shared/data/socratic-prmbench)')
    .requiredOption('--predictions <file.jsonl>', 'JSON lines {"id": "<classification>:<idx>", "labels": [true, false, …]} (true = step correct)')
    .addOption(new Option('--mode <mode>', 'official (identical to the upstream scorer) or strict').choices(['official', 'strict']).default('official'))
    .addOption(new Option('--benchmark <name>', 'benchmark format').choices(BENCHMARKS).default('auto'))
    .option('--json', 'print one JSON object', false)
    .action(async (o: { data: string; predictions: string; mode: 'official' | 'strict'; benchmark: BenchmarkName | 'auto'; json: boolean }) => {
      const { items, benchmark } = await loadBenchmark(o.data, o.benchmark);
      const preds = await readPredictionsFile(o.predictions, items);
      const scored = scoreAll(items, preds, { mode: o.mode });
      if (scored.overall.missing > 0) {
        process.stderr.write(`prm-bench: ${scored.overall.missing} items have no prediction (${o.mode === 'official' ? 'skipped, as the official scorer does' : 'scored as all-positive in strict mode'})\n`);
      }
      const result = toScoreJson(o.mode, scored);
      const extra = benchmark === 'processbench' ? { processbench: processBenchScore(items, preds) } : {};
      if (o.json) process.stdout.write(JSON.stringify({ benchmark, ...result, ...extra }) + '\n');
      else {
        const rows: [string, ScoreFields][] = [['overall', result.overall], ...Object.entries(result.by_pattern), ...Object.entries(result.by_category)];
        process.stdout.write(`${benchmark}, ${o.mode} mode, ${result.items} items, validity rate ${pct(result.validity_rate)}% (×100 below)\n${fieldsTable(rows)}\n`);
      }
    });

  program
    .command('run')
    .description('score every item with a scorer (resumable: results are cached in <out>/cache.jsonl) and write predictions and metrics')
    .requiredOption('--data <path>', 'benchmark directory or file')
    .requiredOption('--scorer <name>', 'critic (OpenAI-compatible endpoint), onnx (step classifier), all-positive, all-negative or oracle')
    .requiredOption('--out <dir>', 'output directory: cache.jsonl, predictions.jsonl, run.json, metrics.json')
    .addOption(new Option('--benchmark <name>', 'benchmark format').choices(BENCHMARKS).default('auto'))
    .option('--base-url <url>', 'critic: API root, e.g. http://127.0.0.1:8000/v1')
    .option('--model <name>', 'critic: model name')
    .option('--api-key-env <var>', 'critic: environment variable holding the API key', 'OPENAI_API_KEY')
    .option('--preset <id>', 'critic preset: prmbench-critic@1 or processbench-critic@1', 'prmbench-critic@1')
    .option('--temperature <t>', 'critic temperature', num('--temperature'), 0)
    .option('--max-tokens <n>', 'critic max tokens', int('--max-tokens', 1), 2048)
    .option('--n <n>', 'critic choices per item (voting)', int('--n', 1), 1)
    .option('--seed <n>', 'critic seed', int('--seed', 0))
    .addOption(new Option('--system-role <role>', 'system, or user for models without one').choices(['system', 'user']).default('system'))
    .option('--timeout-ms <n>', 'critic per-request timeout', int('--timeout-ms', 1), 120_000)
    .option('--concurrency <n>', 'items in flight', int('--concurrency', 1), 4)
    .option('--limit <n>', 'only the first n items', int('--limit', 1))
    .option('--decision <rule>', 'explicit, threshold:<t>, delta:<t> or a preset (llmCritic, qwenPrm, skywork, …); default llmCritic (onnx: qwenPrm, score > 0.5)')
    .option('--retries <n>', 'attempts per item', int('--retries', 1), 3)
    .option('--no-resume', 'ignore cached results')
    .option('--onnx <path>', 'onnx: the classifier graph (.onnx file or model directory; [batch, seq, classes] logits)')
    .option('--tokenizer <dir>', 'onnx: directory with tokenizer.json')
    .addOption(new Option('--input <builder>', 'onnx: input builder').choices(['concat-ids', 'tagged', 'separator']).default('concat-ids'))
    .option('--separator <text>', 'onnx: concat-ids piece separator (default \\n) or the separator token (default <extra_0>)')
    .option('--tag <text>', 'onnx: tagged step tag (default " ки")')
    .option('--readout <name>', 'onnx: two-class, sigmoid, raw-logit, three-class-sum or token-pair:<good>,<bad>', 'two-class')
    .option('--output-name <name>', 'onnx: logits output name (default logits)')
    .option('--max-length <n>', 'onnx: longest input in tokens (default 2048)', int('--max-length', 1))
    .option('--batch-size <n>', 'onnx: items per session run (default 1)', int('--batch-size', 1))
    .option('--threads <n>', 'onnx: ORT intra-op threads', int('--threads', 1))
    .action(async (o: RunCliOptions) => {
      const { items: all, benchmark } = await loadBenchmark(o.data, o.benchmark);
      const items = o.limit ? all.slice(0, o.limit) : all;
      const scorer = await makeScorer(o, items);
      mkdirSync(o.out, { recursive: true });
      const cache = jsonlCache(join(o.out, 'cache.jsonl'));
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      try {
        const run = await runBenchmark({
          items,
          scorer,
          cache,
          concurrency: o.concurrency,
          resume: o.resume,
          decision: o.decision ? parseDecision(o.decision) : o.scorer === 'onnx' ? DECISIONS.qwenPrm : DECISIONS.llmCritic,
          retry: { attempts: o.retries, backoffMs: (k) => 2000 * (k + 1) },
          signal: controller.signal,
          onProgress: (p) => process.stderr.write(`\rprm-bench: ${p.done}/${p.total} (cached ${p.cached}, invalid ${p.invalid}, failed ${p.failed})${p.etaMs !== null ? `, ETA ${Math.round(p.etaMs / 1000)} s` : ''}   `),
        });
        process.stderr.write('\n');
        const preds = toPredictions(run);
        writeFileSync(join(o.out, 'predictions.jsonl'), preds.map((p) => JSON.stringify({ id: p.itemId, labels: p.labels ?? [], valid: p.valid, ...(p.redundancyLabels ? { redundancy_labels: p.redundancyLabels } : {}) })).join('\n') + '\n');
        writeFileSync(join(o.out, 'run.json'), JSON.stringify({ benchmark, scorerId: run.scorerId, stats: run.stats, failures: run.failures, issues: run.issues }, null, 2) + '\n');
        const metrics = {
          official: toScoreJson('official', scoreAll(items, preds, { mode: 'official', maxMissing: Number.MAX_SAFE_INTEGER })),
          strict: toScoreJson('strict', scoreAll(items, preds, { mode: 'strict' })),
        };
        writeFileSync(join(o.out, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
        process.stdout.write(JSON.stringify({ scorerId: run.scorerId, stats: run.stats, overall: { official: metrics.official.overall, strict: metrics.strict.overall } }) + '\n');
        if (run.failures.length > 0) process.stderr.write(`prm-bench: ${run.failures.length} items failed after retries (see ${join(o.out, 'run.json')}); run again to retry them\n`);
      } finally {
        process.off('SIGINT', stop);
        await cache.close?.();
      }
    });

  program
    .command('report')
    .description('render a report (Markdown, HTML with charts, CSV or JSON) for one or more prediction files')
    .requiredOption('--data <path>', 'benchmark directory or file')
    .requiredOption('--predictions <name=file...>', 'prediction files or `prm-bench run` output directories, optionally named: gpt4o=runs/gpt4o')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html', 'csv', 'json']).default('md'))
    .addOption(new Option('--benchmark <name>', 'benchmark format').choices(BENCHMARKS).default('auto'))
    .option('--out <file>', 'write here instead of stdout')
    .action(async (o: { data: string; predictions: string[]; format: 'md' | 'html' | 'csv' | 'json'; benchmark: BenchmarkName | 'auto'; out?: string }) => {
      const { items, benchmark } = await loadBenchmark(o.data, o.benchmark);
      const models = [];
      for (const spec of o.predictions) {
        const eq = spec.indexOf('=');
        const path = eq > 0 ? spec.slice(eq + 1) : spec;
        // A `prm-bench run` output directory: its predictions, plus latency and tokens from its cache.
        const isRunDir = existsSync(path) && statSync(path).isDirectory();
        const file = isRunDir ? join(path, 'predictions.jsonl') : path;
        const name = eq > 0 ? spec.slice(0, eq) : basename(isRunDir ? path : file).replace(/\.jsonl$/, '');
        const cacheFile = join(path, 'cache.jsonl');
        const usage =
          isRunDir && existsSync(cacheFile)
            ? readFileSync(cacheFile, 'utf8')
                .split('\n')
                .filter((l) => l.trim() !== '')
                .flatMap((l) => {
                  try {
                    const u = (JSON.parse(l) as { result?: { usage?: { latencyMs: number; promptTokens?: number; completionTokens?: number } } }).result?.usage;
                    return u ? [u] : [];
                  } catch {
                    return []; // a torn last line
                  }
                })
            : undefined;
        models.push({ name, predictions: await readPredictionsFile(file, items), ...(usage ? { usage } : {}) });
      }
      const report = buildReport(items, models, { benchmark });
      const text = { md: renderMarkdown, html: renderHtml, csv: renderCsv, json: renderJson }[o.format](report);
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    });
  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof InvalidArgumentError) {
      process.stderr.write(`prm-bench: error: ${error.message}\n`);
      return 2;
    }
    if (ReasonkitError.is(error)) {
      process.stderr.write(`prm-bench: error [${error.code}]: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`prm-bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
