import { mulberry32, parseOptions } from '@reasonkit/core';
import * as z from 'zod';
import { ModeSelectError } from '../errors/mode-select-error.js';
import { logistic } from '../signals/likelihood.js';
import type { ProbeModel } from './probe-model.js';

/** zod schema of `TrainProbeOptions`: validates it and applies its defaults. */
export const TrainProbeOptionsSchema = z.object({
  /** `logistic` (no hidden layer), `mlp` (one ReLU layer), `regressor2` (2 outputs, MSE; ThinkSwitcher). */
  kind: z.enum(['logistic', 'mlp', 'regressor2']).default('logistic'),
  /** Hidden width of `mlp`/`regressor2`: 16 or 32 in the reference grid [ref: reasoning_models_probing]. Default 16. */
  hidden: z.number().int().min(1).default(16),
  /** AdamW learning rate; 1e-3 (the reference grid's largest) [ref]. */
  lr: z.number().positive().default(1e-3),
  /** Decoupled weight decay; 0.01 [ref grid]. */
  weightDecay: z.number().min(0).default(0.01),
  /** Positive-class weight factor α: w₊ = α·N_neg/N_pos [ref]. Default 1. */
  alpha: z.number().positive().default(1),
  /** 200 epochs, batch 64 [ref]. */
  epochs: z.number().int().min(1).default(200),
  batchSize: z.number().int().min(1).default(64),
  seed: z.number().int().default(0),
  /** z-score features (stored with the probe) [our choice]. Default true. */
  standardize: z.boolean().default(true),
  /** AdamW β₁, β₂, ε: 0.9, 0.999, 1e-8 [our choice, the reference optimiser is not stated]. */
  beta1: z.number().min(0).max(1).default(0.9),
  beta2: z.number().min(0).max(1).default(0.999),
  eps: z.number().positive().default(1e-8),
  signal: z.custom<AbortSignal>((v) => typeof v === 'object' && v !== null).optional(),
});
/** Input accepted by `TrainProbeOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type TrainProbeOptions = z.input<typeof TrainProbeOptionsSchema>;

/** The probe's parameters as plain JSON (exact round trip: numbers are float64). */
export interface ProbeJSON {
  format: 'reasonkit-probe@1';
  kind: 'logistic' | 'mlp' | 'regressor2';
  inputSize: number;
  hidden: number;
  outputs: number;
  mean: number[];
  std: number[];
  /** logistic: w1 = [d] weights, b1 = [1]; mlp/regressor2: w1 [h·d], b1 [h], w2 [o·h], b2 [o]. */
  w1: number[];
  b1: number[];
  w2: number[];
  b2: number[];
}

const ProbeJSONSchema = z.object({
  format: z.literal('reasonkit-probe@1'),
  kind: z.enum(['logistic', 'mlp', 'regressor2']),
  inputSize: z.number().int().min(1),
  hidden: z.number().int().min(0),
  outputs: z.number().int().min(1).max(2),
  mean: z.array(z.number()),
  std: z.array(z.number()),
  w1: z.array(z.number()),
  b1: z.array(z.number()),
  w2: z.array(z.number()),
  b2: z.array(z.number()),
});

/** A probe from its JSON (validated; sizes checked). */
export function probeFromJSON(json: unknown): ProbeModel {
  const j = parseOptions(ProbeJSONSchema, json, 'probe JSON') as ProbeJSON;
  const d = j.inputSize;
  const h = j.kind === 'logistic' ? 0 : j.hidden;
  const expect = (name: keyof ProbeJSON, n: number) => {
    if ((j[name] as number[]).length !== n) throw new ModeSelectError('config', `probe JSON: ${name} has ${(j[name] as number[]).length} entries, expected ${n}`, { field: name });
  };
  expect('mean', d);
  expect('std', d);
  if (h === 0) {
    expect('w1', d);
    expect('b1', 1);
  } else {
    expect('w1', h * d);
    expect('b1', h);
    expect('w2', j.outputs * h);
    expect('b2', j.outputs);
  }
  return makeProbe(j);
}

function makeProbe(j: ProbeJSON): ProbeModel {
  const d = j.inputSize;
  const h = j.kind === 'logistic' ? 0 : j.hidden;
  const mean = Float64Array.from(j.mean);
  const invStd = Float64Array.from(j.std, (s) => 1 / s);
  const w1 = Float64Array.from(j.w1);
  const b1 = Float64Array.from(j.b1);
  const w2 = Float64Array.from(j.w2);
  const b2 = Float64Array.from(j.b2);
  const hid = new Float64Array(h);
  const raw = (x: Float32Array | Float64Array): number[] => {
    if (x.length !== d) throw new ModeSelectError('config', `probe expects ${d} features, got ${x.length}`, { field: 'features', expected: d, actual: x.length });
    if (h === 0) {
      let z = b1[0]!;
      for (let i = 0; i < d; i++) z += w1[i]! * (x[i]! - mean[i]!) * invStd[i]!;
      return [z];
    }
    for (let k = 0; k < h; k++) {
      let z = b1[k]!;
      const row = k * d;
      for (let i = 0; i < d; i++) z += w1[row + i]! * (x[i]! - mean[i]!) * invStd[i]!;
      hid[k] = z > 0 ? z : 0;
    }
    const out: number[] = [];
    for (let o = 0; o < j.outputs; o++) {
      let z = b2[o]!;
      for (let k = 0; k < h; k++) z += w2[o * h + k]! * hid[k]!;
      out.push(z);
    }
    return out;
  };
  return {
    kind: j.kind,
    inputSize: d,
    outputs: j.outputs,
    predict: (x) => (j.kind === 'regressor2' ? raw(x) : raw(x).map(logistic)),
    toJSON: () => ({ ...j, mean: [...j.mean], std: [...j.std], w1: [...j.w1], b1: [...j.b1], w2: [...j.w2], b2: [...j.b2] }),
  };
}

/** log σ(z), stable. */
function logSigmoid(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

/**
 * Trains a probe in pure TypeScript (spec §7.5): weighted BCE-with-logits
 * L = −(1/n)·Σ [w₊·y·log σ(z) + (1 − y)·log(1 − σ(z))] with w₊ = α·N_neg/N_pos (classifiers), or
 * MSE (`regressor2`, targets = [short, long] pass rates); AdamW; seeded init and shuffling.
 * Same seed and data → identical weights.
 */
export function trainProbe(features: readonly (Float32Array | readonly number[])[], targets: readonly (number | readonly [number, number])[], options: TrainProbeOptions = {}): ProbeModel & { finalLoss: number } {
  const o = parseOptions(TrainProbeOptionsSchema, options, 'trainProbe options');
  const n = features.length;
  if (n === 0) throw new ModeSelectError('config', 'trainProbe: no training examples', { field: 'features' });
  if (targets.length !== n) throw new ModeSelectError('config', `trainProbe: ${n} feature rows but ${targets.length} targets`, { field: 'targets' });
  const d = features[0]!.length;
  for (const [i, f] of features.entries()) if (f.length !== d) throw new ModeSelectError('config', `trainProbe: row ${i} has ${f.length} features, expected ${d}`, { field: `features.${i}`, record: i });
  const outputs = o.kind === 'regressor2' ? 2 : 1;
  const y = targets.map((t, i) => {
    const v = typeof t === 'number' ? [t] : [...t];
    if (v.length !== outputs || v.some((x) => !(x >= 0 && x <= 1))) {
      throw new ModeSelectError('config', `trainProbe: target ${i} must be ${outputs === 1 ? 'a label in [0, 1]' : 'a pair of pass rates in [0, 1]'}`, { field: `targets.${i}`, record: i });
    }
    return v;
  });
  // standardisation
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(1);
  if (o.standardize) {
    for (const f of features) for (let i = 0; i < d; i++) mean[i]! += f[i]! / n;
    const v = new Array<number>(d).fill(0);
    for (const f of features) for (let i = 0; i < d; i++) v[i]! += (f[i]! - mean[i]!) ** 2 / n;
    for (let i = 0; i < d; i++) std[i] = Math.sqrt(v[i]!) || 1;
  }
  const x = features.map((f) => Float64Array.from(f, (v, i) => (v - mean[i]!) / std[i]!));
  let pos = 0;
  for (const t of y) pos += t[0]!;
  const wPos = o.kind === 'regressor2' || pos === 0 || pos === n ? 1 : (o.alpha * (n - pos)) / pos;

  const h = o.kind === 'logistic' ? 0 : o.hidden;
  const rand = mulberry32(o.seed);
  const init = (len: number, fanIn: number) => Float64Array.from({ length: len }, () => (rand() * 2 - 1) / Math.sqrt(fanIn));
  // parameters in one vector: w1, b1, w2, b2
  const sizes = h === 0 ? [d, 1, 0, 0] : [h * d, h, outputs * h, outputs];
  const params = new Float64Array(sizes.reduce((a, b) => a + b, 0));
  if (h === 0) params.set(new Float64Array(d), 0);
  else {
    params.set(init(h * d, d), 0);
    params.set(init(outputs * h, h), sizes[0]! + sizes[1]!);
  }
  const [o1, o2, o3] = [sizes[0]!, sizes[0]! + sizes[1]!, sizes[0]! + sizes[1]! + sizes[2]!];
  const isBias = (k: number) => (k >= o1 && k < o2) || k >= o3;
  const grad = new Float64Array(params.length);
  const m = new Float64Array(params.length);
  const v = new Float64Array(params.length);
  const hid = new Float64Array(h);
  const dh = new Float64Array(h);
  let t = 0;

  /** Forward one example; adds d(loss)/d(params)·scale to grad; returns the loss. */
  const step = (xi: Float64Array, yi: number[], scale: number, accumulate: boolean): number => {
    let zs: number[];
    if (h === 0) {
      let z = params[o1]!;
      for (let i = 0; i < d; i++) z += params[i]! * xi[i]!;
      zs = [z];
    } else {
      for (let k = 0; k < h; k++) {
        let z = params[o1 + k]!;
        for (let i = 0; i < d; i++) z += params[k * d + i]! * xi[i]!;
        hid[k] = z > 0 ? z : 0;
      }
      zs = [];
      for (let q = 0; q < outputs; q++) {
        let z = params[o3 + q]!;
        for (let k = 0; k < h; k++) z += params[o2 + q * h + k]! * hid[k]!;
        zs.push(z);
      }
    }
    let loss = 0;
    const dz: number[] = [];
    for (let q = 0; q < outputs; q++) {
      const z = zs[q]!;
      const target = yi[q]!;
      if (o.kind === 'regressor2') {
        loss += (z - target) ** 2;
        dz.push(2 * (z - target));
      } else {
        loss += -(wPos * target * logSigmoid(z) + (1 - target) * logSigmoid(-z));
        const s = logistic(z);
        dz.push(wPos * target * (s - 1) + (1 - target) * s);
      }
    }
    if (!accumulate) return loss;
    if (h === 0) {
      for (let i = 0; i < d; i++) grad[i]! += scale * dz[0]! * xi[i]!;
      grad[o1]! += scale * dz[0]!;
      return loss;
    }
    dh.fill(0);
    for (let q = 0; q < outputs; q++) {
      grad[o3 + q]! += scale * dz[q]!;
      for (let k = 0; k < h; k++) {
        grad[o2 + q * h + k]! += scale * dz[q]! * hid[k]!;
        dh[k]! += dz[q]! * params[o2 + q * h + k]!;
      }
    }
    for (let k = 0; k < h; k++) {
      if (hid[k]! <= 0) continue;
      const g = scale * dh[k]!;
      grad[o1 + k]! += g;
      for (let i = 0; i < d; i++) grad[k * d + i]! += g * xi[i]!;
    }
    return loss;
  };

  const order = Array.from({ length: n }, (_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    if (o.signal?.aborted) throw new ModeSelectError('config', 'trainProbe aborted', {}, 'ABORTED');
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let b = 0; b < n; b += o.batchSize) {
      const batch = order.slice(b, b + o.batchSize);
      grad.fill(0);
      for (const i of batch) step(x[i]!, y[i]!, 1 / batch.length, true);
      t++;
      const c1 = 1 - o.beta1 ** t;
      const c2 = 1 - o.beta2 ** t;
      for (let k = 0; k < params.length; k++) {
        const g = grad[k]!;
        m[k] = o.beta1 * m[k]! + (1 - o.beta1) * g;
        v[k] = o.beta2 * v[k]! + (1 - o.beta2) * g * g;
        // decoupled weight decay on weights (not biases) [our choice]
        if (!isBias(k)) params[k]! -= o.lr * o.weightDecay * params[k]!;
        params[k]! -= (o.lr * (m[k]! / c1)) / (Math.sqrt(v[k]! / c2) + o.eps);
      }
    }
  }
  let finalLoss = 0;
  for (let i = 0; i < n; i++) finalLoss += step(x[i]!, y[i]!, 0, false) / n;
  const json: ProbeJSON = {
    format: 'reasonkit-probe@1',
    kind: o.kind,
    inputSize: d,
    hidden: h,
    outputs,
    mean,
    std,
    w1: [...params.subarray(0, o1)],
    b1: [...params.subarray(o1, o2)],
    w2: [...params.subarray(o2, o3)],
    b2: [...params.subarray(o3)],
  };
  return Object.assign(makeProbe(json), { finalLoss });
}

/**
 * Platt scaling σ(a·s + b) fitted by Newton's method on the log-loss (spec §7.5). Returns the
 * parameters and the calibrated function.
 */
export function plattScale(scores: readonly number[], labels: readonly number[], iterations = 50): {
  a: number;
  b: number;
  /** Calibrated probability of score `s`: logistic(a·s + b). */
  apply: (s: number) => number;
} {
  let a = 1;
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      const p = logistic(a * s + b);
      const r = p - labels[i]!;
      const w = p * (1 - p);
      ga += r * s;
      gb += r;
      haa += w * s * s;
      hab += w * s;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-300) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-12) break;
  }
  return { a, b, apply: (s) => logistic(a * s + b) };
}
