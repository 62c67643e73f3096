import * as z from 'zod';
import { ModeSelectError } from '../errors/mode-select-error.js';
import { defineSelector } from './define.js';
import { CostMeter } from './policy-helpers.js';

/** zod schema of a `ThinkSwitcherConfig`: validates it and applies its defaults. */
export const ThinkSwitcherConfigSchema = z.object({
  layer: z.union([z.literal('last'), z.number().int().nonnegative()]).default('last'),
  /** `'short'`: pNoThink = ŷ_short; `'gap'`: pNoThink = clamp(0.5 + (ŷ_short − ŷ_long)/2) (recalled rule, unconfirmed). */
  rule: z.enum(['short', 'gap']).default('short'),
});

/**
 * ThinkSwitcher-style router [our choice; Liang et al., arXiv 2505.14183]: a 2-output regressor
 * (`regressor2` probe) on the last-layer state at the last question token predicts the pass rates
 * of short and long CoT.
 */
export const thinkswitcherSelector = defineSelector({
  id: 'thinkswitcher',
  name: 'ThinkSwitcher',
  status: 'our-choice',
  family: 'trained-router',
  source: 'arXiv 2505.14183 (our adaptation)',
  needs: ['hidden'],
  config: ThinkSwitcherConfigSchema,
  create(config, deps) {
    const backend = deps.backend!;
    const probe = deps.probe;
    if (!probe || probe.outputs !== 2) {
      throw new ModeSelectError('capability', 'thinkswitcher needs a 2-output regressor: pass deps.probe trained with kind "regressor2"', { field: 'deps.probe', selector: 'thinkswitcher' });
    }
    const layer = config.layer === 'last' ? backend.hiddenLayers[backend.hiddenLayers.length - 1]! : config.layer;
    return {
      id: 'thinkswitcher',
      needs: ['hidden'],
      config: { ...config, resolvedLayer: layer },
      async score(input, options) {
        const meter = new CostMeter();
        // the Thinking prompt is a prefix of every later prompt, so this prefill is reused
        const h = await backend.hiddenState!(input.format.promptFor(input.question), layer, options?.signal);
        meter.add(h.prefillTokens, 0);
        const [short, long] = probe.predict(h.vector) as [number, number];
        const clamp = (x: number) => Math.min(1, Math.max(0, x));
        const pNoThink = config.rule === 'short' ? clamp(short) : clamp(0.5 + (short - long) / 2);
        return { pNoThink, signals: { short, long, gap: long - short }, cost: meter.done() };
      },
    };
  },
});
