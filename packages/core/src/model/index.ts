export type { CausalLM, CausalLMConfig, ForwardInput, ForwardOutput } from './causal-lm.js';
