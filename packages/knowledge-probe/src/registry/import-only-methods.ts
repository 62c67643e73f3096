import * as z from 'zod';
import type { MethodDef } from './method-def.js';

const none = z.object({});

/**
 * Know-MRI's gradient methods (spec §2.2): their results are computed in Python and loaded with
 * `fromKnowMri`; they are registered (so names, costs and taxonomy line up) but never offered to run.
 */
export const knMethod = {
  name: 'KN',
  version: 'import',
  requires: ['prompts', 'ground_truth'] as const,
  capabilities: [] as const,
  costSecondsPerQuery: 80,
  taxonomy: ['Internal', 'Module', 'MLP', 'Neuron Attribution'],
  params: none,
} satisfies MethodDef<'KN', 'prompts' | 'ground_truth', {}>;

/** Know-MRI's Attribution method: import-only (results are loaded with `fromKnowMri`). */
export const attributionMethod = {
  name: 'Attribution',
  version: 'import',
  requires: ['prompt', 'ground_truth'] as const,
  capabilities: [] as const,
  costSecondsPerQuery: 3,
  taxonomy: ['External', 'Attribution'],
  params: none,
} satisfies MethodDef<'Attribution', 'prompt' | 'ground_truth', {}>;

/** Know-MRI's KnowledgeCircuits method: import-only (results are loaded with `fromKnowMri`). */
export const knowledgeCircuitsMethod = {
  name: 'KnowledgeCircuits',
  version: 'import',
  requires: ['prompt', 'ground_truth', 'triple_subject', 'triple_relation', 'triple_object'] as const,
  capabilities: [] as const,
  costSecondsPerQuery: 320,
  taxonomy: ['Internal', 'Module', 'Circuit'],
  params: none,
} satisfies MethodDef<'KnowledgeCircuits', 'prompt' | 'ground_truth' | 'triple_subject' | 'triple_relation' | 'triple_object', {}>;

/** Know-MRI's SPINE method: import-only (results are loaded with `fromKnowMri`). */
export const spineMethod = {
  name: 'SPINE',
  version: 'import',
  requires: ['prompt'] as const,
  capabilities: [] as const,
  costSecondsPerQuery: 12,
  taxonomy: ['Internal', 'Representation', 'Feature'],
  params: none,
} satisfies MethodDef<'SPINE', 'prompt', {}>;
