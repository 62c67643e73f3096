import type { ProbeModel } from '../model/probe-model.js';
import { rowAt } from './common.js';

/** Sites of `h_0 … h_L`: the embedding output, then the residual after each block. */
export function residualSites(layers: number): string[] {
  return ['embed', ...Array.from({ length: layers }, (_, l) => `resid.${l}`)];
}

/**
 * One forward over `ids`; returns the logits and `h_0 … h_L` at position `position` (negative
 * counts from the end) of row 0.
 */
export async function hiddenRowsAt(model: ProbeModel, ids: readonly number[], position: number, signal?: AbortSignal): Promise<{ rows: Float32Array[]; logits: import('@reasonkit/core').Tensor<'float32'> }> {
  const sites = residualSites(model.layers);
  const out = await model.forward({ ids: [ids], capture: sites, ...(signal ? { signal } : {}) });
  const t = position < 0 ? ids.length + position : position;
  return { rows: sites.map((s) => rowAt(out.captured[s]!, 0, t).slice()), logits: out.logits };
}
