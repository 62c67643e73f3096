import { mulberry32, parseOptions } from '@reasonkit/core';
import * as z from 'zod';
import { ModeSelectError } from '../errors/mode-select-error.js';
import { rocAuc } from '../metrics/roc-auc.js';
import type { ProbeModel } from './probe-model.js';
import { trainProbe } from './train-probe.js';

/** The reference grid (spec §4.5) [ref: reasoning_models_probing `train_probe.sh`]. `hidden` 0 = linear probe. */
export const REFERENCE_PROBE_GRID = {
  lr: [1e-3, 1e-4, 1e-5],
  hidden: [0, 16, 32],
  weightDecay: [0.001, 0.01, 0.1],
  alpha: [0.3, 0.5, 0.7, 0.9, 1.0, 1.5, 2.0, 3.0],
} as const;

const positives = z.array(z.number().positive()).min(1);

/** zod schema of `TuneProbeOptions`: validates it and applies its defaults. */
export const TuneProbeOptionsSchema = z.object({
  /** Grid values; each defaults to the reference grid [ref]. */
  grid: z
    .object({
      lr: positives.default([...REFERENCE_PROBE_GRID.lr]),
      hidden: z.array(z.number().int().min(0)).min(1).default([...REFERENCE_PROBE_GRID.hidden]),
      weightDecay: z.array(z.number().min(0)).min(1).default([...REFERENCE_PROBE_GRID.weightDecay]),
      alpha: positives.default([...REFERENCE_PROBE_GRID.alpha]),
    })
    .prefault({}),
  /** Selection metric: validation accuracy at threshold 0.5 [ref] or ROC-AUC [our choice]. */
  select: z.enum(['accuracy', 'auc']).default('accuracy'),
  /** Share of question ids held out for validation [our choice]. */
  valFraction: z.number().gt(0).lt(1).default(0.2),
  /** Seed of the id split and of every training run [our choice]. */
  seed: z.number().int().default(0),
  /** Epochs per configuration [ref: 200]. */
  epochs: z.number().int().min(1).default(200),
  /** Batch size [ref: 64]. */
  batchSize: z.number().int().min(1).default(64),
  /** Called after each trial with its config and validation score. */
  onProgress: z.custom<(p: { done: number; total: number; config: TuneProbeConfig; score: number | null }) => void>((v) => typeof v === 'function').optional(),
  signal: z.custom<AbortSignal>((v) => typeof v === 'object' && v !== null).optional(),
});
/** Input accepted by `TuneProbeOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type TuneProbeOptions = z.input<typeof TuneProbeOptionsSchema>;

/** One probe configuration tried by `tuneProbe`. */
export interface TuneProbeConfig {
  lr: number;
  hidden: number;
  weightDecay: number;
  alpha: number;
}

/** One trial of `tuneProbe`: a configuration and its score. */
export interface TuneProbeTrial {
  config: TuneProbeConfig;
  valAccuracy: number;
  valAuc: number | null;
}

/** Result of `tuneProbe`: every trial and the best configuration. */
export interface TuneProbeResult {
  /** The best configuration's probe, trained on the training split. */
  probe: ProbeModel;
  best: TuneProbeTrial;
  /** Every configuration in grid order. */
  trials: TuneProbeTrial[];
  trainIds: string[];
  valIds: string[];
}

/** Seeded split of the distinct ids: `valFraction` of them (at least one each side) go to validation. */
export function splitIds(ids: readonly string[], valFraction: number, seed: number): { train: Set<string>; val: Set<string> } {
  const unique = [...new Set(ids)].sort();
  if (unique.length < 2) throw new ModeSelectError('config', `tuneProbe: need at least 2 distinct question ids to split, got ${unique.length}`, { field: 'ids' });
  const rand = mulberry32(seed);
  for (let i = unique.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [unique[i], unique[j]] = [unique[j]!, unique[i]!];
  }
  const nVal = Math.min(unique.length - 1, Math.max(1, Math.round(unique.length * valFraction)));
  return { val: new Set(unique.slice(0, nVal)), train: new Set(unique.slice(nVal)) };
}

/**
 * Grid search over the probe trainer (spec §7.5): split by question id (rows of one question stay on
 * one side), train every configuration on the training split, score it on validation, keep the best
 * (ties: the earlier grid entry). Labels are binary ("NoThinking is enough").
 */
export function tuneProbe(features: readonly (Float32Array | readonly number[])[], labels: readonly number[], ids: readonly string[], options: TuneProbeOptions = {}): TuneProbeResult {
  const o = parseOptions(TuneProbeOptionsSchema, options, 'tuneProbe options');
  if (labels.length !== features.length) throw new ModeSelectError('config', `tuneProbe: ${features.length} feature rows but ${labels.length} labels`, { field: 'labels' });
  if (ids.length !== features.length) throw new ModeSelectError('config', `tuneProbe: ${features.length} feature rows but ${ids.length} ids`, { field: 'ids' });
  for (const [i, y] of labels.entries()) if (y !== 0 && y !== 1) throw new ModeSelectError('config', `tuneProbe: label ${i} must be 0 or 1, got ${y}`, { field: `labels.${i}`, record: i });
  const { train, val } = splitIds(ids, o.valFraction, o.seed);
  const tr = ids.flatMap((id, i) => (train.has(id) ? [i] : []));
  const va = ids.flatMap((id, i) => (val.has(id) ? [i] : []));
  const valX = va.map((i) => Float32Array.from(features[i]!));
  const valY = va.map((i) => labels[i]!);
  const configs = o.grid.lr.flatMap((lr) => o.grid.hidden.flatMap((hidden) => o.grid.weightDecay.flatMap((weightDecay) => o.grid.alpha.map((alpha) => ({ lr, hidden, weightDecay, alpha })))));
  const trials: TuneProbeTrial[] = [];
  let best: { trial: TuneProbeTrial; probe: ProbeModel; score: number } | undefined;
  for (const config of configs) {
    o.signal?.throwIfAborted();
    const probe = trainProbe(
      tr.map((i) => features[i]!),
      tr.map((i) => labels[i]!),
      { kind: config.hidden === 0 ? 'logistic' : 'mlp', ...(config.hidden > 0 ? { hidden: config.hidden } : {}), lr: config.lr, weightDecay: config.weightDecay, alpha: config.alpha, epochs: o.epochs, batchSize: o.batchSize, seed: o.seed, signal: o.signal },
    );
    const p = valX.map((x) => probe.predict(x)[0]!);
    const valAccuracy = p.reduce((s, pi, k) => s + (Number(pi >= 0.5) === valY[k] ? 1 : 0), 0) / p.length;
    const valAuc = rocAuc(p, valY);
    const trial = { config, valAccuracy, valAuc };
    trials.push(trial);
    const score = o.select === 'accuracy' ? valAccuracy : (valAuc ?? -Infinity);
    if (!best || score > best.score) best = { trial, probe, score };
    o.onProgress?.({ done: trials.length, total: configs.length, config, score: o.select === 'accuracy' ? valAccuracy : valAuc });
  }
  return { probe: best!.probe, best: best!.trial, trials, trainIds: [...train].sort(), valIds: [...val].sort() };
}
