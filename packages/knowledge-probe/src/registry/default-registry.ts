import { attentionWeightsMethod } from '../methods/attention-weights/attention-weights-method.js';
import { causalTracingMethod } from '../methods/causal-tracing/causal-tracing-method.js';
import { embeddingProjectionMethod } from '../methods/embedding-projection/embedding-projection-method.js';
import { fineMethod } from '../methods/fine/fine-method.js';
import { logitLensMethod } from '../methods/logit-lens/logit-lens-method.js';
import { patchscopesMethod } from '../methods/patchscopes/patchscopes-method.js';
import { selfExplanationMethod } from '../methods/self-explanation/self-explanation-method.js';
import { attributionMethod, knMethod, knowledgeCircuitsMethod, spineMethod } from './import-only-methods.js';
import { MethodRegistry } from './method-registry.js';

/** Builds the registry of every method this package knows, in Know-MRI's folder order. */
export function createDefaultRegistry() {
  return new MethodRegistry()
    .register(attentionWeightsMethod)
    .register(causalTracingMethod)
    .register(embeddingProjectionMethod)
    .register(fineMethod)
    .register(knMethod)
    .register(knowledgeCircuitsMethod)
    .register(logitLensMethod)
    .register(patchscopesMethod)
    .register(selfExplanationMethod)
    .register(spineMethod)
    .register(attributionMethod);
}

/** Type of the registry `createDefaultRegistry` returns. */
export type DefaultRegistry = ReturnType<typeof createDefaultRegistry>;
