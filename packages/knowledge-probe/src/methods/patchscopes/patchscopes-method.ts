import { argmax } from '@reasonkit/core';
import * as z from 'zod';
import type { PatchFeed } from '../../model/probe-model.js';
import type { MethodDef } from '../../registry/method-def.js';
import type { ProbeResult } from '../../result/probe-result.js';
import { baseResult, checkIndex, encodePrompt, probsAt, rowAt, tokenText, type ScoredToken } from '../common.js';

/** The identity few-shot target prompt of the Patchscopes paper (spec §4.6). */
export const PATCHSCOPES_IDENTITY_PROMPT = 'cat -> cat\n1135 -> 1135\nhello -> hello\n?';

/** zod schema of `PatchscopesParams`: validates it and applies its defaults. */
export const PatchscopesParamsSchema = z.object({
  /** Target prompt; its last token is overwritten. Default: the identity few-shot prompt (Patchscopes paper). */
  targetPrompt: z.string().min(1).default(PATCHSCOPES_IDENTITY_PROMPT),
  /** Source blocks; default 0 … L−2 (Know-MRI skips the last block). */
  layers: z.array(z.number().int()).optional(),
});
/** Parsed value of `PatchscopesParamsSchema` (defaults applied). */
export type PatchscopesParams = z.output<typeof PatchscopesParamsSchema>;

/** Raw output of the Patchscopes method, as stored in `ProbeResult.raw`. */
export interface PatchscopesRaw {
  /** The unpatched target's prediction. */
  unpatched: ScoredToken;
  /** One prediction per source block. */
  layers: { layer: number; predicted: ScoredToken }[];
}

/**
 * Patchscopes (Know-MRI `methods/patchscopes`, spec §4.6): the source prompt's residual after block
 * ℓ at its last position overwrites the target prompt's residual after block ℓ at its last
 * position; the target's next token is read. All blocks run as one batch (one row per block).
 * Know-MRI declares `ground_truth` but never reads it; this package requires only `prompt`.
 */
export const patchscopesMethod = {
  name: 'Patchscopes',
  version: '1.0.0',
  requires: ['prompt'] as const,
  capabilities: ['patch', 'residual', 'logits'] as const,
  costSecondsPerQuery: 3,
  taxonomy: ['Internal', 'Representation', 'Hiddenstates'],
  params: PatchscopesParamsSchema,
  /** Runs the method on `sample` with `model` and returns its `ProbeResult`. */
  async run(sample, model, params, ctx): Promise<ProbeResult<PatchscopesRaw>> {
    const started = performance.now();
    const L = model.layers;
    const layers = params.layers ?? Array.from({ length: Math.max(L - 1, 0) }, (_, l) => l);
    layers.forEach((l, i) => checkIndex(l, L, `params.layers.${i}`));
    const src = encodePrompt(model, sample.prompt);
    const tgt = encodePrompt(model, params.targetPrompt, 'params.targetPrompt');
    const signal = ctx.signal ? { signal: ctx.signal } : {};
    const sites = layers.map((l) => `resid.${l}`);
    const source = await model.forward({ ids: [src], capture: [...new Set(sites)], ...signal });
    const T = tgt.length;
    const d = model.hidden;
    const B = layers.length + 1; // row 0: unpatched
    const patches = new Map<string, PatchFeed>();
    layers.forEach((l, i) => {
      const site = `resid.${l}`;
      let p = patches.get(site);
      if (!p) patches.set(site, (p = { site, mask: new Float32Array(B * T), value: new Float32Array(B * T * d) }));
      const r = i + 1;
      p.mask[r * T + T - 1] = 1;
      p.value.set(rowAt(source.captured[site]!, 0, src.length - 1), (r * T + T - 1) * d);
    });
    const out = await model.forward({ ids: Array.from({ length: B }, () => tgt), patches: [...patches.values()], ...signal });
    const pick = (r: number): ScoredToken => {
      const p = probsAt(out.logits, r, T - 1);
      const id = argmax(p);
      return { id, text: tokenText(model.tokenizer, id), p: p[id]! };
    };
    const unpatched = pick(0);
    const rows = layers.map((layer, i) => ({ layer, predicted: pick(i + 1) }));
    return {
      ...baseResult(patchscopesMethod, model, sample, params, started, 2),
      warnings: layers.length === 0 ? ['the model has one block: nothing to patch'] : [],
      tables: [
        {
          name: 'Layer → predicted token',
          description: `Target ${JSON.stringify(params.targetPrompt)} with its last residual overwritten by the source's at each block; unpatched prediction ${JSON.stringify(unpatched.text)} (${unpatched.p.toFixed(4)}).`,
          columns: ['Layer name', 'predicted_token', 'probability'],
          rows: rows.map((r) => ({ 'Layer name': `Layer_${r.layer}`, predicted_token: r.predicted.text, probability: r.predicted.p })),
        },
      ],
      charts: [
        {
          name: 'Patched prediction probability per layer',
          kind: 'bar',
          data: { labels: rows.map((r) => `L${r.layer}: ${r.predicted.text}`), values: rows.map((r) => r.predicted.p), xLabel: 'source block' },
        },
      ],
      raw: { unpatched, layers: rows },
    };
  },
} satisfies MethodDef<'Patchscopes', 'prompt', PatchscopesParams>;
