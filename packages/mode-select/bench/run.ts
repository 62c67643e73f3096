// Benchmarks (npm run bench): zero-step overhead per selector relative to a NoThinking
// generation on the testbed model, harness speed on 10k records × 9 selectors, probe predict at
// d = 3584. Timings are medians over interleaved repetitions in one process.
import { mulberry32 } from '@reasonkit/core';
import { writeFileAtomic } from '@reasonkit/core/node';
import { generateLevelProblems, MODEL_LEVELS } from '@reasonkit/testbed';
import {
  builtinSelectors,
  createRegistry,
  evaluateTraces,
  noThinkingPromptFor,
  parseTraceRecord,
  probeFromJSON,
  trainProbe,
  type ProbeModel,
  type TraceRecord,
} from '../src/index.js';
import { haveTestbedModel, loadTestbedBackend, testbedInput } from '../src/test-utils/testbed.js';

// `npm run bench -- harness` runs only the named sections (overhead, harness, probe).
const only = new Set(process.argv.slice(2));
const wanted = (section: string) => only.size === 0 || only.has(section);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const lines: string[] = [];
const result: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, note: '2-core machine shared with other jobs; numbers are noisy' };

// ---- 1. zero-step overhead on the testbed model
const variant = haveTestbedModel('graded') ? 'graded' : 'default';
if (!wanted('overhead')) lines.push('zero-step overhead: not selected');
else if (haveTestbedModel(variant)) {
  const backend = await loadTestbedBackend(variant);
  const layer = backend.hiddenLayers.at(-1)!;
  const width = backend.lm.config.hiddenSize;
  const rand = mulberry32(1);
  const xs = Array.from({ length: 32 }, () => Float32Array.from({ length: width }, () => rand() - 0.5));
  const probe = trainProbe(xs, xs.map((_, i) => i % 2), { epochs: 5 });
  const router2 = trainProbe(xs, xs.map((_, i) => [i % 2, 1] as [number, number]), { kind: 'regressor2', epochs: 5 });
  const registry = createRegistry(builtinSelectors);
  const deps = { backend, verifier: backend };
  const configs: Record<string, unknown> = {
    deer: { placement: 'after-close', stops: ['\n'] },
    entropy: { placement: 'after-close', stops: ['\n'] },
    likelihood: { statistic: 'trial-ppl', placement: 'after-close', stops: ['\n'] },
    dynasor: { suffix: '', placement: 'after-close', answerEnd: 'line', probeTokens: 8 },
  };
  const ids = ['flashthink', 'promptconf', 'dynasor', 'deer', 'probeconf', 'entropy', 'likelihood', 'thinkswitcher', 'switchcot'];
  const selectors = ids.map((id) => registry.create(id, configs[id] ?? {}, { ...deps, probe: id === 'thinkswitcher' ? router2 : probe }));
  const inputs = MODEL_LEVELS.flatMap((l) => generateLevelProblems(l, 2, 77)).map((p) => testbedInput(p));
  const rows = new Map<string, { ms: number[]; extraPrefill: number[]; decode: number[] }>();
  const nothinkMs: number[] = [];
  const nothinkTokens: number[] = [];
  for (let rep = 0; rep < 2; rep++) {
    for (const input of inputs) {
      const prompt = noThinkingPromptFor(input.format, input.question, input.fakeThought);
      const promptTokens = backend.encode(prompt).length;
      backend.clearCache();
      const t = performance.now();
      const c = await backend.continue({ prompt, maxTokens: 12 });
      nothinkMs.push(performance.now() - t);
      nothinkTokens.push(c.decodeTokens);
      for (const s of selectors) {
        backend.clearCache();
        const r = await s.score(input);
        const row = rows.get(s.id) ?? { ms: [], extraPrefill: [], decode: [] };
        row.ms.push(r.cost.ms);
        row.extraPrefill.push(Math.max(0, r.cost.prefillTokens - promptTokens));
        row.decode.push(r.cost.decodeTokens);
        rows.set(s.id, row);
      }
    }
  }
  const base = median(nothinkMs);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const table = [...rows.entries()].map(([id, r]) => ({ id, extraPrefillTokens: mean(r.extraPrefill), decodeTokens: mean(r.decode), ms: median(r.ms), relative: median(r.ms) / base }));
  // probe forward alone (ProbeConf's cost beyond the shared prefill)
  const v = (await backend.hiddenState!(inputs[0]!.format.promptFor(inputs[0]!.question), layer)).vector;
  result.zeroStep = { model: `testbed-${variant}`, questions: inputs.length, repetitions: 2, nothink: { ms: base, decodeTokens: mean(nothinkTokens) }, selectors: table };
  lines.push(`### Zero-step overhead per question (testbed-${variant}, ${inputs.length} questions × 2, median ms)`, '', `NoThinking generation: ${base.toFixed(1)} ms, ${mean(nothinkTokens).toFixed(1)} decoded tokens.`, '');
  lines.push('| selector | extra prefill tokens | decode tokens | ms | × NoThinking time |', '|---|---|---|---|---|');
  for (const r of table) lines.push(`| ${r.id} | ${r.extraPrefillTokens.toFixed(1)} | ${r.decodeTokens.toFixed(1)} | ${r.ms.toFixed(1)} | ${r.relative.toFixed(2)} |`);
  void v;
  await backend.lm.dispose();
} else lines.push('testbed model not found: zero-step overhead skipped');

// ---- 2. harness speed: 10k records × 9 selectors
if (wanted('harness')) {
  const rand = mulberry32(2);
  const ids = ['flashthink', 'promptconf', 'dynasor', 'deer', 'probeconf', 'entropy', 'likelihood', 'thinkswitcher', 'switchcot'];
  const records: TraceRecord[] = Array.from({ length: 10_000 }, (_, i) =>
    parseTraceRecord({
      v: 1,
      id: `q${i}`,
      dataset: `d${i % 5}`,
      yNoThink: rand() < 0.5 ? 1 : 0,
      yThink: rand() < 0.9 ? 1 : 0,
      lenNoThink: Math.floor(rand() * 300),
      lenThink: 500 + Math.floor(rand() * 3000),
      restarted: rand() < 0.1 ? 1 : 0,
      scores: Object.fromEntries(ids.map((id) => [id, { pNoThink: Math.round(rand() * 1000) / 1000, overheadTokens: 20 }])),
    }),
  );
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    evaluateTraces(records);
    times.push(performance.now() - t);
  }
  result.harness = { records: records.length, selectors: ids.length, ms: median(times), minMs: Math.min(...times), runsMs: times };
  lines.push('', `### Harness: 10,000 records × 9 selectors, all metrics + Pareto fronts: ${median(times).toFixed(0)} ms (median of 5, min ${Math.min(...times).toFixed(0)} ms)`);
}

// ---- 3. probe predict at d = 3584 (7B hidden size)
if (wanted('probe')) {
  const d = 3584;
  const rand = mulberry32(3);
  const xs = Array.from({ length: 64 }, () => Float32Array.from({ length: d }, () => rand() - 0.5));
  const logistic = trainProbe(xs, xs.map((_, i) => i % 2), { epochs: 1 });
  const mlp = probeFromJSON(trainProbe(xs, xs.map((_, i) => i % 2), { kind: 'mlp', hidden: 32, epochs: 1 }).toJSON());
  const per = (p: ProbeModel) => {
    const n = 2000;
    const t = performance.now();
    for (let i = 0; i < n; i++) p.predict(xs[i % xs.length]!);
    return ((performance.now() - t) / n) * 1000;
  };
  const us = { logistic: per(logistic), mlp32: per(mlp) };
  result.probePredict = { d, microseconds: us };
  lines.push('', `### Probe predict at d = 3584: logistic ${us.logistic.toFixed(1)} µs, MLP (h = 32) ${us.mlp32.toFixed(1)} µs per call`);
}

const outName = only.size === 0 ? 'bench.json' : `bench-${[...only].sort().join('-')}.json`;
await writeFileAtomic(`bench/results/${outName}`, JSON.stringify(result, null, 2));
console.log(lines.join('\n'));
