import { readFileSync } from 'node:fs';
import { ReasonkitError } from '@reasonkit/core';
import { Command } from 'commander';
import { fromKnowMri, KNOW_MRI_METHODS } from './importers/from-know-mri.js';
import type { ProbeModel } from './model/probe-model.js';
import { loadLlama2cProbeModel, loadProbeModelDir } from './node/load-probe-model.js';
import { writeReport } from './node/write-report.js';
import { createDefaultRegistry } from './registry/default-registry.js';
import { sampleKeys } from './registry/planner.js';
import type { ProbeResult } from './result/probe-result.js';

function fail(error: unknown): never {
  const e = error as Error;
  const code = ReasonkitError.is(error) ? ` [${error.code}]` : '';
  process.stderr.write(`knowledge-probe: error${code}: ${e.message}\n`);
  process.exit(2);
}

interface ModelFlags {
  model?: string;
  checkpoint?: string;
  tokenizer?: string;
  runtime: 'node' | 'web';
  threads: string;
}

async function openModel(o: ModelFlags): Promise<ProbeModel> {
  const opts = { runtime: o.runtime, threads: Number(o.threads) };
  if (o.model) return loadProbeModelDir(o.model, opts);
  if (o.checkpoint && o.tokenizer) return loadLlama2cProbeModel(o.checkpoint, o.tokenizer, opts);
  throw new ReasonkitError('INVALID_ARGUMENT', 'give --model <dir>, or --checkpoint <model.bin> and --tokenizer <tok.bin>', { field: '--model' });
}

function sampleFrom(o: { prompt?: string; promptFile?: string; subject?: string; groundTruth?: string; relation?: string; object?: string }): Record<string, unknown> {
  if (o.promptFile !== undefined) {
    try {
      o = { ...o, prompt: readFileSync(o.promptFile, 'utf8') };
    } catch (cause) {
      throw new ReasonkitError('FILE_NOT_FOUND', `--prompt-file: cannot read ${o.promptFile}: ${(cause as Error).message}`, { file: o.promptFile, field: '--prompt-file' });
    }
  }
  if (o.prompt === undefined) throw new ReasonkitError('INVALID_ARGUMENT', '--prompt is required', { field: '--prompt' });
  return {
    prompt: o.prompt,
    prompts: [o.prompt],
    ...(o.subject !== undefined ? { triple_subject: o.subject } : {}),
    ...(o.groundTruth !== undefined ? { ground_truth: o.groundTruth } : {}),
    ...(o.relation !== undefined ? { triple_relation: o.relation } : {}),
    ...(o.object !== undefined ? { triple_object: o.object } : {}),
  };
}

const modelOptions = (c: Command): Command =>
  c
    .option('--model <dir>', 'model directory (config.json, tokenizer.json, onnx/model.onnx), e.g. from `reasonkit convert --hidden-states --queries`')
    .option('--checkpoint <file>', 'llama2.c checkpoint (instead of --model)')
    .option('--tokenizer <file>', 'llama2.c tokenizer (with --checkpoint)')
    .option('--runtime <name>', 'onnxruntime flavour: node or web', 'node')
    .option('--threads <n>', 'intra-op threads', '1')
    .option('--prompt <text>', 'the prompt')
    .option('--prompt-file <file>', 'read the prompt from a file (exact bytes, trailing newlines kept)')
    .option('--subject <text>', 'triple_subject (CausalTracing)')
    .option('--ground-truth <text>', 'ground_truth (Self-explanation)')
    .option('--relation <text>', 'triple_relation')
    .option('--object <text>', 'triple_object');

const program = new Command();
program.name('knowledge-probe').description('Know-MRI interpretation methods on ONNX models (@reasonkit/knowledge-probe)');

modelOptions(program.command('run'))
  .description('Run methods on a model and a prompt; writes results.json, report.html and SVG charts to --out')
  .option('--method <name...>', `methods (default: every offered one): ${['Logit Lens', 'Attention Weights', 'EmbeddingProjection', 'CausalTracing', 'Patchscopes'].join(', ')}`)
  .option('--params <json>', 'parameters as JSON, keyed by method name: {"CausalTracing": {"samples": 10}}', '{}')
  .option('--out <dir>', 'output directory', 'knowledge-probe-report')
  .option('--json', 'print the results as JSON on stdout', false)
  .action(async (o: ModelFlags & { prompt?: string; subject?: string; groundTruth?: string; method?: string[]; params: string; out: string; json: boolean }) => {
    let model: ProbeModel | undefined;
    try {
      const sample = sampleFrom(o);
      let params: Record<string, Record<string, unknown>>;
      try {
        params = JSON.parse(o.params) as Record<string, Record<string, unknown>>;
      } catch (cause) {
        throw new ReasonkitError('INVALID_ARGUMENT', `--params is not JSON: ${(cause as Error).message}`, { field: '--params' });
      }
      model = await openModel(o);
      const registry = createDefaultRegistry();
      const offered = registry.offered({ keys: sampleKeys(sample), model });
      const names = o.method ?? offered.filter((x) => !x.missing).map((x) => x.method);
      const results: ProbeResult[] = [];
      for (const name of names) {
        process.stderr.write(`knowledge-probe: ${name} …\n`);
        results.push(await registry.run(name as never, sample as never, model, (params[name] ?? {}) as never, { onProgress: (d, t) => process.stderr.write(`\r  ${d}/${t} cells`) }));
        if (name === 'CausalTracing') process.stderr.write('\n');
      }
      const files = await writeReport(o.out, results, { title: `Knowledge probe: ${model.id}` });
      if (o.json) process.stdout.write(`${JSON.stringify(results)}\n`);
      else process.stdout.write(`${results.map((r) => `${r.method}: ${r.summary ?? `${r.tables.length} tables, ${r.charts.length} charts`}`).join('\n')}\nwrote ${files.length} files to ${o.out} (open ${o.out}/report.html)\n`);
    } catch (e) {
      await model?.dispose();
      fail(e);
    }
    await model.dispose();
  });

modelOptions(program.command('methods'))
  .description('List the methods offered for a model and a sample, cheapest first')
  .action(async (o: ModelFlags & { prompt?: string }) => {
    try {
      const model = await openModel(o);
      const sample = sampleFrom({ prompt: o.prompt ?? 'x', ...o });
      for (const m of createDefaultRegistry().offered({ keys: sampleKeys(sample), model })) {
        process.stdout.write(`${m.method}\t${m.cost}s${m.missing ? `\tmissing: ${m.missing.join(', ')}` : ''}\n`);
      }
      await model.dispose();
    } catch (e) {
      fail(e);
    }
  });

program
  .command('import')
  .description(`Import a Know-MRI result JSON and render it (methods: ${KNOW_MRI_METHODS.join(', ')})`)
  .requiredOption('--method <name>', 'Know-MRI method name')
  .requiredOption('--input <file>', 'Know-MRI result JSON')
  .option('--out <dir>', 'output directory', 'knowledge-probe-report')
  .action(async (o: { method: string; input: string; out: string }) => {
    try {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(o.input, 'utf8'));
      } catch (cause) {
        throw new ReasonkitError('INVALID_ARGUMENT', `${o.input}: cannot read JSON: ${(cause as Error).message}`, { file: o.input });
      }
      const r = fromKnowMri(json, o.method);
      for (const w of r.warnings) process.stderr.write(`knowledge-probe: warning: ${w}\n`);
      const files = await writeReport(o.out, [r]);
      process.stdout.write(`wrote ${files.length} files to ${o.out}\n`);
    } catch (e) {
      fail(e);
    }
  });

await program.parseAsync();
