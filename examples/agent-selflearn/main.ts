// @reasonkit/agent-selflearn in one file: build a BM25 index over a tiny corpus, serve it on
// loopback with the Search-R1 `/retrieve` API, connect an HttpRetriever to it, and run multi-turn
// search episodes (think → tool_call retrieve → observation → answer) scored by exact match.
//
// The policy is any core `TextModel`. Offline, a scripted stand-in (core's
// `createScriptedTextModel`) searches for the question, then answers with the title of the top
// hit it read in the observation; pass `--base-url http://127.0.0.1:8080/v1 --model m` to use a
// real OpenAI-compatible server instead. Run: npm start -w @reasonkit/example-agent-selflearn
import { pathToFileURL } from 'node:url';
import { Bm25Index, createSearchEnv, exactMatch, HttpRetriever, POLICY_SYSTEM, runEpisode } from '@reasonkit/agent-selflearn';
import { serveRetriever } from '@reasonkit/agent-selflearn/node';
import { createOpenAICompatible, type TextModel } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';

const corpus = [
  { id: '0', contents: '"Paris"\nParis is the capital and largest city of France, on the Seine.' },
  { id: '1', contents: '"Rome"\nRome is the capital city of Italy, on the Tiber.' },
  { id: '2', contents: '"Canberra"\nCanberra is the capital city of Australia.' },
  { id: '3', contents: '"Danube"\nThe Danube flows through Vienna, Budapest and Belgrade.' },
];
export const questions = [
  { question: 'What is the capital of Italy?', gold: ['Rome'] },
  { question: 'Which river flows through Budapest?', gold: ['Danube'] },
  { question: 'What is the capital of Australia?', gold: ['Canberra'] },
];

/** Scripted stand-in policy: turn 1 searches the user question; turn 2 answers with the first quoted title in the last observation. */
export function scriptedPolicy(): TextModel {
  return createScriptedTextModel({
    id: 'scripted-policy',
    loop: true,
    replies: (request) => {
      const messages = request.messages ?? [];
      const last = messages.at(-1);
      if (last?.role === 'tool' && typeof last.content === 'string') {
        const title = /"([^"]+)"/.exec(last.content)?.[1] ?? 'unknown';
        return `<think>The top document is about ${title}.</think><answer>${title}</answer>`;
      }
      const user = messages.find((m) => m.role === 'user');
      const q = typeof user?.content === 'string' ? user.content : '';
      return `<think>I should search.</think><tool_call>{"name":"retrieve","arguments":{"query":${JSON.stringify(q)}}}</tool_call>`;
    },
  });
}

export async function run(options: { model?: TextModel; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const index = await Bm25Index.build(corpus);
  const server = await serveRetriever(index, { port: 0 });
  try {
    log(`Retriever on ${server.url}/retrieve (${corpus.length} docs)`);
    const retriever = new HttpRetriever({ endpoints: [`${server.url}/retrieve`], timeoutMs: 5_000, retries: 2 });
    const env = createSearchEnv(retriever);
    const model = options.model ?? scriptedPolicy();
    const results = [];
    for (const { question, gold } of questions) {
      const t = await runEpisode(model, env, [
        { role: 'system', content: POLICY_SYSTEM },
        { role: 'user', content: question },
      ]);
      const em = t.answer === undefined ? 0 : exactMatch(t.answer, gold);
      results.push({ question, answer: t.answer, stopReason: t.stopReason, turns: t.turns, toolCalls: t.toolCalls, em });
      log(`${question} → ${JSON.stringify(t.answer)} (${t.stopReason}, ${t.turns} turns, ${t.toolCalls} search) EM=${em}`);
    }
    log(`Exact match ${results.reduce((s, r) => s + Number(r.em), 0)}/${results.length}`);
    return results;
  } finally {
    await server.close();
  }
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const baseURL = arg('base-url');
  await run(baseURL ? { model: createOpenAICompatible({ baseURL, model: arg('model') ?? 'default' }) } : {});
}
