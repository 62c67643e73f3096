import { ReasonkitError } from '@reasonkit/core';
import type { PlanningLM, PlanningGenerateRequest } from '../strategies/planning-lm.js';

export interface ScriptedLMOptions {
  /** Replies in order (one per prompt × n), or a function of the prompt and call index. */
  replies: string[] | ((prompt: string, call: number) => string);
  /** Optional exact log-likelihoods: a function of (prefix, continuation). Enables caps.loglikelihood. */
  loglikelihood?: (prefix: string, continuation: string) => number;
}

/** A deterministic PlanningLM for tests; records every prompt in `prompts`. Tokens = characters / 4 (our choice). */
export function createScriptedLM(options: ScriptedLMOptions): PlanningLM & { prompts: string[] } {
  let call = 0;
  const prompts: string[] = [];
  const lm: PlanningLM & { prompts: string[] } = {
    prompts,
    caps: { loglikelihood: !!options.loglikelihood, maxContext: 1 << 20 },
    async generate(r: PlanningGenerateRequest) {
      const texts: string[][] = [];
      let promptTokens = 0;
      let completionTokens = 0;
      for (const p of r.prompts) {
        const outs: string[] = [];
        for (let k = 0; k < (r.n ?? 1); k++) {
          if (r.signal?.aborted) throw new ReasonkitError('ABORTED', 'scripted LM: aborted');
          prompts.push(p);
          let text: string;
          if (typeof options.replies === 'function') text = options.replies(p, call);
          else {
            const t = options.replies[call];
            if (t === undefined) throw new ReasonkitError('INVALID_ARGUMENT', `scripted LM: no reply scripted for call ${call}`, { record: call });
            text = t;
          }
          call++;
          for (const s of r.stop ?? []) {
            const i = text.indexOf(s);
            if (i >= 0) text = text.slice(0, i);
          }
          outs.push(text);
          promptTokens += Math.ceil(p.length / 4);
          completionTokens += Math.ceil(text.length / 4);
        }
        texts.push(outs);
      }
      return { texts, usage: { promptTokens, completionTokens } };
    },
  };
  if (options.loglikelihood) {
    const f = options.loglikelihood;
    lm.loglikelihood = async ({ prefix, continuations }) => continuations.map((c) => f(prefix, c));
  }
  return lm;
}
