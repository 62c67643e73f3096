import type { GenerateRequest } from '@reasonkit/core';
import { createScriptedTextModel, type ScriptedTextModel } from '@reasonkit/core/testing';

/** The user message of a request (generateObject adds a schema system message). */
export const userText = (r: GenerateRequest): string => String(r.messages!.find((m) => m.role === 'user')!.content);

/**
 * A scripted chat model that answers the synthesis prompts of `synth/pipeline.ts` deterministically:
 * neighbours from the list, swaps by replacing the target, answers derived from the question, cloze by
 * replacing the question mark with "is ___.". For tests and benchmarks.
 */
export function scriptedSynthModel(o: { target: string; neighbors: string[]; id?: string; before?: (req: GenerateRequest) => void }): ScriptedTextModel {
  return createScriptedTextModel({
    id: o.id,
    loop: true,
    replies: (req) => {
      o.before?.(req);
      const t = userText(req);
      if (t.startsWith('List ')) return JSON.stringify({ neighbors: o.neighbors });
      const q = /Question: (.*)\n/.exec(t)![1]!;
      if (t.startsWith('Rewrite the question so')) return JSON.stringify({ question: q.replace(o.target, o.neighbors[0]!) });
      if (t.startsWith('Answer briefly')) return JSON.stringify({ answer: `A${q.length}` });
      return JSON.stringify({ cloze: `${q.replace(/\?$/, '')} is ___.`, answer: 'x' });
    },
  });
}
