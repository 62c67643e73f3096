import { mulberry32 } from '@reasonkit/core';
import type { SparseKVLayer } from '../cache/sparse-kv-layer.js';
import { compressLayer } from '../compress/compress-layer.js';
import { attendDecode } from '../kernels/attend-decode.js';
import { attendDenseReference, denseLogits } from '../kernels/dense-kernels.js';
import { createSparseScratch, sparseLogits } from '../kernels/sparse-logits.js';

/** Median times (ms) of one decode step at one sequence length, dense and sparse side by side. */
export interface ThroughputRow {
  seqLen: number;
  variant: string;
  qkMs: number;
  stepMs: number;
  qkRatio: number;
  stepRatio: number;
}

const median = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * Decode-attention throughput (spec §12): H_kv = 8, D = 128, qHeads = 8 (G = 1), batch 1, fp32
 * math; int8 (T4) at r = 0.5 with one group per token (`'row'`, the default), groups of 32 (two per
 * token's 64 kept values) and 64, and at r = 0.8 with the default
 * math, synthetic caches. Every variant is timed in the same run, interleaved (run i times all
 * variants before run i + 1), median of `runs` after `warmup` warm-ups. QK (logits of all heads)
 * and the full step (QK + softmax + V) are timed separately. `clock` (ms) defaults to wall time;
 * the CLI passes process CPU time, which a loaded machine distorts less.
 */
export function throughputSuite(seqLens = [2048, 8192, 32768], runs = 21, warmup = 5, log: (s: string) => void = () => {}, clock: () => number = () => performance.now()): ThroughputRow[] {
  const H = 8;
  const QH = 8;
  const D = 128;
  const rows: ThroughputRow[] = [];
  for (const S of seqLens) {
    const rand = mulberry32(S);
    const keys = Float32Array.from({ length: H * S * D }, () => (rand() - 0.5) * Math.exp(rand()));
    const values = Float32Array.from({ length: H * S * D }, () => rand() - 0.5);
    const queries = Float32Array.from({ length: QH * 32 * D }, () => rand() - 0.5);
    const positions = Int32Array.from({ length: S }, (_, i) => i);
    const build = (ratio: number, dtype: 'float32' | 'int8' = 'float32', groupSize: number | 'row' = 'row'): SparseKVLayer =>
      compressLayer({
        keys,
        values,
        positions,
        kvHeads: H,
        qHeads: QH,
        headDim: D,
        queries,
        press: { scorer: { kind: 'spark', window: 32 }, selector: { kind: 'fixedRatio', ratio }, restorer: { kind: 'sparkMean', sign: 'stored' } },
        dtype,
        groupSize,
      });
    log(`S = ${S}: compressing synthetic caches…`);
    const variants: { name: string; layer?: SparseKVLayer }[] = [
      { name: 'dense (optimised fp32)' },
      { name: 'SparK r=0.8', layer: build(0.8) },
      { name: 'SparK r=0.5', layer: build(0.5) }, { name: 'SparK r=0.5 int8', layer: build(0.5, 'int8') },
      { name: 'SparK r=0.5 int8 g32', layer: build(0.5, 'int8', 32) },
      { name: 'SparK r=0.5 int8 g64', layer: build(0.5, 'int8', 64) },
      { name: 'SparK r=0.8 int8', layer: build(0.8, 'int8') },
    ];
    const q = Float32Array.from({ length: QH * D }, () => rand() - 0.5);
    const logits = new Float32Array(S);
    const out = new Float32Array(QH * D);
    const scratch = createSparseScratch(D);
    const dScratch = new Float32Array(S);
    const scale = 1 / Math.sqrt(D);
    const qk: number[][] = variants.map(() => []);
    const step: number[][] = variants.map(() => []);
    let sink = 0;
    for (let r = 0; r < warmup + runs; r++) {
      variants.forEach((v, i) => {
        let t0 = clock();
        for (let h = 0; h < QH; h++) {
          if (v.layer) sparseLogits(q, h * D, v.layer.heads[h]!, scale, logits, 0, scratch);
          else denseLogits(q, h * D, keys, h * S * D, S, D, scale, logits, 0);
        }
        const t1 = clock();
        sink += logits[S - 1]!;
        if (v.layer) attendDecode(q, v.layer, out, { scratch });
        else attendDenseReference({ q, keys, values, qHeads: QH, kvHeads: H, seqLen: S, headDim: D }, out, dScratch);
        const t2 = clock();
        sink += out[0]!;
        if (r >= warmup) {
          qk[i]!.push(t1 - t0);
          step[i]!.push(t2 - t1);
        }
        t0 = t2;
      });
    }
    const dq = median(qk[0]!);
    const ds = median(step[0]!);
    variants.forEach((v, i) => {
      const row = { seqLen: S, variant: v.name, qkMs: median(qk[i]!), stepMs: median(step[i]!), qkRatio: median(qk[i]!) / dq, stepRatio: median(step[i]!) / ds };
      rows.push(row);
      log(`S = ${S} ${v.name}: QK ${row.qkMs.toFixed(2)} ms (${row.qkRatio.toFixed(2)}×), step ${row.stepMs.toFixed(2)} ms (${row.stepRatio.toFixed(2)}×)`);
    });
    if (sink === 42) log('');
  }
  return rows;
}
