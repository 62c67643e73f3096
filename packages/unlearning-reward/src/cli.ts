import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { easyR1Json, trlJsonl, verlParquet } from './export/index.js';
import { detectorQuality } from './node/detector-quality.js';
import { startRewardServer } from './node/reward-server.js';
import { RULE_PRESET_NAMES, type RulePresetName } from './reward/preset-specs.js';
import { filterItems } from './synth/filters.js';
import { fromRuleJson, fromRuleSource } from './synth/from-rule-json.js';

function fail(message: string, code = 2): never {
  process.stderr.write(`unlearning-reward: ${message}\n`);
  process.exit(code);
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    fail(`cannot read ${what} file '${path}': ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`${what} file '${path}' is not valid JSON: ${(e as Error).message}`);
  }
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

const defaultData = () => {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '../../../../shared/data/rule-rwku/1_Stephen_King');
};

const program = new Command();
program.name('unlearning-reward').description('RULE unlearning rewards, refusal detectors and exporters from @reasonkit/unlearning-reward');

program
  .command('serve')
  .description('Start the HTTP reward server (POST /v1/score, POST /v1/verl, GET /health) for Python trainers')
  .option('--port <n>', 'port', '8765')
  .option('--host <host>', 'host', '127.0.0.1')
  .option('--preset <name>', `default preset: ${[...RULE_PRESET_NAMES, 'recommended'].join(', ')}`, 'forgetTwoStageAbsTarget')
  .option('--detector <name>', 'default detector: rule-parity, rule-strict, rule-extended (default: the preset\'s own)')
  .action(async (o: { port: string; host: string; preset: string; detector?: string }) => {
    if (![...RULE_PRESET_NAMES, 'recommended'].includes(o.preset)) fail(`--preset: unknown preset '${o.preset}'`);
    if (o.detector && !['rule-parity', 'rule-strict', 'rule-extended'].includes(o.detector)) fail(`--detector: unknown detector '${o.detector}'`);
    const port = Number(o.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: not a port number: '${o.port}'`);
    const srv = await startRewardServer({ port, host: o.host, preset: o.preset as RulePresetName, detector: o.detector as 'rule-parity' | undefined });
    process.stdout.write(`unlearning-reward: serving on ${srv.url}\n`);
    const stop = () => void srv.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program
  .command('detector-quality')
  .description('Recall on refusal templates and false positives on long helpful passages / gold boundary answers, per regex detector')
  .option('--data <dir>', 'RULE target folder (idk_target.json, passage.json, rl_rejection_with_fb_neighbor_target.json)')
  .option('--json', 'print JSON')
  .action((o: { data?: string; json?: boolean }) => {
    const dir = o.data ?? defaultData();
    if (!existsSync(dir)) fail(`data folder '${dir}' not found (pass --data <RULE target folder>)`);
    const rows = detectorQuality(dir);
    if (o.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    process.stdout.write(`data: ${dir}\n`);
    process.stdout.write('detector       template recall   FP long passages    FP gold boundary answers\n');
    for (const r of rows)
      process.stdout.write(
        `${r.detector.padEnd(14)} ${pct(r.templateRecall).padStart(6)} (${r.templatesMissed.length} missed)   ${pct(r.passageFpRate).padStart(5)} (${r.passageFlags}/${r.passages})     ${r.boundaryGoldFlags}/${r.boundaryGolds}\n`,
      );
  });

program
  .command('export')
  .description('Convert a RULE RL/eval JSON file to verl parquet, TRL JSONL or EasyR1 JSON')
  .requiredOption('--input <file>', 'RULE JSON array of {prompt, solution}')
  .requiredOption('--format <fmt>', 'verl | trl | easyr1')
  .requiredOption('--out <file>', 'output file (written atomically)')
  .option('--kind <kind>', 'train | eval (eval: solution[1] of reject rows is the gold answer)', 'train')
  .option('--benchmark <name>', 'benchmark name in data_source', 'rwku')
  .option('--split <name>', 'split name in extra_info', 'train')
  .option('--target <name>', 'target name in data_source of answer rows (default: the target of the file\'s refuse rows)')
  .action((o: { input: string; format: string; out: string; kind: string; benchmark: string; split: string; target?: string }) => {
    if (!['verl', 'trl', 'easyr1'].includes(o.format)) fail(`--format: expected verl, trl or easyr1, got '${o.format}'`);
    if (!['train', 'eval'].includes(o.kind)) fail(`--kind: expected train or eval, got '${o.kind}'`);
    let rows;
    try {
      rows = fromRuleJson(readJson(o.input, 'input'), { file: o.input, kind: o.kind as 'train' | 'eval' });
    } catch (e) {
      fail((e as Error).message);
    }
    const target = o.target ?? rows.find((r) => r.label === 'refuse')?.target;
    if (o.format === 'verl') writeAtomic(o.out, new Uint8Array(verlParquet(rows, { benchmark: o.benchmark, split: o.split, target })));
    else if (o.format === 'trl') writeAtomic(o.out, trlJsonl(rows));
    else writeAtomic(o.out, JSON.stringify(easyR1Json(rows), null, 2) + '\n');
    process.stdout.write(`wrote ${rows.length} rows to ${o.out}\n`);
  });

program
  .command('filter')
  .description('Run the boundary-query filters on a RULE source file (reject_with_fb_neighbor_target.json) and print the report')
  .requiredOption('--source <file>', 'RULE source JSON')
  .action(async (o: { source: string }) => {
    let items;
    try {
      items = fromRuleSource(readJson(o.source, 'source'), { file: o.source });
    } catch (e) {
      fail((e as Error).message);
    }
    const { report } = await filterItems(items);
    const { droppedItems: _d, ...summary } = report;
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  });

program.parseAsync().catch((e: unknown) => fail((e as Error).message, 1));
