import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../retrieval/bm25-index.js';
import { NUDGE, runEpisode } from './run-episode.js';
import { createSearchEnv, NO_RESULTS } from './tool-env.js';

const prompt = [
  { role: 'system' as const, content: 'You can call retrieve.' },
  { role: 'user' as const, content: 'What is the capital of France?' },
];
const call = (q: string) => `<think>search</think><tool_call>{"name":"retrieve","arguments":{"query":"${q}"}}</tool_call> trailing text never returned`;

async function env(options: Parameters<typeof createSearchEnv>[1] = {}) {
  const index = await Bm25Index.build([
    { id: '0', contents: '"Paris"\nParis is the capital of France.' },
    { id: '1', contents: '"Rome"\nRome is the capital of Italy.' },
  ]);
  return createSearchEnv(index, options);
}

describe('runEpisode (T8)', () => {
  it('calls the tool, appends untrainable observations, stops on </answer>', async () => {
    const model = createScriptedTextModel([call('capital of France'), '<think>found</think><answer>Paris</answer> ignored']);
    const t = await runEpisode(model, await env(), prompt);
    expect(t.stopReason).toBe('answer');
    expect(t.answer).toBe('Paris');
    expect(t.turns).toBe(2);
    expect(t.toolCalls).toBe(1);
    expect(model.requests[0]!.stop).toEqual(['</tool_call>', '</answer>']);
    expect(model.requests[0]!.includeStop).toBe(true);
    expect(t.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(t.messages[2]!.content).toMatch(/<\/tool_call>$/);
    expect(t.messages[3]!.content).toContain('\nid: 0\ncontent:\n"Paris"');
    expect(t.segments.filter((s) => s.kind === 'observation').every((s) => !s.trainable)).toBe(true);
    expect(t.segments.filter((s) => s.kind === 'prompt').every((s) => !s.trainable)).toBe(true);
    expect(t.segments.filter((s) => s.kind === 'model').every((s) => s.trainable)).toBe(true);
    // the second request carries the observation
    expect(model.requests[1]!.messages!.at(-1)!.role).toBe('tool');
  });
  it('obeys maxTurns 9', async () => {
    const model = createScriptedTextModel({ replies: [call('x')], loop: true });
    const t = await runEpisode(model, await env(), prompt);
    expect(t.stopReason).toBe('max-turns');
    expect(t.turns).toBe(9);
    expect(model.requests).toHaveLength(9);
  });
  it('obeys the response token budget and caps each turn', async () => {
    const long = call('x') + ' ' + 'pad '.repeat(50);
    const model = createScriptedTextModel({ replies: [long], loop: true });
    const t = await runEpisode(model, await env(), prompt, { maxResponseTokens: 40, maxTokensPerTurn: 30 });
    expect(model.requests[0]!.maxTokens).toBe(30);
    expect(t.stopReason).toBe('max-tokens');
    expect(t.responseTokens).toBeGreaterThanOrEqual(40);
  });
  it('onNoAction: stop (ASL) vs nudge (Search-R1)', async () => {
    const stop = await runEpisode(createScriptedTextModel(['I am not sure.']), await env(), prompt);
    expect(stop.stopReason).toBe('no-action');
    expect(stop.turns).toBe(1);
    const model = createScriptedTextModel(['hmm', '<search>capital of France</search>', '<answer>Paris</answer>']);
    const nudged = await runEpisode(model, await env({ dialect: 'search-r1', render: 'search-r1' }), prompt, { dialect: 'search-r1', onNoAction: 'nudge' });
    expect(nudged.stopReason).toBe('answer');
    expect(nudged.messages[3]).toEqual({ role: 'user', content: NUDGE });
    expect(nudged.messages[5]!.content).toMatch(/^\n\n<information>Doc 1\(Title: "Paris"\)/);
    expect(model.requests[0]!.stop).toEqual(['</search>', '</answer>']);
  });
  it('malformed tool JSON is recorded, not executed; the env answers "No search results found"', async () => {
    const t = await runEpisode(createScriptedTextModel(['<tool_call>{"name": broken</tool_call>', '<answer>x</answer>']), await env(), prompt);
    expect(t.malformedToolCalls).toBe(1);
    expect(t.messages[3]).toEqual({ role: 'tool', content: NO_RESULTS });
    expect(t.stopReason).toBe('answer');
  });
  it('same seed and prompt → same id and requests; different sample → different id and seed', async () => {
    const a = createScriptedTextModel({ replies: ['<answer>A</answer>'], loop: true });
    const t1 = await runEpisode(a, await env(), prompt, { seed: 5 }, { sampleIdx: 0 });
    const t2 = await runEpisode(a, await env(), prompt, { seed: 5 }, { sampleIdx: 0 });
    const t3 = await runEpisode(a, await env(), prompt, { seed: 5 }, { sampleIdx: 1 });
    expect(t1.id).toBe(t2.id);
    expect(t3.id).not.toBe(t1.id);
    expect(a.requests.map((r) => r.seed)).toEqual([5, 5, 1005]);
  });
  it('a model error ends the episode with stopReason error; an abort throws', async () => {
    const failing = createScriptedTextModel(() => {
      throw new Error('server down');
    });
    const t = await runEpisode(failing, await env(), prompt);
    expect(t.stopReason).toBe('error');
    expect(t.error).toMatch(/server down/);
    const ac = new AbortController();
    ac.abort();
    await expect(runEpisode(createScriptedTextModel(['x']), await env(), prompt, {}, { signal: ac.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
