// The `reasonkit-testbed` command line. Results go to stdout; progress and errors go to stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, CommanderError } from 'commander';
import { parseLlama2cTokenizer, ReasonkitError } from '@reasonkit/core';
import { buildTrainingCorpus } from '../corpus/training-corpus.js';
import { evaluateModel, formatTable, solveWithModel } from '../eval/evaluate.js';
import { promptFor } from '../tasks/format.js';
import { exactAnswer, problemText, type Problem } from '../tasks/problem.js';
import { assertValidProblem } from '../tasks/solution.js';
import { testbedModelDir } from '../node/model-dir.js';
import { buildSyntheticPrmSet, toJsonl } from '../prm/synthetic-prm.js';
import { findLevel, MODEL_LEVELS, type LevelSpec } from '../tasks/levels.js';
import { testbedVocab, writeLlama2cTokenizer } from '../vocab/testbed-vocab.js';

function intOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new ReasonkitError('INVALID_ARGUMENT', `expected an integer, got ${JSON.stringify(value)}`, { value });
  return n;
}

function parseProblem(text: string): Problem {
  const m = /^\s*(\d{1,5})\s*([-+*])\s*(\d{1,5})\s*$/.exec(text);
  if (!m) throw new ReasonkitError('INVALID_ARGUMENT', `--problem: expected a+b, a-b or a*b with at most 5 digits, got ${JSON.stringify(text)}`, { option: 'problem' });
  const op = m[2] === '+' ? 'add' : m[2] === '-' ? 'sub' : 'mul';
  const p: Problem = { op, a: Number(m[1]), b: Number(m[3]) };
  assertValidProblem(p);
  return p;
}

/** `--model` if given, else the committed model of `--variant` (default or graded). */
function modelDirOption(opts: { model?: string; variant: string }): string {
  if (opts.model) return opts.model;
  if (opts.variant !== 'default' && opts.variant !== 'graded') {
    throw new ReasonkitError('INVALID_ARGUMENT', `--variant: expected default or graded, got ${JSON.stringify(opts.variant)}`, { option: 'variant' });
  }
  return testbedModelDir(opts.variant);
}

function writeFile(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

export function buildProgram(): Command {
  const program = new Command('reasonkit-testbed')
    .description('reasonkit testbed: arithmetic tasks, a synthetic PRM set and a tiny reasoning model')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('tokenizer')
    .description('write the testbed vocabulary as a llama2.c tokenizer.bin')
    .requiredOption('--out <file>', 'output path')
    .action((opts: { out: string }) => {
      const pieces = testbedVocab();
      writeFile(opts.out, writeLlama2cTokenizer(pieces));
      process.stderr.write(`wrote ${pieces.length} pieces to ${opts.out}\n`);
    });

  program
    .command('corpus')
    .description('write a seeded training corpus (token ids) for tools/train.py')
    .requiredOption('--out <file>', 'output path')
    .option('--seed <n>', 'seed', intOption, 1)
    .option('--count <n>', 'sequences per mode', intOption, 100_000)
    .option('--ops <list>', 'operations, comma-separated (add,sub,mul)', 'add')
    .option('--nothink-max-digits <n>', 'widest operand of the NoThinking sequences', intOption, 5)
    .option('--nothink-wide-share <x>', 'share of NoThinking sequences drawn without the cap (0..1)', Number, 0)
    .action((opts: { out: string; seed: number; count: number; ops: string; nothinkMaxDigits: number; nothinkWideShare: number }) => {
      const ops = opts.ops.split(',').map((o) => o.trim());
      for (const o of ops) {
        if (o !== 'add' && o !== 'sub' && o !== 'mul') throw new ReasonkitError('INVALID_ARGUMENT', `--ops: unknown operation ${JSON.stringify(o)}`, { option: 'ops', value: o });
      }
      const pieces = testbedVocab();
      const tok = parseLlama2cTokenizer(writeLlama2cTokenizer(pieces), pieces.length, 'testbed vocabulary');
      writeFile(opts.out, buildTrainingCorpus(tok, { seed: opts.seed, count: opts.count, ops: ops as ('add' | 'sub' | 'mul')[], noThinkingMaxDigits: opts.nothinkMaxDigits, noThinkingWideShare: opts.nothinkWideShare }));
      process.stderr.write(`wrote ${2 * opts.count} sequences to ${opts.out}\n`);
    });

  program
    .command('eval')
    .description("evaluate a model directory (default: the committed testbed model) through core's ONNX path on fresh problems")
    .option('--problems <n>', 'problems per level', intOption, 1000)
    .option('--seed <n>', 'seed of the held-out problems', intOption, 2024)
    .option('--model <dir>', 'model directory (default: the committed model of --variant)')
    .option('--variant <name>', 'committed model: default or graded', 'default')
    .option('--levels <list>', 'level ids or numbers, comma-separated (default: the model levels, add-1…add-5)')
    .option('--runtime <name>', 'node or web', 'node')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { problems: number; seed: number; model?: string; variant: string; levels?: string; runtime: string; json?: boolean }) => {
      const modelDir = modelDirOption(opts);
      const levels: LevelSpec[] = opts.levels
        ? opts.levels.split(',').map((k) => {
            const key = /^\d+$/.test(k.trim()) ? Number(k.trim()) : k.trim();
            const level = findLevel(key);
            if (!level) throw new ReasonkitError('INVALID_ARGUMENT', `--levels: unknown level ${JSON.stringify(k)}`, { option: 'levels', value: k });
            return level;
          })
        : [...MODEL_LEVELS];
      if (opts.runtime !== 'node' && opts.runtime !== 'web') {
        throw new ReasonkitError('INVALID_ARGUMENT', `--runtime: expected node or web, got ${JSON.stringify(opts.runtime)}`, { option: 'runtime' });
      }
      const { loadModelDir } = await import('@reasonkit/core/node');
      const { lm, tokenizer } = await loadModelDir(modelDir, { runtime: opts.runtime, threads: 1 });
      const started = Date.now();
      try {
        const rows = await evaluateModel(lm, tokenizer, {
          problems: opts.problems,
          seed: opts.seed,
          levels,
          onProgress: ({ level, done, total }) => {
            if (done === total || done % 100 === 0) process.stderr.write(`level ${level}: ${done}/${total}\n`);
          },
        });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ levels: rows, problems: opts.problems, seed: opts.seed, model: modelDir, variant: opts.variant, seconds: Math.round((Date.now() - started) / 1000) })}\n`);
        } else {
          process.stdout.write(`${formatTable(rows)}\n`);
        }
      } finally {
        await lm.dispose();
      }
    });

  program
    .command('demo')
    .description('solve a few problems with the committed model, with and without thinking (offline)')
    .option('--model <dir>', 'model directory (default: the committed model of --variant)')
    .option('--variant <name>', 'committed model: default or graded', 'default')
    .option('--problem <text>', 'a problem such as 347+85 (a, b ≤ 99999; - needs a ≥ b; * needs a digit)')
    .action(async (opts: { model?: string; variant: string; problem?: string }) => {
      const modelDir = modelDirOption(opts);
      const problems = opts.problem ? [parseProblem(opts.problem)] : [{ op: 'add' as const, a: 7, b: 5 }, { op: 'add' as const, a: 347, b: 85 }, { op: 'add' as const, a: 48195, b: 73928 }];
      const { loadModelDir } = await import('@reasonkit/core/node');
      const { lm, tokenizer } = await loadModelDir(modelDir, { runtime: 'node', threads: 1 });
      try {
        for (const p of problems) {
          for (const mode of ['thinking', 'no-thinking'] as const) {
            const r = await solveWithModel(lm, tokenizer, p, mode, { maxNewTokens: mode === 'thinking' ? 200 : 12 });
            process.stdout.write(`--- ${problemText(p)} (${mode}, ${r.tokens} tokens, ${r.correct ? 'correct' : `wrong, expected ${exactAnswer(p)}`})\n`);
            process.stdout.write(`${promptFor(p, mode)}${r.text}\n`);
          }
        }
      } finally {
        await lm.dispose();
      }
    });

  program
    .command('prm')
    .description('write the synthetic PRM set (PRMBench record format, JSONL)')
    .requiredOption('--out <file>', 'output path')
    .option('--seed <n>', 'seed', intOption, 1)
    .option('--count <n>', 'records', intOption, 1000)
    .action((opts: { out: string; seed: number; count: number }) => {
      const items = buildSyntheticPrmSet({ seed: opts.seed, count: opts.count });
      writeFile(opts.out, toJsonl(items.map((i) => i.record)));
      process.stderr.write(`wrote ${items.length} records to ${opts.out}\n`);
    });

  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (ReasonkitError.is(error)) {
      process.stderr.write(`reasonkit-testbed: error [${error.code}]: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`reasonkit-testbed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
