// `npm run demo`: reasonkit's packages wired together on the project's own tiny reasoning model,
// offline. See README.md. Options: --per-level N (default 4), --out FILE (default out/demo/report.html
// at the repository root), --seed N.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestbed } from './src/load-testbed.js';
import { runDemo } from './src/pipeline.js';
import { renderHtmlReport, summaryTable } from './src/report.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
};
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const perLevel = Number(arg('per-level', process.env.DEMO_PROBLEMS ?? '4'));
const seed = Number(arg('seed', '1'));
const out = resolve(arg('out', resolve(root, 'out/demo/report.html')));
if (!Number.isInteger(perLevel) || perLevel < 1) throw new Error(`--per-level must be a positive integer (got ${arg('per-level', '')})`);

const { lm, tokenizer } = await loadTestbed();
const started = performance.now();
try {
  console.log(`reasonkit demo: testbed model, ${perLevel} problems per level (1–5 digit additions), seed ${seed}`);
  const tty = process.stderr.isTTY;
  let last = '';
  const result = await runDemo(lm, tokenizer, {
    perLevel,
    seed,
    onProgress: ({ phase, done, total }) => {
      const line = `  ${phase.padEnd(14)} ${done}/${total}`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (done === total || phase !== last) process.stderr.write(`${line}\n`);
      if (tty && done === total) process.stderr.write('\n');
      last = phase;
    },
  });
  console.log(`\nProbeConf probe training accuracy: ${(100 * result.probeTrainAccuracy).toFixed(0)}%\n`);
  console.log(summaryTable(result));
  const think = result.summaries.find((s) => s.system === 'always-think')!;
  const routed = result.summaries.find((s) => s.system === 'routed')!;
  console.log(`\nRouted vs always-think: ${routed.tokens} vs ${think.tokens} tokens (${((100 * routed.tokens) / think.tokens).toFixed(0)}%), accuracy ${(100 * routed.accuracy).toFixed(0)}% vs ${(100 * think.accuracy).toFixed(0)}%.`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderHtmlReport(result));
  console.log(`Report: ${out} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
} finally {
  await lm.dispose();
}
