import type { CausalLM } from '../model/causal-lm.js';
import type { GenerateOptions } from './generate-options.js';
import { type GenerationResult, streamGenerate } from './stream-generate.js';

/** Runs `streamGenerate` to the end and returns its result. See `streamGenerate` for semantics. */
export async function generate(lm: CausalLM, options: GenerateOptions): Promise<GenerationResult> {
  for await (const part of streamGenerate(lm, options)) {
    if (part.type === 'finish') return part.result;
  }
  /* c8 ignore next */
  throw new Error('streamGenerate ended without a finish part');
}
