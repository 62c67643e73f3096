export { buildSyntheticCheckpoint, type SyntheticCheckpointConfig } from '../llama2c/synthetic-checkpoint.js';
