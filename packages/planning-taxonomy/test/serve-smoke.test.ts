import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAICompatible } from '@reasonkit/core';
import { createOpenAIServer } from '@reasonkit/core/node';
import type { OpenAIServer } from '@reasonkit/core/node';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { BLOCKSWORLD_DOMAIN, BLOCKSWORLD_VERBALIZER, blocksworldProblemText } from '../src/bench/index.js';
import { parseDomain, parseProblem } from '../src/pddl/index.js';
import { backprompt, fromTextModel, llmPlusP } from '../src/strategies/index.js';

// Plumbing smoke test: strategy → fromTextModel → OpenAI-compatible client → `reasonkit serve`'s
// server (createOpenAIServer) on loopback → a scripted TextModel. No language model runs.
const domain = parseDomain(BLOCKSWORLD_DOMAIN);
const sussmanText = blocksworldProblemText('sussman', ['a', 'b', 'c'], [['a', 'c'], ['b']], [['a', 'b'], ['b', 'c']]);
const sussman = parseProblem(sussmanText, domain);
const replies = [
  // LLM+P: a malformed translation, then the repaired one.
  '```pddl\n(define (problem s) (:domain blocksworld-4ops) (:objects a b c)\n```',
  sussmanText,
  // Back-prompting: invalid, invalid, valid.
  'pick up the red block\n[PLAN END]',
  'unstack the orange block from on top of the red block\nput down the orange block\n[PLAN END]',
  'unstack the orange block from on top of the red block\nput down the orange block\npick up the blue block\nstack the blue block on top of the orange block\npick up the red block\nstack the red block on top of the blue block\n[PLAN END]',
];
let server: OpenAIServer;
const model = createScriptedTextModel({ replies, id: 'scripted-planner' });

beforeAll(async () => {
  server = await createOpenAIServer({ model, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
});

describe('LLM+P and back-prompting over the loopback OpenAI server', () => {
  it('LLM+P repairs a parse error in round 2, then back-prompting succeeds in round 3', async () => {
    const lm = fromTextModel(createOpenAICompatible({ baseURL: server.url, model: 'scripted-planner' }), { chat: true });
    expect(lm.caps.loglikelihood).toBe(false);
    const p = await llmPlusP({ repairRounds: 2 })({ id: 's', domain, nl: 'c is on a; goal a on b on c', goldProblem: sussman }, lm);
    expect(p.translationFailures.map((f) => [f.round, f.kind])).toEqual([[1, 'parse-error']]);
    expect(p.report.valid).toBe(true);
    expect(p.plan).toHaveLength(6);
    const b = await backprompt()({ id: 's', domain, problem: sussman, verbalizer: BLOCKSWORLD_VERBALIZER }, lm);
    const t = b.trace as { rounds: { status: string }[] };
    expect(t.rounds.map((r) => r.status)).toEqual(['precondition', 'goal', 'valid']);
    expect(b.report.valid).toBe(true);
    expect(model.requests).toHaveLength(5);
    expect(model.requests[1]!.messages![0]!.content).toContain('That problem file failed');
  });
});
