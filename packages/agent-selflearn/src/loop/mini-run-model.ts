import { contentText, type GenerateRequest } from '@reasonkit/core';
import { createScriptedTextModel, type ScriptedTextModel } from '@reasonkit/core/testing';
import { stableId } from '../rollout/stable-id.js';
import { GENERATOR_SYSTEM } from './prompts.js';

/**
 * **Test double** for loop tests and benchmarks: a deterministic scripted model whose reply is a
 * function of the request only (never of call order), so a resumed run sees the same replies.
 * Generator: one search, then a question/answer; policy: one search, then an answer drawn from
 * three; judge: `conclusion: correct` or `wrong` by a hash of the request.
 */
export function createMiniRunModel(options: { onRequest?: (request: GenerateRequest) => void } = {}): ScriptedTextModel {
  return createScriptedTextModel({
    id: 'mini-run',
    replies: (request) => {
      options.onRequest?.(request);
      const msgs = request.messages ?? [];
      const system = contentText(msgs[0]?.content ?? '');
      const user = contentText(msgs[1]?.content ?? '');
      const searched = msgs.some((m) => m.role === 'tool');
      const h = parseInt(stableId(user, request.seed ?? 0, msgs.length).slice(0, 6), 16);
      if (!searched) return `<think>I should search.</think><tool_call>{"name":"retrieve","arguments":{"query":"${user.slice(0, 30).replace(/["\\\n]/g, ' ')}"}}</tool_call>`;
      if (system === GENERATOR_SYSTEM) {
        const n = h % 40;
        return `<think>found it</think><question>Which river number ${n} flows through the city in the documents?</question><answer>River ${n % 3}</answer>`;
      }
      if (user.startsWith('You are a teacher')) return `<think>checking</think><answer>conclusion: ${h % 5 < 3 ? 'correct' : 'wrong'}</answer>`;
      return `<think>done</think><answer>River ${h % 3}</answer>`;
    },
  });
}
