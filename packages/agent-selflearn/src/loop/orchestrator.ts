import { contentText, createConcurrencyLimit, mulberry32, parseOptions, throwIfAborted, type ChatMessage, type TextModel } from '@reasonkit/core';
import { exactMatch, normalizeAnswer } from '../metrics/normalize-answer.js';
import { lastBlock } from '../parse/tags.js';
import { formatReward } from '../reward/format-reward.js';
import { generatorReward } from '../reward/generator-reward.js';
import { parseVerdict, type Verdict } from '../reward/parse-verdict.js';
import { grmReward, policyReward } from '../reward/role-rewards.js';
import { runEpisode, type Trajectory } from '../rollout/run-episode.js';
import { stableId } from '../rollout/stable-id.js';
import type { ToolEnv } from '../rollout/tool-env.js';
import { AslConfigSchema, type AslConfig, type ResolvedAslConfig } from './asl-config.js';
import { balancedGrmRows, isValidTask, keepForPool, parseGeneratorOutput } from './generator-step.js';
import { checkAlerts, duplicatesPer1000, grmEmGapPoints, type Alert } from './monitors.js';
import { plateau } from './plateau.js';
import { adaptiveMetaPrompt, GENERATOR_SYSTEM, grmUserPrompt, NO_ANSWER, POLICY_SYSTEM, PROMPT_PACK_VERSION, topicMetaPrompt } from './prompts.js';
import type { MetaPromptRow, PhaseRow, StepWrite, Store, TrajectoryRow } from './store.js';
import { AslError } from '../errors/asl-error.js';
import { mixVerifyBatch, realVerifyRow, type RealVerifyRow } from './real-verification.js';

/** Events yielded by `RoundOrchestrator.run`. */
export type OrchestratorEvent =
  | { type: 'phase-start'; phase: PhaseRow }
  | { type: 'step'; phase: PhaseRow; step: number; stats: Record<string, number> }
  | { type: 'checkpoint'; phaseId: string; step: number }
  | { type: 'phase-end'; phase: PhaseRow; reason: string }
  | { type: 'alert'; phaseId: string; step: number; alert: Alert }
  | { type: 'done'; metaIter: number };

/** The models playing each role; one model plays all three in ASL. */
export interface RoleModels {
  generator: TextModel;
  policy: TextModel;
  judge: TextModel;
}

/** Options of `RoundOrchestrator`. */
export interface OrchestratorOptions {
  store: Store;
  /** One model for all roles, or one per role. */
  model: TextModel | RoleModels;
  env: ToolEnv;
  config?: AslConfig;
  /** Real verification rows (train split) for `config.injectRealVerification`; see `buildRealVerificationRows`. */
  realVerification?: readonly Pick<RealVerifyRow, 'question' | 'candidate' | 'label'>[];
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

function trajRow(t: Trajectory, step: number, role: TrajectoryRow['role'], taskId?: string): TrajectoryRow {
  return {
    id: t.id, step, sampleIdx: t.sampleIdx, role, ...(taskId ? { taskId } : {}), modelRef: t.modelRef, messagesJson: JSON.stringify(t.messages),
    ...(t.answer !== undefined ? { finalAnswer: t.answer } : {}), ...(t.question !== undefined ? { finalQuestion: t.question } : {}),
    turns: t.turns, toolCalls: t.toolCalls, stopReason: t.stopReason,
  };
}

/**
 * The ASL round orchestrator (spec §2, §8, §11): runs the phase state machine PG → GRM → Policy
 * over a `Store`, one transaction per step, and resumes exactly where the store says after a crash
 * (ids and seeds are functions of run, phase, step and sample, so a replayed step writes the same
 * rows). This in-process loop computes rollouts, verdicts, rewards, pools and step means; the
 * weights are updated elsewhere (verl) between steps, so with a fixed model it is a dry run of the
 * bookkeeping.
 */
export class RoundOrchestrator {
  private readonly store: Store;
  private readonly models: RoleModels;
  private readonly env: ToolEnv;
  private readonly real: readonly Pick<RealVerifyRow, 'question' | 'candidate' | 'label'>[];
  readonly config: ResolvedAslConfig;

  constructor(options: OrchestratorOptions) {
    this.store = options.store;
    const m = options.model as Partial<RoleModels> & TextModel;
    this.models = 'generate' in m && typeof m.generate === 'function' ? { generator: m, policy: m, judge: m } : (options.model as RoleModels);
    this.env = options.env;
    this.config = parseOptions(AslConfigSchema, options.config ?? {}, 'AslConfig');
    this.real = options.realVerification ?? [];
    if (this.config.injectRealVerification && this.real.length === 0) {
      throw new AslError('config', 'AslConfig.injectRealVerification is set but no realVerification rows were given', { field: 'realVerification' });
    }
  }

  private injecting(round: number): boolean {
    const inj = this.config.injectRealVerification;
    return inj !== undefined && round >= inj.fromRound;
  }

  /** Runs (or resumes) until `config.rounds` rounds are done; yields events. */
  async *run(options: { signal?: AbortSignal } = {}): AsyncIterable<OrchestratorEvent> {
    const c = this.config;
    const realSha = c.injectRealVerification ? stableId(JSON.stringify(this.real)) : undefined;
    const configJson = JSON.stringify({ ...c, promptPack: PROMPT_PACK_VERSION, ...(realSha ? { realVerification: realSha } : {}) });
    const opened = this.store.openRun(c.runId, configJson, c.seed);
    if (!opened.created && opened.configJson !== configJson) {
      throw new AslError('store-conflict', `run "${c.runId}" exists with a different config; use a new runId or the stored config`, { record: c.runId, field: 'config' });
    }
    let phase = this.store.currentPhase(c.runId);
    let announced = false;
    while (phase.round <= c.rounds) {
      throwIfAborted(options.signal, 'orchestrator');
      if (!announced) {
        yield { type: 'phase-start', phase };
        announced = true;
      }
      const reason = this.stopReason(phase);
      if (reason) {
        yield { type: 'phase-end', phase, reason };
        phase = this.store.endPhase(c.runId, phase.id, reason);
        announced = false;
        continue;
      }
      const write = await this.runStep(phase, options.signal);
      this.store.commitStep(write);
      yield { type: 'checkpoint', phaseId: phase.id, step: write.step };
      yield { type: 'step', phase, step: write.step, stats: write.stats };
      const first = this.store.stepStats(phase.id, 'thinkRatio').at(-1);
      for (const alert of checkAlerts(write.stats, first, c.monitors)) yield { type: 'alert', phaseId: phase.id, step: write.step, alert };
      phase = this.store.currentPhase(c.runId);
    }
    yield { type: 'done', metaIter: phase.metaIter };
  }

  /** Why the phase ends now, or undefined (checked before each step, so it is idempotent on resume). */
  stopReason(phase: PhaseRow): string | undefined {
    const c = this.config;
    if (phase.steps >= c.maxStepsPerPhase) return 'steps';
    if (phase.kind === 'generate') {
      const min = phase.round === 1 ? c.generate.poolFirst : c.generate.poolLater;
      return this.store.taskCount(c.runId, phase.round) > min ? 'pool-size' : undefined;
    }
    if (phase.kind === 'verify' && !this.injecting(phase.round) && this.store.verifyRows(c.runId, phase.round).length === 0) return 'no-data';
    if (phase.kind === 'solve' && this.store.taskCount(c.runId, phase.round) === 0) return 'no-data';
    const { window, eps } = phase.kind === 'verify' ? c.verify : c.solve;
    return plateau(this.store.stepStats(phase.id, 'mean'), window, eps) ? 'plateau' : undefined;
  }

  private stepSeed(phase: PhaseRow, step: number): number {
    return parseInt(stableId(this.config.seed, phase.metaIter, step).slice(0, 8), 16) % 1_000_000_000;
  }

  private async parallel<T, R>(items: readonly T[], fn: (item: T, i: number) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
    const limit = createConcurrencyLimit(this.config.concurrency);
    return Promise.all(
      items.map(async (item, i) => {
        const release = await limit.acquire(signal);
        try {
          return await fn(item, i);
        } finally {
          release();
        }
      }),
    );
  }

  private episode(role: keyof RoleModels, prompt: ChatMessage[], seed: number, sampleIdx: number, roleName: string, signal?: AbortSignal, taskId?: string): Promise<Trajectory> {
    return runEpisode(this.models[role], this.env, prompt, { ...this.config.rollout, seed }, { role: roleName, sampleIdx, signal, ...(taskId ? { taskId } : {}) });
  }

  private verdictOf(t: Trajectory): Verdict {
    return parseVerdict(t.finalText, this.config.grm.mode, { parse: this.config.grm.parse });
  }

  private format(t: Trajectory): number {
    if (!this.config.format.enabled) return 0;
    const prompt = t.messages.slice(0, 2);
    return formatReward({ prompt, completion: t.messages.slice(2) }, { compat: this.config.format.compat });
  }

  private judgePrompt(question: string, answer: string): ChatMessage[] {
    return [
      { role: 'system', content: POLICY_SYSTEM },
      { role: 'user', content: grmUserPrompt(question, answer) },
    ];
  }

  private async runStep(phase: PhaseRow, signal?: AbortSignal): Promise<StepWrite> {
    const step = phase.steps;
    const write: StepWrite = { phaseId: phase.id, step, trajectories: [], verdicts: [], rewards: [], tasks: [], verifyRows: [], metaPrompts: [], stats: {} };
    const seed = this.stepSeed(phase, step);
    if (phase.kind === 'generate') await this.generateStep(phase, write, seed, signal);
    else if (phase.kind === 'verify') await this.verifyStep(phase, write, seed, signal);
    else await this.solveStep(phase, write, seed, signal);
    return write;
  }

  private metaPromptsFor(phase: PhaseRow): MetaPromptRow[] {
    const c = this.config;
    const stored = phase.round > 1 ? this.store.metaPrompts(c.runId, phase.round) : [];
    if (stored.length > 0) return stored;
    return c.topics.map((topic, i) => ({ id: stableId('topic', topic, i), round: phase.round, kind: 'topic' as const, text: topicMetaPrompt(topic) }));
  }

  private async generateStep(phase: PhaseRow, w: StepWrite, seed: number, signal?: AbortSignal): Promise<void> {
    const c = this.config;
    const g = c.generate;
    const all = this.metaPromptsFor(phase);
    const batch = Array.from({ length: g.batch }, (_, j) => all[(w.step * g.batch + j) % all.length]!);
    const candidates = batch.flatMap((mp, j) => Array.from({ length: g.n }, (_, k) => ({ mp, idx: j * g.n + k })));
    // One concurrency limit for the whole step, taken around single episodes only (never held while
    // waiting for other episodes), so every candidate's PG → attempts → judges pipeline and its
    // self-checks overlap with all others (spec B4: ≤ 1.2× calls / concurrency × latency).
    const limit = createConcurrencyLimit(c.concurrency);
    const run = async (role: keyof RoleModels, prompt: ChatMessage[], idx: number, roleName: string, taskId?: string): Promise<Trajectory> => {
      const release = await limit.acquire(signal);
      try {
        return await this.episode(role, prompt, seed, idx, roleName, signal, taskId);
      } finally {
        release();
      }
    };
    const all3 = <T,>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
    const results = await Promise.all(
      candidates.map(async ({ mp, idx }, ci) => {
        const t = await run('generator', [{ role: 'system', content: GENERATOR_SYSTEM }, { role: 'user', content: mp.text }], idx, 'generator');
        const task = parseGeneratorOutput(t.finalText);
        const ok = isValidTask(task);
        const taskId = stableId(c.runId, phase.round, t.id);
        if (!ok) return { t, task, ok, taskId };
        const q = task.question!;
        const [pairs, checks] = await Promise.all([
          all3(g.attempts, async (a) => {
            const at = await run('policy', [{ role: 'system', content: POLICY_SYSTEM }, { role: 'user', content: q }], ci * g.attempts + a, 'attempt', taskId);
            const jt = await run('judge', this.judgePrompt(q, at.answer ?? NO_ANSWER), ci * g.attempts + a, 'judge', taskId);
            return { at, jt };
          }),
          all3(g.selfChecks, (s) => run('judge', this.judgePrompt(q, task.answer!), ci * g.selfChecks + s, 'self-check', taskId)),
        ]);
        return { t, task, ok, taskId, attempts: pairs.map((p) => p.at), judges: pairs.map((p) => p.jt), checks };
      }),
    );
    const pgRewards: number[] = [];
    const hashes: string[] = [];
    let valid = 0;
    const gap: { grm: number; em: number }[] = [];
    for (let ci = 0; ci < candidates.length; ci++) {
      const { t, task, ok, taskId, attempts, judges, checks } = results[ci]!;
      w.trajectories.push(trajRow(t, w.step, 'generator'));
      let attemptScores: number[] = [];
      let selfChecks: number[] | undefined;
      if (ok && attempts && judges && checks) {
        valid++;
        const q = task.question!;
        attemptScores = judges.map((j) => this.verdictOf(j).score);
        selfChecks = checks.map((j) => this.verdictOf(j).score);
        attempts.forEach((at, a) => {
          w.trajectories.push(trajRow(at, w.step, 'attempt', taskId));
          const jt = judges[a]!;
          const v = this.verdictOf(jt);
          w.trajectories.push(trajRow(jt, w.step, 'judge', taskId));
          w.verdicts.push({ id: stableId('v', jt.id, w.step, phase.id), judgedTrajId: at.id, judgeTrajId: jt.id, mode: c.grm.mode, ...(v.label ? { label: v.label } : {}), score: v.score, purpose: 'attempt' });
          if (at.answer !== undefined) gap.push({ grm: v.score, em: exactMatch(at.answer, [task.answer!]) });
        });
        checks.forEach((ct) => {
          const v = this.verdictOf(ct);
          w.trajectories.push(trajRow(ct, w.step, 'self-check', taskId));
          w.verdicts.push({ id: stableId('v', ct.id, w.step, phase.id), judgeTrajId: ct.id, mode: c.grm.mode, ...(v.label ? { label: v.label } : {}), score: v.score, purpose: 'self-check' });
        });
        // balanced GRM rows from the same attempts (labels = the GRM's own verdicts)
        const rows = balancedGrmRows(attempts.map((at, a) => ({ score: attemptScores[a]!, item: at })), mulberry32(seed + ci));
        rows.forEach(({ item, label }) =>
          w.verifyRows.push({ id: stableId('vr', item.id, w.step, phase.id), round: phase.round, question: q, candidate: item.answer ?? NO_ANSWER, label, labelSource: 'self' }),
        );
      }
      const r = generatorReward({ valid: ok, attemptScores, ...(selfChecks ? { selfCheckScores: selfChecks } : {}), verifyThreshold: g.threshold, kind: g.kind, attemptAnswers: [] });
      const fmt = this.format(t);
      pgRewards.push(r.reward);
      w.rewards.push({ trajId: t.id, total: r.reward + fmt, components: { difficulty: r.difficulty, gated: r.gated ? 1 : 0, format: fmt, valid: ok ? 1 : 0 } });
      if (ok) hashes.push(stableId(normalizeAnswer(task.question!)));
      if (ok && keepForPool(task.question, r.reward)) {
        const normHash = g.dedup ? stableId(normalizeAnswer(task.question!)) : t.id;
        w.tasks.push({ id: taskId, round: phase.round, origin: 'generated', question: task.question!, answer: task.answer!, metaPromptId: candidates[ci]!.mp.id, difficulty: r.difficulty, ...(r.selfCheckRate !== undefined ? { selfCheckRate: r.selfCheckRate } : {}), normHash });
      }
    }
    w.stats = {
      mean: mean(pgRewards),
      validRate: valid / candidates.length,
      kept: w.tasks.length,
      verifyRows: w.verifyRows.length,
      duplicatesPer1000: duplicatesPer1000(hashes),
      grmEmGap: grmEmGapPoints(gap),
      ...this.trajectoryStats(results.map((r) => r.t)),
    };
  }

  private async verifyStep(phase: PhaseRow, w: StepWrite, seed: number, signal?: AbortSignal): Promise<void> {
    const c = this.config;
    const self = this.store.verifyRows(c.runId, phase.round).filter((r) => r.labelSource !== 'real');
    const real = this.injecting(phase.round) ? this.real.map((r, i) => realVerifyRow(r, phase.round, i)) : [];
    if (w.step === 0) w.verifyRows.push(...real); // stored once per round, for exports and audits
    const batch = mixVerifyBatch(self, real, w.step, c.verify.batch, c.injectRealVerification?.ratio ?? 1);
    const jobs = batch.flatMap((row, j) => Array.from({ length: c.verify.n }, (_, k) => ({ row, idx: j * c.verify.n + k })));
    const trajs = await this.parallel(jobs, ({ row, idx }) => this.episode('judge', this.judgePrompt(row.question, row.candidate), seed, idx, 'grm', signal), signal);
    const scores: number[] = [];
    trajs.forEach((t, i) => {
      const row = jobs[i]!.row;
      const grmAnswer = lastBlock(t.finalText, 'answer');
      const s = grmReward({ ...(grmAnswer !== undefined ? { grmAnswer } : {}), label: row.label, match: c.grm.match });
      const fmt = this.format(t);
      scores.push(s);
      w.trajectories.push(trajRow(t, w.step, 'grm'));
      w.rewards.push({ trajId: t.id, total: s + fmt, components: { grm: s, format: fmt } });
    });
    w.stats = { mean: mean(scores), ...this.trajectoryStats(trajs) };
  }

  private async solveStep(phase: PhaseRow, w: StepWrite, seed: number, signal?: AbortSignal): Promise<void> {
    const c = this.config;
    const total = this.store.taskCount(c.runId, phase.round);
    const start = (w.step * c.solve.batch) % total;
    let tasks = this.store.tasks(c.runId, phase.round, start, c.solve.batch);
    if (tasks.length < c.solve.batch) tasks = [...tasks, ...this.store.tasks(c.runId, phase.round, 0, c.solve.batch - tasks.length)];
    const jobs = tasks.flatMap((task, j) => Array.from({ length: c.solve.n }, (_, k) => ({ task, idx: j * c.solve.n + k })));
    const rollouts = await this.parallel(jobs, ({ task, idx }) => this.episode('policy', [{ role: 'system', content: POLICY_SYSTEM }, { role: 'user', content: task.question }], seed, idx, 'policy', signal, task.id), signal);
    const judges = await this.parallel(rollouts, (t, i) => this.episode('judge', this.judgePrompt(jobs[i]!.task.question, t.answer ?? NO_ANSWER), seed, i, 'judge', signal, jobs[i]!.task.id), signal);
    const verdicts: number[] = [];
    const byTask = new Map<string, number[]>();
    const gap: { grm: number; em: number }[] = [];
    rollouts.forEach((t, i) => {
      const { task } = jobs[i]!;
      const jt = judges[i]!;
      const v = this.verdictOf(jt);
      const r = policyReward({ source: 'grm', verdict: v, ...(t.answer !== undefined ? { answer: t.answer } : {}) });
      const fmt = this.format(t);
      verdicts.push(r);
      byTask.set(task.id, [...(byTask.get(task.id) ?? []), r]);
      if (t.answer !== undefined) gap.push({ grm: v.score, em: exactMatch(t.answer, [task.answer]) });
      w.trajectories.push(trajRow(t, w.step, 'policy', task.id));
      w.trajectories.push(trajRow(jt, w.step, 'judge', task.id));
      w.verdicts.push({ id: stableId('v', jt.id, w.step, phase.id), judgedTrajId: t.id, judgeTrajId: jt.id, mode: c.grm.mode, ...(v.label ? { label: v.label } : {}), score: v.score, purpose: 'reward' });
      w.rewards.push({ trajId: t.id, total: r + fmt, components: { verdict: r, format: fmt } });
    });
    // adaptive meta-prompts for the next round's PG (spec §2.4), in first-appearance order (pitfall 11)
    const style = phase.metaIter <= c.solve.widthUntilMetaIter ? 'width' : 'depth';
    for (const task of tasks.filter((t, i) => tasks.findIndex((x) => x.id === t.id) === i)) {
      const acc = mean(byTask.get(task.id) ?? []);
      const direction = acc >= 0.5 ? 'harder' : 'easier';
      w.metaPrompts.push({
        id: stableId('mp', phase.id, w.step, task.id), round: phase.round + 1, kind: style, direction, sourceTaskId: task.id, referenceAnswer: task.answer,
        text: adaptiveMetaPrompt({ style, direction, question: task.question, answer: task.answer, mostCorrect: acc >= 0.5 }),
      });
    }
    w.stats = { mean: mean(verdicts), grmEmGap: grmEmGapPoints(gap), ...this.trajectoryStats(rollouts) };
  }

  private trajectoryStats(ts: readonly Trajectory[]): Record<string, number> {
    const turns = ts.flatMap((t) => t.messages.filter((m) => m.role === 'assistant'));
    const think = turns.filter((m) => /^\s*<think>[\s\S]*?<\/think>/.test(contentText(m.content))).length;
    return {
      toolCallsPerTrajectory: mean(ts.map((t) => t.toolCalls)),
      thinkRatio: turns.length === 0 ? 0 : think / turns.length,
      malformedToolCalls: ts.reduce((a, t) => a + t.malformedToolCalls, 0),
    };
  }
}
