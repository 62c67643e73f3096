// Spec §13 target 3 / issue acceptance 1: attendDecode equals dense attention over materializeKeys.
import { mulberry32 } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { materializeKeys } from '../cache/channel-sparse-keys.js';
import type { SparseKVLayer } from '../cache/sparse-kv-layer.js';
import type { Restorer } from '../channel/restorers.js';
import type { ChannelSelector } from '../channel/channel-selectors.js';
import { compressLayer } from '../compress/compress-layer.js';
import { dequantize, type KVDType } from '../quant/quantized-array.js';
import { attendDecode } from './attend-decode.js';
import { attendDenseReference } from './dense-kernels.js';

function fixture(seed: number, H: number, QH: number, S: number, D: number) {
  const rand = mulberry32(seed);
  const r = () => (rand() - 0.5) * 2;
  const scales = Float32Array.from({ length: D }, () => Math.exp(r() * 1.5));
  const keys = Float32Array.from({ length: H * S * D }, (_, i) => r() * scales[i % D]! * (rand() < 0.03 ? 6 : 1));
  const values = Float32Array.from({ length: H * S * D }, r);
  const queries = Float32Array.from({ length: QH * 40 * D }, r);
  return { keys, values, queries, positions: Int32Array.from({ length: S }, (_, i) => i), r };
}

/** Dense [kvH, P, D] keys and values of the layer (compressed part restored, then the tail). */
function denseOf(layer: SparseKVLayer, D: number) {
  const H = layer.heads.length;
  const S = layer.heads[0]!.seqLen;
  const P = S + layer.tail.reduce((a, c) => a + c.length, 0);
  const K = new Float32Array(H * P * D);
  const V = new Float32Array(H * P * D);
  for (let g = 0; g < H; g++) {
    K.set(materializeKeys(layer.heads[g]!), g * P * D);
    V.set(dequantize(layer.values[g]!, { rowLength: D, rows: S }), g * P * D);
    let o = S;
    for (const c of layer.tail) {
      K.set(c.keys.subarray(g * c.length * D, (g + 1) * c.length * D), (g * P + o) * D);
      V.set(c.values.subarray(g * c.length * D, (g + 1) * c.length * D), (g * P + o) * D);
      o += c.length;
    }
  }
  return { K, V, P };
}

/** Largest |attendDecode − dense attention over the materialised layer| for one random query (E3). */
function worstAgainstDense(layer: SparseKVLayer, r: () => number, H: number, QH: number, D: number): number {
  const { K, V, P } = denseOf(layer, D);
  const q = Float32Array.from({ length: QH * D }, () => r() * 3);
  const want = attendDenseReference({ q, keys: K, values: V, qHeads: QH, kvHeads: H, seqLen: P, headDim: D });
  const got = attendDecode(q, layer);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  return worst;
}

const restorers: Restorer[] = [
  { kind: 'sparkMean', sign: 'stored' },
  { kind: 'sparkMean', sign: 'channelMean' },
  { kind: 'sparkMean', sign: 'none' },
  { kind: 'zero' },
  { kind: 'constant', eps: 0.01, sign: 'stored' },
  { kind: 'channelMeanFill' },
];
const selectors: ChannelSelector[] = [
  { kind: 'fixedRatio', ratio: 0.5 },
  { kind: 'fixedRatio', ratio: 0.8 },
  { kind: 'topP', p: 0.9 },
  { kind: 'bucketed', bounds: [0.2, 0.4, 0.6, 0.8], keep: [0.1, 0.3, 0.5, 0.7, 0.9], p: 0.99 },
];

describe('attendDecode = dense attention over materializeKeys (1e-5)', () => {
  for (const [H, QH, D] of [[2, 4, 16], [2, 8, 64], [4, 8, 8], [1, 2, 12]] as const) {
    for (const dtype of ['float32', 'float16', 'int8', 'int4'] as KVDType[]) {
      it(`kvHeads ${H}, qHeads ${QH} (G = ${QH / H}), D ${D}, ${dtype}, with a dense tail`, () => {
        const S = 70;
        const f = fixture(H * 100 + D, H, QH, S, D);
        let worst = 0;
        for (const restorer of restorers) {
          for (const selector of selectors) {
            const layer = compressLayer({ ...f, kvHeads: H, qHeads: QH, headDim: D, press: { scorer: { kind: 'spark', window: 32 }, selector, restorer }, dtype });
            layer.tail.push({ keys: Float32Array.from({ length: H * 3 * D }, f.r), values: Float32Array.from({ length: H * 3 * D }, f.r), length: 3 });
            layer.tail.push({ keys: Float32Array.from({ length: H * D }, f.r), values: Float32Array.from({ length: H * D }, f.r), length: 1 });
            worst = Math.max(worst, worstAgainstDense(layer, f.r, H, QH, D));
          }
        }
        expect(worst).toBeLessThanOrEqual(1e-5);
      });
    }
  }

  it('a naive formula check: dense kernel equals softmax(q·k/√D)·V written out', () => {
    const D = 8;
    const S = 5;
    const f = fixture(3, 1, 2, S, D);
    const q = Float32Array.from({ length: 2 * D }, f.r);
    const out = attendDenseReference({ q, keys: f.keys, values: f.values, qHeads: 2, kvHeads: 1, seqLen: S, headDim: D });
    for (let h = 0; h < 2; h++) {
      const l = Array.from({ length: S }, (_, t) => {
        let s = 0;
        for (let d = 0; d < D; d++) s += q[h * D + d]! * f.keys[t * D + d]!;
        return s / Math.sqrt(D);
      });
      const m = Math.max(...l);
      const e = l.map((x) => Math.exp(x - m));
      const z = e.reduce((a, b) => a + b, 0);
      for (let d = 0; d < D; d++) {
        let o = 0;
        for (let t = 0; t < S; t++) o += (e[t]! / z) * f.values[t * D + d]!;
        expect(out[h * D + d]).toBeCloseTo(o, 6);
      }
    }
  });

  // The int8 fast paths: per-group kept-key dot over 32-bit mask words (D a multiple of 32), values
  // two tokens per pass with codes read four per load, the odd last token, and the byte-wise
  // fallbacks for group sizes that are not multiples of 4.
  for (const D of [128, 96]) {
    for (const groupSize of [32, 'row', 8, 6] as const) {
      it(`int8 fast paths: D ${D}, groupSize ${groupSize}, odd S, G = 2`, () => {
        const H = 2;
        const QH = 4;
        const S = 71;
        const f = fixture(D + 7, H, QH, S, D);
        let worst = 0;
        for (const selector of [selectors[0]!, selectors[1]!, selectors[2]!]) {
          const layer = compressLayer({ ...f, kvHeads: H, qHeads: QH, headDim: D, press: { scorer: { kind: 'spark', window: 32 }, selector, restorer: restorers[0]! }, dtype: 'int8', groupSize });
          layer.tail.push({ keys: Float32Array.from({ length: H * 2 * D }, f.r), values: Float32Array.from({ length: H * 2 * D }, f.r), length: 2 });
          worst = Math.max(worst, worstAgainstDense(layer, f.r, H, QH, D));
        }
        expect(worst).toBeLessThanOrEqual(1e-5);
      });
    }
  }
});
