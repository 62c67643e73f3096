export type { CausalLM, CausalLMConfig, ForwardInput, ForwardOutput } from './causal-lm.js';
export { checkImplicitPositions } from './implicit-positions.js';
