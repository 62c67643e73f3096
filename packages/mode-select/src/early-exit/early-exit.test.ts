import { describe, expect, it } from 'vitest';
import type { Tokenizer } from '@reasonkit/core';
import { createScriptedCausalLM, createScriptedTextModel } from '@reasonkit/core/testing';
import { createLocalBackend } from '../backend/local-backend.js';
import { createTextBackend } from '../backend/text-backend.js';
import { createThinkFormat, resolveFakeThought } from '../format/think-format.js';
import { noCost } from '../selectors/define.js';
import type { ExitPolicy, SelectionInput } from '../selectors/types.js';
import { type EarlyExitEvent, runEarlyExit } from './early-exit.js';
import { transitionWordSegmenter } from './segmenters.js';

const format = createThinkFormat({ id: 't', template: 'Q: {question}\n<think>' });
const input: SelectionInput = { question: 'x', format, fakeThought: resolveFakeThought('ma2025-finished') };

/** Exits at check `exitAt` (1-based; 0 = never); records the thoughts it saw. */
function scriptedPolicy(exitAt: number, closeWith?: string): ExitPolicy & { seen: string[] } {
  const seen: string[] = [];
  return {
    id: 'scripted',
    needs: [],
    config: {},
    seen,
    async check(state) {
      seen.push(state.thoughts);
      const cost = { ...noCost(), decodeTokens: 3 };
      return state.step === exitAt ? { exit: true, score: 1, reason: 'scripted', ...(closeWith ? { closeWith } : {}), cost } : { exit: false, score: 0, cost };
    },
  };
}

async function collect(it: AsyncIterable<EarlyExitEvent>): Promise<EarlyExitEvent[]> {
  const out: EarlyExitEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

// a word-level tokenizer where </think> is one token
const VOCAB = ['<unk>', '<s>', '</s>', '</think>', 'Wait', ' step', '42', ' Out of budget.', 'Q: x\n<think>'];
const tokenizer: Tokenizer = {
  vocabSize: VOCAB.length,
  bosId: 1,
  eosId: 2,
  encode(text, o) {
    const ids: number[] = o?.bos ? [1] : [];
    let i = 0;
    while (i < text.length) {
      let best = -1;
      for (let v = 3; v < VOCAB.length; v++) if (text.startsWith(VOCAB[v]!, i) && (best < 0 || VOCAB[v]!.length > VOCAB[best]!.length)) best = v;
      if (best < 0) throw new Error(`cannot encode ${JSON.stringify(text.slice(i))}`);
      ids.push(best);
      i += VOCAB[best]!.length;
    }
    return ids;
  },
  decode: (ids) => ids.filter((id) => id > 2).map((id) => VOCAB[id]).join(''),
  idToToken: (id) => VOCAB[id],
  tokenToId: (t) => (VOCAB.indexOf(t) >= 0 ? VOCAB.indexOf(t) : undefined),
};
const THOUGHT = [' step', ' step', 'Wait', ' step', ' step', 'Wait', ' step', ' step', ' step', ' step', ' step', ' step', ' step', ' step', ' step', '</think>'];

function scriptedLocal() {
  const lm = createScriptedCausalLM({
    vocabSize: VOCAB.length,
    eosTokenIds: [2],
    script: (ctx) => {
      const last = ctx.inputIds[ctx.inputIds.length - 1]!;
      if (VOCAB[last] === '</think>') return { token: 6 };
      if (VOCAB[last] === '42') return { token: 2 };
      const g = ctx.positions[ctx.positions.length - 1]! - 2 + 1; // prompt = BOS + 1 token
      return { token: VOCAB.indexOf(THOUGHT[Math.min(g, THOUGHT.length - 1)]!) };
    },
  });
  return createLocalBackend({ lm, tokenizer });
}

describe('early-exit controller as a generation hook (scripted CausalLM)', () => {
  it('checks before each transition word, re-inserts it on continue, and closes with exactly one tag', async () => {
    const policy = scriptedPolicy(2);
    const events = await collect(runEarlyExit(scriptedLocal(), policy, input, { segmenter: transitionWordSegmenter(['Wait']), maxTokens: 100, thinkRatio: 1, budgetOffset: 0 }));
    expect(policy.seen).toEqual([' step step', ' step stepWait step step']);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done');
    expect(done.text).toBe(' step stepWait step step</think>42');
    expect(done.text.split('</think>').length).toBe(2);
    expect(events.filter((e) => e.type === 'exit')).toEqual([{ type: 'exit', reason: 'policy' }]);
    expect(done.usage.checkTokens).toBe(6);
  });

  it('closeWith writes the agreed answer after the single close tag and stops', async () => {
    const events = await collect(runEarlyExit(scriptedLocal(), scriptedPolicy(1, '</think>42'), input, { segmenter: transitionWordSegmenter(['Wait']), maxTokens: 100 }));
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done');
    expect(done.text).toBe(' step step</think>42');
  });

  it('budget close at thinkRatio · maxTokens − 50 with the budget message', async () => {
    // budget = floor(0.5 · 108) − 50 = 4 thinking tokens
    const events = await collect(runEarlyExit(scriptedLocal(), scriptedPolicy(0), input, { segmenter: transitionWordSegmenter(['Wait']), maxTokens: 108, thinkRatio: 0.5, budgetMessage: ' Out of budget.' }));
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done');
    expect(done.text).toBe(' step stepWait step Out of budget.</think>42');
    expect(events.filter((e) => e.type === 'exit')).toEqual([{ type: 'exit', reason: 'budget' }]);
  });

  it('maxChecks: after the last check only the natural close ends thinking', async () => {
    const events = await collect(runEarlyExit(scriptedLocal(), scriptedPolicy(0), input, { segmenter: transitionWordSegmenter(['Wait']), maxTokens: 100, thinkRatio: 1, budgetOffset: 0, maxChecks: 1 }));
    expect(events.filter((e) => e.type === 'check').length).toBe(1);
    expect(events.filter((e) => e.type === 'exit')).toEqual([{ type: 'exit', reason: 'natural' }]);
  });

  it('an aborted signal stops promptly', async () => {
    const c = new AbortController();
    c.abort();
    await expect(collect(runEarlyExit(scriptedLocal(), scriptedPolicy(0), input, { segmenter: transitionWordSegmenter(['Wait']), maxTokens: 100 }, c.signal))).rejects.toThrow();
  });
});

describe('early-exit controller over a text model (scripted TextModel)', () => {
  it('re-inserts the stop word on continue, then closes once and asks for the answer', async () => {
    const model = createScriptedTextModel((req) => (req.prompt!.endsWith('</think>') ? ' 42' : 'Step one. Wait, step two. Wait, step three.'));
    const backend = createTextBackend({ model });
    const policy = scriptedPolicy(2);
    const events = await collect(runEarlyExit(backend, policy, input, { segmenter: transitionWordSegmenter(['Wait']), maxTokens: 1000 }));
    const prompts = model.requests.map((r) => r.prompt!);
    expect(prompts[0]).toBe('Q: x\n<think>');
    // second segment continues after the re-inserted transition word
    expect(prompts[1]!.endsWith('Step one. Wait')).toBe(true);
    expect(prompts.at(-1)!.split('</think>').length).toBe(2);
    expect(prompts.at(-1)!.endsWith('</think>')).toBe(true);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done');
    expect(done.text.endsWith('</think> 42')).toBe(true);
  });

  it('budget close with the message before the close tag', async () => {
    const model = createScriptedTextModel((req) => (req.prompt!.endsWith('</think>') ? ' 42' : 'a b c d e f g h i j k l'));
    const events = await collect(runEarlyExit(createTextBackend({ model }), scriptedPolicy(0), input, { segmenter: transitionWordSegmenter(['Wait']), maxTokens: 110, thinkRatio: 0.5, budgetMessage: ' Out of budget.' }));
    expect(model.requests[0]!.maxTokens).toBe(5);
    expect(events.filter((e) => e.type === 'exit')).toEqual([{ type: 'exit', reason: 'budget' }]);
    expect(model.requests.at(-1)!.prompt!.endsWith(' Out of budget.</think>')).toBe(true);
  });
});
