import { writeFileAtomic } from '@reasonkit/core/node';
import type { PhaseKind } from '../loop/asl-config.js';
import { renderRunReport, type RunReportData } from '../report/run-report.js';
import type { SqliteStore } from './sqlite-store.js';

/** The run's phases and per-step statistics from a `SqliteStore`, for `renderRunReport`. */
export function runReportData(store: SqliteStore, runId: string): RunReportData {
  const phases = store.db
    .prepare('SELECT id, meta_iter, round, kind, steps, stop_reason FROM phases WHERE run_id = ? ORDER BY meta_iter')
    .all(runId) as { id: string; meta_iter: number; round: number; kind: PhaseKind; steps: number; stop_reason: string | null }[];
  const stats = store.db.prepare('SELECT step, key, value FROM step_stats WHERE phase_id = ? ORDER BY key, step');
  return {
    runId,
    phases: phases.map((p) => {
      const byKey: Record<string, number[]> = {};
      for (const s of stats.iterate(p.id) as Iterable<{ step: number; key: string; value: number }>) (byKey[s.key] ??= [])[s.step] = s.value;
      return { id: p.id, metaIter: p.meta_iter, round: p.round, kind: p.kind, steps: p.steps, ...(p.stop_reason !== null ? { stopReason: p.stop_reason } : {}), stats: byKey };
    }),
  };
}

/** Writes the HTML run report (phase table + SVG charts of the step statistics) atomically and returns its path. */
export async function writeRunReport(store: SqliteStore, runId: string, path: string): Promise<string> {
  await writeFileAtomic(path, renderRunReport(runReportData(store, runId)));
  return path;
}
