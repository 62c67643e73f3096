import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { AslError } from '../errors/asl-error.js';
import { phaseOf } from '../loop/asl-config.js';
import type { MetaPromptRow, PhaseRow, StepWrite, Store, TaskRow, VerifyRow } from '../loop/store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs(id TEXT PRIMARY KEY, config_json TEXT NOT NULL, seed INTEGER NOT NULL, meta_iter INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS phases(id TEXT PRIMARY KEY, run_id TEXT NOT NULL, meta_iter INTEGER NOT NULL, round INTEGER NOT NULL, kind TEXT NOT NULL,
  status TEXT NOT NULL, steps INTEGER NOT NULL, stop_reason TEXT, UNIQUE(run_id, meta_iter));
CREATE TABLE IF NOT EXISTS meta_prompts(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, run_id TEXT NOT NULL, round INTEGER NOT NULL, kind TEXT NOT NULL,
  direction TEXT, source_task_id TEXT, text TEXT NOT NULL, reference_answer TEXT);
CREATE TABLE IF NOT EXISTS tasks(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, run_id TEXT NOT NULL, round INTEGER NOT NULL, origin TEXT NOT NULL,
  question TEXT NOT NULL, answer TEXT NOT NULL, meta_prompt_id TEXT, difficulty REAL NOT NULL, self_check_rate REAL, norm_hash TEXT NOT NULL,
  UNIQUE(run_id, norm_hash));
CREATE TABLE IF NOT EXISTS trajectories(id TEXT PRIMARY KEY, phase_id TEXT NOT NULL, step INTEGER NOT NULL, sample_idx INTEGER NOT NULL, role TEXT NOT NULL,
  task_id TEXT, model_ref TEXT NOT NULL, messages_json TEXT NOT NULL, final_answer TEXT, final_question TEXT, turns INTEGER NOT NULL,
  tool_calls INTEGER NOT NULL, stop_reason TEXT NOT NULL, UNIQUE(phase_id, step, sample_idx, role));
CREATE TABLE IF NOT EXISTS verdicts(id TEXT PRIMARY KEY, judged_traj_id TEXT, judge_traj_id TEXT NOT NULL, mode TEXT NOT NULL, label TEXT,
  score REAL NOT NULL, purpose TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rewards(traj_id TEXT PRIMARY KEY, total REAL NOT NULL, components_json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS verify_rows(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, run_id TEXT NOT NULL, round INTEGER NOT NULL, question TEXT NOT NULL,
  candidate TEXT NOT NULL, label TEXT NOT NULL, label_source TEXT NOT NULL, split TEXT NOT NULL DEFAULT 'train');
CREATE TABLE IF NOT EXISTS step_stats(phase_id TEXT NOT NULL, step INTEGER NOT NULL, key TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY(phase_id, step, key));
CREATE INDEX IF NOT EXISTS tasks_round ON tasks(run_id, round, seq);
CREATE INDEX IF NOT EXISTS verify_round ON verify_rows(run_id, round, seq);
CREATE INDEX IF NOT EXISTS meta_round ON meta_prompts(run_id, round, seq);
`;

/** Tables in content-hash order with their ordering key. */
const HASHED: [string, string][] = [
  ['runs', 'id'], ['phases', 'id'], ['meta_prompts', 'seq'], ['tasks', 'seq'], ['trajectories', 'id'],
  ['verdicts', 'id'], ['rewards', 'traj_id'], ['verify_rows', 'seq'], ['step_stats', 'phase_id, step, key'],
];

const phaseId = (runId: string, metaIter: number) => `${runId}/m${metaIter}`;

/** Options of `SqliteStore`. */
export interface SqliteStoreOptions {
  /** Test hook: called inside each step transaction after the inserts, before commit (throw to simulate a crash). */
  beforeCommit?: (write: StepWrite) => void;
}

/**
 * The crash-safe store (spec §8): SQLite via better-sqlite3 (WAL, `synchronous=NORMAL`, one
 * writer). Each step is one transaction with its cursor; natural keys are unique, so a replayed
 * step can never add rows twice.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly beforeCommit?: (write: StepWrite) => void;

  constructor(readonly path: string, options: SqliteStoreOptions = {}) {
    try {
      this.db = new Database(path);
    } catch (error) {
      throw new AslError('config', `${path}: cannot open SQLite store: ${(error as Error).message}`, { file: path }, { cause: error });
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.beforeCommit = options.beforeCommit;
  }

  openRun(runId: string, configJson: string, seed: number): { configJson: string; created: boolean } {
    const row = this.db.prepare('SELECT config_json FROM runs WHERE id = ?').get(runId) as { config_json: string } | undefined;
    if (row) return { configJson: row.config_json, created: false };
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO runs(id, config_json, seed, meta_iter) VALUES (?, ?, ?, 1)').run(runId, configJson, seed);
      this.insertPhase(runId, 1);
    })();
    return { configJson, created: true };
  }

  private insertPhase(runId: string, metaIter: number): void {
    const { kind, round } = phaseOf(metaIter);
    this.db.prepare('INSERT INTO phases(id, run_id, meta_iter, round, kind, status, steps) VALUES (?, ?, ?, ?, ?, ?, 0)').run(phaseId(runId, metaIter), runId, metaIter, round, kind, 'running');
  }

  currentPhase(runId: string): PhaseRow {
    const row = this.db
      .prepare('SELECT p.* FROM phases p JOIN runs r ON r.id = p.run_id AND r.meta_iter = p.meta_iter WHERE r.id = ?')
      .get(runId) as { id: string; meta_iter: number; round: number; kind: PhaseRow['kind']; status: PhaseRow['status']; steps: number; stop_reason: string | null } | undefined;
    if (!row) throw new AslError('store-conflict', `run "${runId}" does not exist in ${this.path}`, { record: runId, file: this.path });
    return { id: row.id, metaIter: row.meta_iter, round: row.round, kind: row.kind, status: row.status, steps: row.steps, ...(row.stop_reason ? { stopReason: row.stop_reason } : {}) };
  }

  commitStep(w: StepWrite): void {
    const tx = this.db.transaction(() => {
      const cursor = this.db.prepare('UPDATE phases SET steps = steps + 1 WHERE id = ? AND steps = ? AND status = ?').run(w.phaseId, w.step, 'running');
      if (cursor.changes !== 1) throw new AslError('store-conflict', `phase ${w.phaseId}: step ${w.step} is not the next step to commit`, { record: `${w.phaseId}#${w.step}`, field: 'step' });
      const tr = this.db.prepare(
        'INSERT INTO trajectories(id, phase_id, step, sample_idx, role, task_id, model_ref, messages_json, final_answer, final_question, turns, tool_calls, stop_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)',
      );
      for (const t of w.trajectories) tr.run(t.id, w.phaseId, t.step, t.sampleIdx, t.role, t.taskId ?? null, t.modelRef, t.messagesJson, t.finalAnswer ?? null, t.finalQuestion ?? null, t.turns, t.toolCalls, t.stopReason);
      const vd = this.db.prepare('INSERT INTO verdicts(id, judged_traj_id, judge_traj_id, mode, label, score, purpose) VALUES (?,?,?,?,?,?,?)');
      for (const v of w.verdicts) vd.run(v.id, v.judgedTrajId ?? null, v.judgeTrajId, v.mode, v.label ?? null, v.score, v.purpose);
      const rw = this.db.prepare('INSERT INTO rewards(traj_id, total, components_json) VALUES (?,?,?)');
      for (const r of w.rewards) rw.run(r.trajId, r.total, JSON.stringify(r.components));
      const runId = w.phaseId.slice(0, w.phaseId.lastIndexOf('/m'));
      // de-duplication: the first occurrence of a normalised question wins (pitfall 4)
      const tk = this.db.prepare(
        'INSERT OR IGNORE INTO tasks(id, run_id, round, origin, question, answer, meta_prompt_id, difficulty, self_check_rate, norm_hash) VALUES (?,?,?,?,?,?,?,?,?,?)',
      );
      for (const t of w.tasks) tk.run(t.id, runId, t.round, t.origin, t.question, t.answer, t.metaPromptId ?? null, t.difficulty, t.selfCheckRate ?? null, t.normHash);
      const vr = this.db.prepare('INSERT INTO verify_rows(id, run_id, round, question, candidate, label, label_source) VALUES (?,?,?,?,?,?,?)');
      for (const v of w.verifyRows) vr.run(v.id, runId, v.round, v.question, v.candidate, v.label, v.labelSource);
      const mp = this.db.prepare('INSERT INTO meta_prompts(id, run_id, round, kind, direction, source_task_id, text, reference_answer) VALUES (?,?,?,?,?,?,?,?)');
      for (const m of w.metaPrompts) mp.run(m.id, runId, m.round, m.kind, m.direction ?? null, m.sourceTaskId ?? null, m.text, m.referenceAnswer ?? null);
      const st = this.db.prepare('INSERT INTO step_stats(phase_id, step, key, value) VALUES (?,?,?,?)');
      for (const [k, v] of Object.entries(w.stats)) st.run(w.phaseId, w.step, k, Number.isFinite(v) ? v : 0);
      this.beforeCommit?.(w);
    });
    tx();
  }

  endPhase(runId: string, id: string, reason: string): PhaseRow {
    this.db.transaction(() => {
      const p = this.db.prepare('UPDATE phases SET status = ?, stop_reason = ? WHERE id = ? AND status = ?').run('done', reason, id, 'running');
      if (p.changes !== 1) throw new AslError('store-conflict', `phase ${id} is not running`, { record: id });
      const { meta_iter } = this.db.prepare('SELECT meta_iter FROM phases WHERE id = ?').get(id) as { meta_iter: number };
      this.db.prepare('UPDATE runs SET meta_iter = ? WHERE id = ?').run(meta_iter + 1, runId);
      this.insertPhase(runId, meta_iter + 1);
    })();
    return this.currentPhase(runId);
  }

  stepStats(phase: string, key: string): number[] {
    return (this.db.prepare('SELECT value FROM step_stats WHERE phase_id = ? AND key = ? ORDER BY step DESC').all(phase, key) as { value: number }[]).map((r) => r.value);
  }

  tasks(runId: string, round: number, offset = 0, limit = -1): TaskRow[] {
    const rows = this.db.prepare('SELECT * FROM tasks WHERE run_id = ? AND round = ? ORDER BY seq LIMIT ? OFFSET ?').all(runId, round, limit, offset) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as string, round: r.round as number, origin: r.origin as string, question: r.question as string, answer: r.answer as string,
      ...(r.meta_prompt_id ? { metaPromptId: r.meta_prompt_id as string } : {}), difficulty: r.difficulty as number,
      ...(r.self_check_rate !== null ? { selfCheckRate: r.self_check_rate as number } : {}), normHash: r.norm_hash as string,
    }));
  }

  /** Number of kept tasks of a round. */
  taskCount(runId: string, round: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM tasks WHERE run_id = ? AND round = ?').get(runId, round) as { n: number }).n;
  }

  /** GRM training rows of a round, in insertion order. */
  verifyRows(runId: string, round: number): VerifyRow[] {
    return (this.db.prepare('SELECT * FROM verify_rows WHERE run_id = ? AND round = ? ORDER BY seq').all(runId, round) as Record<string, unknown>[]).map((r) => ({
      id: r.id as string, round: r.round as number, question: r.question as string, candidate: r.candidate as string, label: r.label as string, labelSource: r.label_source as VerifyRow['labelSource'],
    }));
  }

  /** Meta-prompts for the PG phase of a round, in insertion order. */
  metaPrompts(runId: string, round: number): MetaPromptRow[] {
    return (this.db.prepare('SELECT * FROM meta_prompts WHERE run_id = ? AND round = ? ORDER BY seq').all(runId, round) as Record<string, unknown>[]).map((r) => ({
      id: r.id as string, round: r.round as number, kind: r.kind as MetaPromptRow['kind'], text: r.text as string,
      ...(r.direction ? { direction: r.direction as 'harder' | 'easier' } : {}), ...(r.source_task_id ? { sourceTaskId: r.source_task_id as string } : {}),
      ...(r.reference_answer ? { referenceAnswer: r.reference_answer as string } : {}),
    }));
  }

  hasTaskHash(runId: string, normHash: string): boolean {
    return this.db.prepare('SELECT 1 FROM tasks WHERE run_id = ? AND norm_hash = ?').get(runId, normHash) !== undefined;
  }

  /** sha256 over every table's rows in key order (timestamps are not stored, so equal content ⇒ equal hash). */
  contentHash(): string {
    const h = createHash('sha256');
    for (const [table, order] of HASHED) {
      h.update(`#${table}\n`);
      for (const row of this.db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).iterate()) h.update(JSON.stringify(row) + '\n');
    }
    return h.digest('hex');
  }

  /** Row counts per table. */
  counts(): Record<string, number> {
    return Object.fromEntries(HASHED.map(([t]) => [t, (this.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
