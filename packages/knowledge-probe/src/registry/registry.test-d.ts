// Compile-time checks (run by `tsc --noEmit -p packages/knowledge-probe`): a sample missing a
// method's required key does not compile.
import type { ProbeModel } from '../model/probe-model.js';
import { createDefaultRegistry } from './default-registry.js';

declare const model: ProbeModel;
const registry = createDefaultRegistry();

export async function typeChecks(): Promise<void> {
  await registry.run('Logit Lens', { prompt: 'Once upon a time' }, model);
  await registry.run('Logit Lens', { prompt: 'x' }, model, { topK: 5, finalNorm: 'knowmri' });
  await registry.run('CausalTracing', { prompt: 'a b', triple_subject: 'a' }, model, { corruption: 'zeros' });
  // @ts-expect-error CausalTracing requires triple_subject
  await registry.run('CausalTracing', { prompt: 'Once upon a time' }, model);
  // @ts-expect-error Self-explanation requires ground_truth
  await registry.run('Self-explanation', { prompt: 'x' }, model);
  // @ts-expect-error unknown parameter value
  await registry.run('Logit Lens', { prompt: 'x' }, model, { finalNorm: 'sometimes' });
  // @ts-expect-error unknown method
  await registry.run('Nonexistent', { prompt: 'x' }, model);
}
