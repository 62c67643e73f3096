// Zero-step mode selection on the testbed model: trains ProbeConf / ThinkSwitcher on a training
// seed, records traces for held-out problems over 5 seeds, and evaluates every selector plus the
// digit-count and carry-count baselines. Real ONNX Runtime sessions (onnxruntime-node, 1 thread).
//
//   npx tsx --conditions=@reasonkit/source bench/eval-testbed.ts [--variant default|graded] [--per-level 10] [--train-per-level 30]
import { writeFileAtomic } from '@reasonkit/core/node';
import { checkAnswer, countCarries, generateLevelProblems, MODEL_LEVELS, type Problem } from '@reasonkit/testbed';
import * as z from 'zod';
import {
  builtinSelectors,
  createRegistry,
  defineSelector,
  evaluateTraces,
  noCost,
  recordTraces,
  renderMarkdownReport,
  renderParetoSvg,
  trainProbe,
  type SelectionInput,
  type TraceRecord,
} from '../src/index.js';
import { haveTestbedModel, loadTestbedBackend, testbedInput } from '../src/test-utils/testbed.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const variant = arg('variant', 'default') as 'default' | 'graded';
const perLevel = Number(arg('per-level', '10'));
const trainPerLevel = Number(arg('train-per-level', '30'));
const seeds = arg('seeds', '1,2,3,4,5').split(',').map(Number);
const out = arg('out', `bench/results/testbed-${variant}`);
const MAX_THINK = 200;
const MAX_ANSWER = 12;

if (!haveTestbedModel(variant)) {
  console.error(`testbed model "${variant}" not found; skipping`);
  process.exit(0);
}
const backend = await loadTestbedBackend(variant);
const problemOf = new Map<string, Problem>();
const input = (p: Problem, tag: string): SelectionInput => {
  const i = testbedInput(p, `${tag}:${p.op}:${p.a}:${p.b}`);
  problemOf.set(i.id!, p);
  return i;
};
const grade = (i: SelectionInput, text: string) => checkAnswer(problemOf.get(i.id!)!, text);
const digits = (p: Problem) => Math.max(String(p.a).length, String(p.b).length);

// ---- training data (seed 1000): features for the probes, outcome rates for the count baselines
const t0 = performance.now();
const layer = backend.hiddenLayers[backend.hiddenLayers.length - 1]!;
const train = MODEL_LEVELS.flatMap((l) => generateLevelProblems(l, trainPerLevel, 1000)).map((p) => input(p, 'train'));
const trainRecords = await recordTraces(train, { backend, grade, dataset: 'train', maxThinkTokens: MAX_THINK, maxAnswerTokens: MAX_ANSWER });
const probeX: Float32Array[] = [];
const routerX: Float32Array[] = [];
for (const i of train) {
  backend.clearCache();
  routerX.push((await backend.hiddenState!(i.format.promptFor(i.question), layer)).vector);
  probeX.push((await backend.hiddenState!(i.format.promptFor(i.question) + i.fakeThought.body, layer)).vector);
}
const probe = trainProbe(probeX, trainRecords.map((r) => r.yNoThink), { seed: 1, epochs: 200 });
const router = trainProbe(routerX, trainRecords.map((r) => [r.yNoThink, r.yThink] as [number, number]), { kind: 'regressor2', seed: 1, epochs: 200 });
const rateBy = (key: (p: Problem) => number) => {
  const m = new Map<number, { n: number; ok: number }>();
  for (const [k, r] of trainRecords.entries()) {
    const c = m.get(key(problemOf.get(train[k]!.id!)!)) ?? { n: 0, ok: 0 };
    c.n++;
    c.ok += r.yNoThink;
    m.set(key(problemOf.get(train[k]!.id!)!), c);
  }
  return (p: Problem) => {
    const c = m.get(key(p));
    return c ? c.ok / c.n : 0;
  };
};
const countSelector = (id: string, key: (p: Problem) => number) => {
  const rate = rateBy(key);
  return defineSelector({
    id,
    name: id,
    status: 'reference',
    family: 'reference',
    source: 'issue 12 baseline (training-set NoThinking rate per value)',
    needs: [],
    config: z.object({}),
    create: (config) => ({ id, needs: [], config, score: async (i) => ({ pNoThink: rate(problemOf.get(i.id!)!), signals: {}, cost: noCost() }) }),
  });
};
const trainMs = performance.now() - t0;

// ---- selectors, configured for the testbed (no \boxed: trial answers follow the close tag)
const registry = createRegistry([...builtinSelectors, countSelector('digit-count', digits), countSelector('carry-count', countCarries)]);
const deps = { backend, verifier: backend };
const selectors = [
  registry.create('flashthink', {}, deps),
  registry.create('promptconf', {}, deps),
  registry.create('dynasor', { suffix: '', placement: 'after-close', answerEnd: 'line', probeTokens: 8 }, deps),
  registry.create('deer', { placement: 'after-close', stops: ['\n'] }, deps),
  registry.create('probeconf', {}, { ...deps, probe }),
  registry.create('entropy', { placement: 'after-close', stops: ['\n'] }, deps),
  registry.create('likelihood', { statistic: 'trial-ppl', placement: 'after-close', stops: ['\n'] }, deps),
  registry.create('thinkswitcher', {}, { ...deps, probe: router }),
  registry.create('switchcot', {}, deps),
  registry.create('digit-count', {}, {}),
  registry.create('carry-count', {}, {}),
];

// ---- held-out traces over 5 seeds
const records: TraceRecord[] = [];
for (const seed of seeds) {
  const inputs = MODEL_LEVELS.flatMap((l) => generateLevelProblems(l, perLevel, seed)).map((p) => input(p, `seed-${seed}`));
  records.push(...(await recordTraces(inputs, { backend, grade, selectors, dataset: `seed-${seed}`, model: `testbed-${variant}`, maxThinkTokens: MAX_THINK, maxAnswerTokens: MAX_ANSWER })));
  console.error(`seed ${seed}: ${records.length} records, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
const header = {
  type: 'header' as const,
  v: 1 as const,
  model: `testbed-${variant}`,
  format: 'testbed',
  fakeThought: selectors[0] ? { id: 'ma2025-finished', body: testbedInput(generateLevelProblems(MODEL_LEVELS[0]!, 1, 1)[0]!).fakeThought.body, close: '</think>\n\n' } : undefined,
  grader: 'testbed checkAnswer (exact)',
  sampling: { temperature: 0, maxThinkTokens: MAX_THINK, maxAnswerTokens: MAX_ANSWER, perLevel, trainPerLevel, seeds },
  selectors: Object.fromEntries(selectors.map((s) => [s.id, { ...s.config }])),
};
const evaluation = evaluateTraces(records, {}, header);
await writeFileAtomic(`${out}/traces.jsonl`, [JSON.stringify(header), ...records.map((r) => JSON.stringify(r))].join('\n') + '\n');
await writeFileAtomic(`${out}/report.json`, JSON.stringify({ ...evaluation, trainMs, probeTrainLoss: probe.finalLoss }, null, 2));
await writeFileAtomic(`${out}/report.md`, renderMarkdownReport(evaluation, `Zero-step mode selection on the testbed model (${variant})`));
await writeFileAtomic(`${out}/pareto.svg`, renderParetoSvg(evaluation));
await backend.lm.dispose();
console.log(renderMarkdownReport(evaluation, `Zero-step mode selection on the testbed model (${variant})`));
