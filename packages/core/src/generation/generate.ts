import type { CausalLM } from '../model/causal-lm.js';
import type { GenerateOptions } from './generate-options.js';
import { type GenerationResult, GenerationRun } from './stream-generate.js';

/**
 * Generates to the end and returns the result: the same steps, hooks and result as
 * `streamGenerate`, driven in a plain loop (no async-generator round trip per token).
 */
export async function generate(lm: CausalLM, options: GenerateOptions): Promise<GenerationResult> {
  const run = new GenerationRun(lm, options);
  while ((await run.next()) !== undefined);
  return run.finish().result;
}
