export { plateau, type PlateauOptions } from './plateau.js';
export { balancedGrmRows, isValidTask, keepForPool, parseGeneratorOutput, type GeneratedTask, type JudgedAttempt } from './generator-step.js';
export { AslConfigSchema, phaseOf, type AslConfig, type PhaseKind, type ResolvedAslConfig } from './asl-config.js';
export { checkAlerts, duplicatesPer1000, grmEmGapPoints, type Alert, type AlertKind, type MonitorThresholds } from './monitors.js';
export { RoundOrchestrator, type OrchestratorEvent, type OrchestratorOptions, type RoleModels } from './orchestrator.js';
export { adaptiveMetaPrompt, GENERATOR_SYSTEM, grmUserPrompt, NO_ANSWER, POLICY_SYSTEM, PROMPT_PACK_VERSION, topicMetaPrompt, type AdaptiveMetaPromptInput } from './prompts.js';
export type { MetaPromptRow, PhaseRow, RewardRow, StepWrite, Store, TaskRow, TrajectoryRow, VerdictRow, VerifyRow } from './store.js';
export { ScoreRequestSchema, scoreVerlRow, type RowScore, type ScoreBatch, type ScoreDeps } from './score-row.js';
export { ChunkStaleJudge, type ModelProvider } from './chunk-stale-judge.js';
