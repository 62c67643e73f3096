// `usage.llmCalls` counts what the model is asked (issue 10 item 14): one call per completion
// (prompt × sample) and per scored continuation, so `llmCalls` budgets mean what they say. A
// counting wrapper around the scripted LM is the ground truth.
import { describe, expect, it } from 'vitest';
import { BLOCKSWORLD_DOMAIN } from '../bench/blocksworld-domain.js';
import { BLOCKSWORLD_VERBALIZER } from '../bench/blocksworld-verbalizer.js';
import { blocksworldProblemText } from '../bench/blocksworld-generator.js';
import { parseDomain, parseProblem } from '../pddl/index.js';
import { createScriptedLM } from '../testing/index.js';
import { constrainedDecoding, rapMcts, selfEvalBeam, totBfs } from './index.js';
import type { PlanningInstance, PlanningLM } from './index.js';

const domain = parseDomain(BLOCKSWORLD_DOMAIN);
const inst: PlanningInstance = {
  id: 'sussman',
  domain,
  problem: parseProblem(blocksworldProblemText('sussman', ['a', 'b', 'c'], [['a', 'c'], ['b']], [['a', 'b'], ['b', 'c']]), domain),
  verbalizer: BLOCKSWORLD_VERBALIZER,
  optimalLength: 6,
};

/** Wraps an LM and counts the completions and scored continuations it is asked for. */
function counting(lm: PlanningLM): PlanningLM & { calls: number } {
  const c: PlanningLM & { calls: number } = {
    calls: 0,
    caps: lm.caps,
    async generate(r) {
      c.calls += r.prompts.length * (r.n ?? 1);
      return lm.generate(r);
    },
  };
  if (lm.loglikelihood) {
    const ll = lm.loglikelihood.bind(lm);
    c.loglikelihood = async (r) => {
      c.calls += r.continuations.length;
      return ll(r);
    };
  }
  return c;
}

const exact = () => counting(createScriptedLM({ replies: [], loglikelihood: (_p, c) => -c.length / 10 }));
const sampled = (reply = 'yes') => counting(createScriptedLM({ replies: () => reply }));

describe('llmCalls counts one call per candidate and per sample', () => {
  it('constrainedDecoding with exact log-likelihoods: one per legal action scored', async () => {
    const lm = exact();
    const r = await constrainedDecoding({ depthLimit: 3 })(inst, lm);
    expect(lm.calls).toBeGreaterThan(3); // several legal actions per step
    expect(r.usage.llmCalls).toBe(lm.calls);
  });

  it('constrainedDecoding with sampled self-evaluation: fallbackSamples per candidate', async () => {
    const lm = sampled();
    const r = await constrainedDecoding({ depthLimit: 2, fallbackSamples: 3 })(inst, lm);
    expect(r.usage.llmCalls).toBe(lm.calls);
  });

  it('selfEvalBeam, exact and sampled', async () => {
    for (const lm of [exact(), sampled('no')]) {
      const r = await selfEvalBeam({ beamSize: 2, depthLimit: 2, fallbackSamples: 2 })(inst, lm);
      expect(r.usage.llmCalls).toBe(lm.calls);
    }
  });

  it('rapMcts, exact and sampled, and its llmCalls budget stops on real calls', async () => {
    for (const lm of [exact(), sampled()]) {
      const r = await rapMcts({ nIters: 3, depthLimit: 2 })(inst, lm);
      expect(r.usage.llmCalls).toBe(lm.calls);
    }
    const lm = sampled();
    const r = await rapMcts({ nIters: 50, depthLimit: 4, fallbackSamples: 5, budget: { llmCalls: 20 } })(inst, lm);
    expect(r.usage.llmCalls).toBe(lm.calls);
    expect((r.trace as { stopReason: string }).stopReason).toBe('budget-llm-calls');
  });

  it('totBfs values each candidate nEvaluate times', async () => {
    const lm = counting(createScriptedLM({ replies: (p) => (p.includes('[PROPOSE') ? 'pick up the blue block\nunstack the orange block from on top of the red block' : 'likely') }));
    const r = await totBfs({ b: 1, nEvaluate: 3, depthLimit: 2 })(inst, lm);
    expect(r.usage.llmCalls).toBe(lm.calls);
  });
});
