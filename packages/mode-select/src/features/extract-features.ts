import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import type { ReasoningBackend } from '../backend/backend.js';
import { ModeSelectError } from '../errors/mode-select-error.js';
import { probePrompt } from '../selectors/policy-helpers.js';
import type { ReasoningState, SelectionInput } from '../selectors/types.js';

/** zod schema of `ExtractFeaturesOptions`: validates it and applies its defaults. */
export const ExtractFeaturesOptionsSchema = z.object({
  /** Hidden-state layers; `'last'` = the highest `hidden_states.L` the model exposes (ProbeConf's default) [ref]. */
  layers: z.array(z.union([z.literal('last'), z.number().int().nonnegative()])).min(1).default(['last']),
  /** Where the state is read, as in `probeconf` (default `inside-think` [our choice]). Position: the last token. */
  placement: z.enum(['inside-think', 'after-close']).default('inside-think'),
  /** Text appended before reading, as in `probeconf`. */
  suffix: z.string().default(''),
  /** Model name recorded in the manifest. */
  model: z.string().default('unknown'),
  /** Called after each item (done, total). */
  onProgress: z.custom<(p: { done: number; total: number }) => void>((v) => typeof v === 'function').optional(),
  signal: z.custom<AbortSignal>((v) => typeof v === 'object' && v !== null).optional(),
});
/** Input accepted by `ExtractFeaturesOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ExtractFeaturesOptions = z.input<typeof ExtractFeaturesOptionsSchema>;

/** One item to extract features from. */
export interface FeatureItem {
  input: SelectionInput;
  /** "NoThinking is enough" label (0/1), or null when unknown. */
  label: number | null;
}

/** Describes extracted features: the model, the items and the feature layout. */
export interface FeatureManifest {
  format: 'reasonkit-features@1';
  model: string;
  formatId: string;
  fakeThought: { id: string; body: string; close: string };
  placement: 'inside-think' | 'after-close';
  suffix: string;
  position: 'last';
  layers: number[];
  ids: string[];
  labels: (number | null)[];
  rows: number;
  width: number;
}

/** Features extracted from a set of items, with their manifest. */
export interface ExtractedFeatures {
  manifest: FeatureManifest;
  /** Row-major `[rows, width]` float32 matrix per layer. */
  matrices: Map<number, Float32Array>;
}

/**
 * Zero-step feature extraction (spec §7.4): the hidden state ProbeConf reads (last token of prompt +
 * fake thought) for each item and layer, as float32 matrices plus a manifest. Browser-safe; write
 * NPY files with `writeFeatures` from `@reasonkit/mode-select/node`.
 */
export async function extractFeatures(backend: ReasoningBackend, items: readonly FeatureItem[], options: ExtractFeaturesOptions = {}): Promise<ExtractedFeatures> {
  const o = parseOptions(ExtractFeaturesOptionsSchema, options, 'extractFeatures options');
  if (!backend.hiddenState || !backend.capabilities.has('hidden')) {
    throw new ModeSelectError('capability', 'extractFeatures needs hidden states: the backend has no hidden_states.* outputs', { field: 'backend' });
  }
  if (items.length === 0) throw new ModeSelectError('config', 'extractFeatures: no items', { field: 'items' });
  const first = items[0]!.input;
  for (const [i, it] of items.entries()) {
    if (!it.input.id) throw new ModeSelectError('config', `extractFeatures: item ${i} has no input.id (the manifest lists question ids)`, { field: `items.${i}.input.id`, record: i });
    if (it.input.format.id !== first.format.id || it.input.fakeThought.id !== first.fakeThought.id) {
      throw new ModeSelectError('config', `extractFeatures: item ${i} (${it.input.id}) uses another format or fake thought than item 0; one manifest holds one of each`, { field: `items.${i}`, record: i });
    }
  }
  const layers = [...new Set(o.layers.map((l) => (l === 'last' ? backend.hiddenLayers[backend.hiddenLayers.length - 1]! : l)))];
  const rows: Float32Array[][] = layers.map(() => []);
  for (const [i, it] of items.entries()) {
    o.signal?.throwIfAborted();
    const state: ReasoningState = { input: it.input, thoughts: it.input.fakeThought.body, step: 0, thinkTokens: 0, memory: {} };
    const prompt = probePrompt(state, o.placement) + o.suffix;
    for (const [k, layer] of layers.entries()) rows[k]!.push((await backend.hiddenState(prompt, layer, o.signal)).vector);
    o.onProgress?.({ done: i + 1, total: items.length });
  }
  const width = rows[0]![0]!.length;
  const matrices = new Map<number, Float32Array>();
  for (const [k, layer] of layers.entries()) {
    const m = new Float32Array(items.length * width);
    for (const [r, v] of rows[k]!.entries()) m.set(v, r * width);
    matrices.set(layer, m);
  }
  const manifest: FeatureManifest = {
    format: 'reasonkit-features@1',
    model: o.model,
    formatId: first.format.id,
    fakeThought: { id: first.fakeThought.id, body: first.fakeThought.body, close: first.fakeThought.close },
    placement: o.placement,
    suffix: o.suffix,
    position: 'last',
    layers,
    ids: items.map((it) => it.input.id!),
    labels: items.map((it) => it.label),
    rows: items.length,
    width,
  };
  return { manifest, matrices };
}
