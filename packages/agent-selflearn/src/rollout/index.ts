export { NUDGE, RolloutConfigSchema, runEpisode, STOP_STRINGS, type EpisodeOptions, type RolloutConfig, type Segment, type StopReason, type Trajectory } from './run-episode.js';
export { stableId } from './stable-id.js';
export { createSearchEnv, NO_RESULTS, SearchEnvOptionsSchema, type SearchEnvOptions, type ToolEnv } from './tool-env.js';
