/**
 * Benchmarks (spec §14, issue acceptance 6). Run: `npm run bench -w @reasonkit/unlearning-reward`.
 * Report-only (no gate): prints a table and writes results.json to the git-ignored bench/results/
 * (`-- --write` refreshes the committed bench/results.json). Each measurement is interleaved with a
 * fixed baseline workload (sorting 20,000 doubles) in the same process, so numbers taken on a loaded machine can
 * be compared as ratios.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '@reasonkit/core';
import { verlParquet } from '../src/export/verl-parquet.js';
import { rolloutsJsonl } from '../src/export/rollouts.js';
import { previousRolloutsJsonlStream } from '../src/__fixtures__/previous-rollouts-jsonl.js';
import { classifierDetector } from '../src/refusal/classifier-detector.js';
import { onnxSequenceClassifier } from '../src/refusal/onnx-classifier.js';
import { regexDetector } from '../src/refusal/regex-detector.js';
import { RULE_PRESET_NAMES } from '../src/reward/preset-specs.js';
import { recommendedReward, rulePreset } from '../src/reward/presets.js';
import type { RewardRow, RuleSolutionRow, ScoredRollout } from '../src/schemas/index.js';
import { ks2samp } from '../src/stats/ks2samp.js';
import { synthesizeBoundary } from '../src/synth/pipeline.js';
import { scriptedSynthModel } from '../src/testing/scripted-synth-model.js';
import type { SynthItem } from '../src/synth/synth-item.js';
import { rougeLPltrdy } from '../src/text/rouge-pltrdy.js';

const here = dirname(fileURLToPath(import.meta.url));
const rand = mulberry32(42);
const WORDS = 'the novel was published in and his first book about a writer who lives town story horror film adapted career years later wrote many short stories including one famous series of books Carrie Maine Bangor readers critics praised'.split(' ');
const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]!).join(' ');
const sentences = (n: number) => Array.from({ length: n }, () => `${words(12)}.`).join(' ');

const baselineData = Array.from({ length: 20_000 }, () => rand());
const baseline = () => [...baselineData].sort((a, b) => a - b);

function time(fn: () => unknown, reps: number): number {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}

/** Median ms per call over `rounds`, interleaved with the baseline; returns also median baseline ms. */
function measure(fn: () => unknown, o: { reps?: number; rounds?: number } = {}): { ms: number; baselineMs: number } {
  const reps = o.reps ?? 10;
  const rounds = o.rounds ?? 7;
  fn();
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(time(fn, reps));
    b.push(time(baseline, 3));
  }
  const med = (xs: number[]) => xs.sort((p, q) => p - q)[xs.length >> 1]!;
  return { ms: med(a), baselineMs: med(b) };
}

const results: Record<string, unknown>[] = [];
const row = (id: string, what: string, value: string, target: string, m?: { ms: number; baselineMs: number }, extra: Record<string, unknown> = {}) => {
  results.push({ id, what, value, target, ...(m ? { ms: m.ms, baselineMs: m.baselineMs, ratioToBaseline: m.ms / m.baselineMs } : {}), ...extra });
  console.log(`${id.padEnd(4)} ${what.padEnd(62)} ${value.padEnd(22)} target ${target}${m ? `   (baseline sort ${m.baselineMs.toFixed(2)} ms)` : ''}`);
};

const parity = regexDetector({ preset: 'rule-parity', maxChars: 1 << 20 });
const parityCapped = regexDetector({ preset: 'rule-parity' });
const strictCapped = regexDetector({ preset: 'rule-strict' });

// B1
const nonMatch = sentences(40).slice(0, 3700);
if (parity.detect(nonMatch).isRefusal) throw new Error('B1 text matched');
const b1 = measure(() => parity.detect(nonMatch), { reps: 2000 });
row('B1', 'parity regex, 3.7k-char non-match', `${(b1.ms * 1000).toFixed(1)} µs`, '≤ 50 µs', b1);

// B2 and worst case (acceptance 6)
const adv1k = 'not '.repeat(1000);
const b2 = measure(() => parity.detect(adv1k), { reps: 5 });
row('B2', 'parity regex, "not "×1,000 (4k chars, adversarial)', `${b2.ms.toFixed(2)} ms`, '≤ 10 ms', b2);
for (const n of [2000, 4000, 16000]) {
  const adv = 'not '.repeat(n);
  const m = measure(() => parityCapped.detect(adv), { reps: 2, rounds: 3 });
  const s = measure(() => strictCapped.detect(adv), { reps: 2, rounds: 3 });
  row('B2', `worst case "not "×${n} (${4 * n} chars), 8,192-char cap: parity`, `${m.ms.toFixed(2)} ms`, 'bounded by cap', m);
  row('B2', `worst case "not "×${n}, 8,192-char cap: strict`, `${s.ms.toFixed(2)} ms`, 'bounded by cap', s);
}
const uncapped = measure(() => parity.detect('not '.repeat(4000)), { reps: 1, rounds: 3 });
row('B2', 'uncapped parity "not "×4,000 (16k chars), for contrast', `${uncapped.ms.toFixed(1)} ms`, '(quadratic)', uncapped);

// B3: 256 rollouts, median ~450 chars
const REJ: RuleSolutionRow = { prompt: 'q', solution: ['<reject>', "I'm not certain about Stephen King.", 'Stephen King'] };
const mkNormal = (): RuleSolutionRow => ({ prompt: 'q', solution: ['<normal>', words(6)] });
const completion = (chars: number, refuse: boolean) => {
  const body = sentences(Math.ceil(chars / 80)).slice(0, chars);
  return refuse ? `I'm not certain about Stephen King. ${body}` : body;
};
const rows256 = Array.from({ length: 256 }, (_, i) => (i % 2 ? REJ : mkNormal()));
const comps256 = rows256.map((r, i) => completion(300 + Math.floor(rand() * 300), r.solution[0] === '<reject>' && i % 4 === 1));
const target = rulePreset('forgetTwoStageAbsTarget');
const b3 = measure(() => rows256.forEach((r, i) => target.scoreSync!(r, comps256[i]!)), { reps: 3 });
row('B3', 'forgetTwoStageAbsTarget, 256 rollouts (~450 chars)', `${b3.ms.toFixed(2)} ms`, '≤ 20 ms', b3);

// Acceptance 6: rewards/s per preset on 10,000 responses of ~512 tokens (~2,300 chars of English)
const rows10k = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? REJ : mkNormal()));
const comps10k = rows10k.map((r, i) => completion(2300, r.solution[0] === '<reject>' && i % 4 === 1));
for (const p of [...RULE_PRESET_NAMES, 'recommended'] as const) {
  const fn = p === 'recommended' ? recommendedReward() : rulePreset(p);
  const m = measure(() => rows10k.forEach((r, i) => fn.scoreSync!(r, comps10k[i]!)), { reps: 1, rounds: 3 });
  row('A6', `${p}: 10,000 responses of ~512 tokens`, `${Math.round(10_000 / (m.ms / 1000)).toLocaleString('en')} rewards/s`, 'reported', m);
}

// B4
const hyp = sentences(17).split(' ').slice(0, 200).join(' ');
const ref = words(40);
const b4 = measure(() => rougeLPltrdy(hyp, ref), { reps: 500 });
row('B4', 'pltrdy ROUGE-L, 200-word hyp vs 40-word ref', `${(b4.ms * 1000).toFixed(1)} µs`, '≤ 200 µs', b4);

// B8
const xs = Array.from({ length: 400 }, () => rand());
const ys = Array.from({ length: 400 }, () => rand() ** 1.2);
const b8 = measure(() => ks2samp(xs, ys, { method: 'exact' }), { reps: 20 });
row('B8', 'ks2samp exact, 400 vs 400', `${b8.ms.toFixed(3)} ms`, '≤ 50 ms', b8);
const xs2 = Array.from({ length: 399 }, () => rand());
const b8b = measure(() => ks2samp(xs2, ys, { method: 'exact' }), { reps: 3 });
row('B8', 'ks2samp exact, 399 vs 400 (lattice path DP)', `${b8b.ms.toFixed(2)} ms`, '(ours)', b8b);

// B6: synthesis of 300 items with a scripted model (model latency is ~0)
const scripted = scriptedSynthModel({ target: 'Stephen King', neighbors: ['Agatha Christie', 'Ernest Hemingway'] });
let modelMs = 0;
const model = {
  id: scripted.id,
  capabilities: scripted.capabilities,
  async generate(req: Parameters<typeof scripted.generate>[0]) {
    const t = performance.now();
    try {
      return await scripted.generate(req);
    } finally {
      modelMs += performance.now() - t;
    }
  },
};
const forget: SynthItem[] = Array.from({ length: 75 }, (_, i) => ({ id: `f${i}`, kind: 'forget', variant: 'qa', question: `${words(8)} Stephen King ${words(4)} ${i}?`, target: 'Stephen King' }));
const b6: { ms: number; totalMs: number; modelMs: number; baselineMs: number; input: number }[] = [];
for (let r = 0; r < 5; r++) {
  modelMs = 0;
  const t6 = performance.now();
  const syn = await synthesizeBoundary(forget, { model, target: 'Stephen King', neighbors: 2, cache: new Map() });
  const totalMs = performance.now() - t6;
  b6.push({ ms: totalMs - modelMs, totalMs, modelMs, baselineMs: time(baseline, 3), input: syn.report.input });
}
const b6m = [...b6].sort((x, y) => x.ms - y.ms)[2]!;
const b6bl = b6.map((x) => x.baselineMs).sort((x, y) => x - y)[2]!;
row('B6', `synthesis, ${b6m.input} items, excluding model latency (median of 5)`, `${b6m.ms.toFixed(0)} ms`, '≤ 200 ms', { ms: b6m.ms, baselineMs: b6bl }, { totalMs: b6m.totalMs, modelMs: b6m.modelMs });
console.log(`     (total ${b6m.totalMs.toFixed(0)} ms, of which ${b6m.modelMs.toFixed(0)} ms inside the scripted model's generate)`);

// B7: tiny ONNX detector (core's tiny encoder graph, word-level tokenizer), batches of 32, onnxruntime-node
{
  const { createHfTokenizer, createOnnxModel } = await import('@reasonkit/core');
  const { buildTinyEncoder, tinyWordLevelTokenizerJson } = await import('@reasonkit/core/testing');
  const ort = await import('onnxruntime-node');
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', ...WORDS];
  const tok = createHfTokenizer(tinyWordLevelTokenizerJson(vocab, { preTokenizer: 'WhitespaceSplit' }), { pad_token: '[PAD]' },
  );
  const { model: bytes } = buildTinyEncoder({ vocab: vocab.length, hidden: 16, classes: 2, seed: 1, withTokenTypes: false });
  const onnx = await createOnnxModel({ ort: ort as never, model: bytes, threads: 1, fileName: 'tiny.onnx' });
  const det = classifierDetector(onnxSequenceClassifier(onnx, tok, { batchSize: 32 }));
  const texts = Array.from({ length: 1024 }, () => words(40));
  await det.detectBatch!(texts);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    await det.detectBatch!(texts);
    a.push(performance.now() - t);
    b.push(time(baseline, 3));
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
  const m = { ms: med(a), baselineMs: med(b) };
  row('B7', 'tiny ONNX detector (hidden 16, 40-word texts), batches of 32', `${Math.round(1024 / (m.ms / 1000)).toLocaleString('en')} texts/s`, '≥ 5,000 texts/s', m);
  await onnx.dispose();
}

// B5: 100k rollouts → parquet and JSONL
const rr: RewardRow[] = Array.from({ length: 100_000 }, (_, i) =>
  i % 2 ? { label: 'refuse', id: `r${i}`, prompt: `${words(20)}?`, target: 'Stephen King', refusalExample: "I'm not certain about Stephen King." } : { label: 'answer', id: `r${i}`, prompt: `${words(20)}?`, references: [words(5)] },
);
const rss0 = process.memoryUsage().rss;
const t5 = performance.now();
const pq = verlParquet(rr);
const b5ms = performance.now() - t5;
const rss1 = process.memoryUsage().rss;
row('B5', `100,000 rows → verl parquet (${(pq.byteLength / 1e6).toFixed(1)} MB)`, `${(b5ms / 1000).toFixed(2)} s`, '≤ 10 s', undefined, { ms: b5ms, rssMB: rss1 / 1e6, rssDeltaMB: (rss1 - rss0) / 1e6 });
console.log(`     RSS after parquet: ${(rss1 / 1e6).toFixed(0)} MB (target ≤ 500 MB)`);
// B5 JSONL: the optimised exporter and the previous one (src/__fixtures__/previous-rollouts-jsonl.ts) on the same
// 100,000 pre-built rollouts (groups of 8), interleaved with the baseline sort; then end to end with the rollouts
// generated on the fly (random 60-word completions), as this bench measured before.
const mkRollout = (i: number, completion: string): ScoredRollout => ({ uid: `u${i}`, step: 0, promptId: `p${i >> 3}`, groupId: `g${i >> 3}`, sampleIndex: i & 7, prompt: 'q', completion, label: 'answer', reward: (i * 7) % 3 === 0 ? 1 : 0, components: { overall: 1 }, verdict: { isRefusal: false, score: 0, strategy: 'rule-strict' }, rougeL: 0.5 });
function* rollouts(): Generator<ScoredRollout> {
  for (let i = 0; i < 100_000; i++) yield mkRollout(i, words(60));
}
const built = Array.from({ length: 100_000 }, (_, i) => mkRollout(i, words(60)));
async function drain(it: AsyncIterable<string>): Promise<{ rows: number; bytes: number }> {
  let bytes = 0;
  let rows = 0;
  for await (const chunk of it) {
    bytes += chunk.length;
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) rows++;
  }
  return { rows, bytes };
}
async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
{
  const a: number[] = [];
  const p: number[] = [];
  const b: number[] = [];
  const sameBytes = (await drain(rolloutsJsonl(built))).bytes === (await drain(previousRolloutsJsonlStream(built))).bytes;
  if (!sameBytes) throw new Error('B5: optimised and previous JSONL differ in size');
  let out = { rows: 0, bytes: 0 };
  for (let r = 0; r < 5; r++) {
    a.push(await timeAsync(async () => (out = await drain(rolloutsJsonl(built)))));
    p.push(await timeAsync(() => drain(previousRolloutsJsonlStream(built))));
    b.push(time(baseline, 3));
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
  const ms = med(a);
  const prevMs = med(p);
  const bl = med(b);
  row('B5', `100,000 scored rollouts → JSONL (${(out.bytes / 1e6).toFixed(0)} MB), export only`, `${Math.round(out.rows / (ms / 1000)).toLocaleString('en')} rows/s`, '≥ 50,000 rows/s', { ms, baselineMs: bl });
  row('B5', '  same rows, previous exporter (before this optimisation)', `${Math.round(out.rows / (prevMs / 1000)).toLocaleString('en')} rows/s`, '(reference)', { ms: prevMs, baselineMs: bl }, { speedup: prevMs / ms });
  console.log(`     speed-up ${(prevMs / ms).toFixed(1)}× (medians of 5 interleaved rounds)`);
  const tg = performance.now();
  let g = 0;
  for (const r of rollouts()) g += r.completion.length;
  const genMs = performance.now() - tg;
  const e2e = await timeAsync(async () => (out = await drain(rolloutsJsonl(rollouts()))));
  const e2ePrev = await timeAsync(() => drain(previousRolloutsJsonlStream(rollouts())));
  row('B5', '  end to end with rollouts generated on the fly (as before)', `${Math.round(out.rows / (e2e / 1000)).toLocaleString('en')} rows/s`, '≥ 50,000 rows/s', undefined, { ms: e2e, previousMs: e2ePrev, generatorOnlyMs: genMs, generatedChars: g });
  console.log(`     previous exporter end to end: ${Math.round(out.rows / (e2ePrev / 1000)).toLocaleString('en')} rows/s; generating the rollouts alone: ${genMs.toFixed(0)} ms`);
}

const outDir = process.argv.includes('--write') ? here : join(here, 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, note: 'machine shared by ~7 engineers (2 cores): loaded', loadavg: (await import('node:os')).loadavg(), results }, null, 2) + '\n');
