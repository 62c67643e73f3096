import { mulberry32 } from '@reasonkit/core';
import type { ExtractedTriple } from '../build/extract-triples.js';

const FIELDS = ['graph representation learning', 'language model reasoning', 'image segmentation', 'reinforcement learning exploration', 'speech recognition', 'protein structure prediction', 'time series forecasting', 'federated optimisation', 'code generation', 'molecular generation'];
const DIFFICULTIES = ['noisy supervision', 'distribution shift', 'sparse rewards', 'long-range dependencies', 'label scarcity', 'compute cost', 'calibration errors', 'oversmoothing', 'hallucinated outputs', 'catastrophic forgetting', 'spurious correlations', 'privacy leakage'];
const CONTEXTS = ['low-resource settings', 'large pretrained models', 'streaming data', 'multi-agent systems', 'long documents', 'edge devices', 'clinical data', 'open-ended tasks'];
const METHODS = ['contrastive', 'curriculum', 'retrieval augmented', 'mixture of experts', 'diffusion based', 'self-supervised', 'meta-learned', 'uncertainty weighted', 'graph rewiring', 'low-rank adapter'];
const PARTS = ['training objective with adaptive sampling', 'module with learned gating', 'pipeline with verification step', 'regulariser on intermediate features', 'scheduler driven by validation signals'];

/**
 * Seeded synthetic (problem, challenge, solution) triples with paper-like names and descriptions, for
 * tests, examples and benchmarks. Names repeat across papers (problems most often), so merging happens.
 */
export function syntheticTriples(paperIndex: number, seed = 1, perPaper = 3): ExtractedTriple[] {
  const rand = mulberry32(seed * 7919 + paperIndex);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const out: ExtractedTriple[] = [];
  const field = pick(FIELDS);
  for (let i = 0; i < perPaper; i++) {
    const diff = pick(DIFFICULTIES);
    const ctx = pick(CONTEXTS);
    const m = pick(METHODS);
    const part = pick(PARTS);
    const variant = Math.floor(rand() * 50);
    out.push({
      problem: { name: `Improving ${field}`, description: `The task of ${field}: learning models that perform well on ${field} benchmarks.` },
      challenge: { name: `${diff} in ${field} for ${ctx}`, description: `Models for ${field} suffer from ${diff} when deployed in ${ctx}, which degrades accuracy and reliability.` },
      solution: { name: `${m} ${part} variant ${variant}`, description: `A ${m} ${part} that counters ${diff} by reweighting examples and sharing statistics across ${ctx}.` },
    });
  }
  return out;
}
