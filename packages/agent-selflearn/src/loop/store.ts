import type { PhaseKind } from './asl-config.js';

/** A stored trajectory (one episode of one role). */
export interface TrajectoryRow {
  id: string;
  step: number;
  sampleIdx: number;
  role: 'generator' | 'attempt' | 'judge' | 'self-check' | 'grm' | 'policy';
  taskId?: string;
  modelRef: string;
  messagesJson: string;
  finalAnswer?: string;
  finalQuestion?: string;
  turns: number;
  toolCalls: number;
  stopReason: string;
}

/** A stored GRM verdict on a trajectory or a task. */
export interface VerdictRow {
  id: string;
  judgedTrajId?: string;
  judgeTrajId: string;
  mode: string;
  label?: string;
  score: number;
  purpose: 'reward' | 'attempt' | 'self-check' | 'eval';
}

/** A stored reward with its components (e.g. difficulty, format). */
export interface RewardRow {
  trajId: string;
  total: number;
  components: Record<string, number>;
}

/** A kept, de-duplicated generated task in the pool. */
export interface TaskRow {
  id: string;
  round: number;
  origin: string;
  question: string;
  answer: string;
  metaPromptId?: string;
  difficulty: number;
  selfCheckRate?: number;
  normHash: string;
}

/** A GRM training row: a candidate answer with its label and where the label came from. */
export interface VerifyRow {
  id: string;
  round: number;
  question: string;
  candidate: string;
  label: string;
  labelSource: 'self' | 'generator-subem' | 'grm-with-reference' | 'real';
}

/** A PG meta-prompt (topic seed, or width/depth adaptive prompt). */
export interface MetaPromptRow {
  id: string;
  round: number;
  kind: 'topic' | 'width' | 'depth';
  direction?: 'harder' | 'easier';
  sourceTaskId?: string;
  text: string;
  referenceAnswer?: string;
}

/** Everything one step writes, committed in one transaction together with the phase cursor (spec §8). */
export interface StepWrite {
  phaseId: string;
  step: number;
  trajectories: TrajectoryRow[];
  verdicts: VerdictRow[];
  rewards: RewardRow[];
  tasks: TaskRow[];
  verifyRows: VerifyRow[];
  metaPrompts: MetaPromptRow[];
  stats: Record<string, number>;
}

/** A phase of a run and its cursor. */
export interface PhaseRow {
  id: string;
  metaIter: number;
  round: number;
  kind: PhaseKind;
  status: 'running' | 'done';
  /** Steps committed so far (the cursor). */
  steps: number;
  stopReason?: string;
}

/** Persistence of one or more runs. `SqliteStore` (from `/node`) is the crash-safe implementation. */
export interface Store {
  /** Creates the run (and its first phase) or returns the stored config JSON when it exists. */
  openRun(runId: string, configJson: string, seed: number): { configJson: string; created: boolean };
  /** The phase in progress (or the last one). */
  currentPhase(runId: string): PhaseRow;
  /** Commits one step atomically; replaying a committed step throws a store-conflict error. */
  commitStep(write: StepWrite): void;
  /** Marks the phase done and opens the next one (one transaction). */
  endPhase(runId: string, phaseId: string, reason: string): PhaseRow;
  /** Per-step values of `key`, newest first. */
  stepStats(phaseId: string, key: string): number[];
  /** Kept (de-duplicated) tasks of a round, in insertion order. */
  tasks(runId: string, round: number, offset?: number, limit?: number): TaskRow[];
  /** Number of kept tasks of a round. */
  taskCount(runId: string, round: number): number;
  /** GRM training rows of a round, in insertion order. */
  verifyRows(runId: string, round: number): VerifyRow[];
  /** Meta-prompts for the PG phase of a round, in insertion order. */
  metaPrompts(runId: string, round: number): MetaPromptRow[];
  /** Normalised-question hashes already in the pool of the run (for de-duplication). */
  hasTaskHash(runId: string, normHash: string): boolean;
  /** Releases the store. */
  close(): void;
}
