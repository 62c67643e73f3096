import * as z from 'zod';
import { ModeSelectError } from '../errors/mode-select-error.js';
import { definePolicy } from './define.js';
import { CostMeter, probePrompt } from './policy-helpers.js';

/** zod schema of a `ProbeConfConfig`: validates it and applies its defaults. */
export const ProbeConfConfigSchema = z.object({
  /** Hidden-state layer; `'last'` = the highest `hidden_states.L` the model exposes [ref: reasoning_models_probing]. */
  layer: z.union([z.literal('last'), z.number().int().nonnegative()]).default('last'),
  /**
   * Where the state is read: the last token of prompt + fake-thought body (`inside-think`,
   * default [our choice]: a prefix of the NoThinking prompt, so its prefill is reused) or of the
   * whole NoThinking prefix (`after-close`).
   */
  placement: z.enum(['inside-think', 'after-close']).default('inside-think'),
  /** Text appended before reading (the reference appends `\n\n` after the chunks). Default '' [our choice]. */
  suffix: z.string().default(''),
  /** Exit iff p > threshold; 0.5 [ref: reasoning_models_probing]. */
  threshold: z.number().min(0).max(1).default(0.5),
});

/**
 * ProbeConf: a trained probe on the last hidden state [ref: AngelaZZZ-611/reasoning_models_probing;
 * arXiv 2504.05419]. Run online (the reference is post hoc only, spec §9.2).
 */
export const probeconfPolicy = definePolicy({
  id: 'probeconf',
  name: 'ProbeConf',
  status: 'confirmed',
  family: 'internal',
  source: 'AngelaZZZ-611/reasoning_models_probing (arXiv 2504.05419)',
  needs: ['hidden'],
  config: ProbeConfConfigSchema,
  create(config, deps) {
    const backend = deps.backend!;
    const probe = deps.probe;
    if (!probe) throw new ModeSelectError('capability', 'probeconf needs a trained probe: pass deps.probe (trainProbe / probeFromJSON)', { field: 'deps.probe', selector: 'probeconf' });
    const layer = config.layer === 'last' ? backend.hiddenLayers[backend.hiddenLayers.length - 1]! : config.layer;
    return {
      id: 'probeconf',
      needs: ['hidden'],
      config: { ...config, resolvedLayer: layer },
      async check(state, options) {
        const meter = new CostMeter();
        const h = await backend.hiddenState!(probePrompt(state, config.placement) + config.suffix, layer, options?.signal);
        meter.add(h.prefillTokens, 0);
        const p = probe.predict(h.vector)[0]!;
        const cost = meter.done();
        return p > config.threshold ? { exit: true, score: p, reason: `probe ${p.toFixed(3)}`, signals: { probe: p }, cost } : { exit: false, score: p, signals: { probe: p }, cost };
      },
    };
  },
});
