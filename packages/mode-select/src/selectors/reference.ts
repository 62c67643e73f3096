import * as z from 'zod';
import { mulberry32 } from '@reasonkit/core';
import { ModeSelectError } from '../errors/mode-select-error.js';
import { defineSelector, noCost } from './define.js';

/** Always Thinking (pNoThink 0). */
export const alwaysThinkSelector = defineSelector({
  id: 'always-think',
  name: 'Always think',
  status: 'reference',
  family: 'reference',
  source: 'reference',
  needs: [],
  config: z.object({}),
  create: (config) => ({ id: 'always-think', needs: [], config, score: async () => ({ pNoThink: 0, signals: {}, cost: noCost() }) }),
});

/** Always NoThinking (pNoThink 1). */
export const alwaysNoThinkSelector = defineSelector({
  id: 'always-nothink',
  name: 'Always NoThinking',
  status: 'reference',
  family: 'reference',
  source: 'reference',
  needs: [],
  config: z.object({}),
  create: (config) => ({ id: 'always-nothink', needs: [], config, score: async () => ({ pNoThink: 1, signals: {}, cost: noCost() }) }),
});

/** FNV-1a hash of a string (seeds a per-question draw so scores do not depend on call order). */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Random routing at rate r, seeded per question: pNoThink = 1 with probability r, else 0. */
export const randomSelector = defineSelector({
  id: 'random',
  name: 'Random at matched rate',
  status: 'reference',
  family: 'reference',
  source: 'reference (spec §8.3)',
  needs: [],
  config: z.object({ rate: z.number().min(0).max(1).default(0.5), seed: z.number().int().default(0) }),
  create: (config) => ({
    id: 'random',
    needs: [],
    config,
    async score(input) {
      const u = mulberry32((hash32(input.id ?? input.question) ^ config.seed) >>> 0)();
      return { pNoThink: u < config.rate ? 1 : 0, signals: { u }, cost: noCost() };
    },
  }),
});

/** Oracle d = 1[yNT ≥ yT] from known outcomes (harness only). */
export const oracleSelector = defineSelector({
  id: 'oracle',
  name: 'Oracle',
  status: 'reference',
  family: 'reference',
  source: 'reference (spec §8.3)',
  needs: ['labels'],
  config: z.object({}),
  create: (config, deps) => ({
    id: 'oracle',
    needs: ['labels'],
    config,
    async score(input) {
      const y = deps.labels!(input);
      if (!y) throw new ModeSelectError('capability', `oracle: no labels for question ${input.id ?? JSON.stringify(input.question)}`, { record: input.id ?? input.question });
      return { pNoThink: y.yNoThink >= y.yThink ? 1 : 0, signals: {}, cost: noCost() };
    },
  }),
});
