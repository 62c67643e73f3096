import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { PlanningLM } from '../strategies/planning-lm.js';
import type { PlanningInstance, PlanningStrategy } from '../strategies/presets-common.js';
import type { InstanceOutcome } from './metrics.js';

export interface BenchmarkRecord {
  id: string;
  promptHash: string;
  raw: string[];
  plan: string[];
  skippedLines: string[];
  report: { valid: boolean; status: string; cost: number; executablePrefix: number; planLength: number; goalSatisfied: number; message: string };
  optimalLength?: number;
  /** The instance's gold plan, when given (for step accuracy). */
  goldPlan?: string[];
  /** Search expansions, when the strategy's trace reports them. */
  expansions?: number;
  usage: { llmCalls: number; promptTokens: number; completionTokens: number };
  wallMs: number;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Runs a strategy over instances, appending one JSONL record per instance to `out` (when given).
 * Resumes: ids already in `out` are skipped and their records returned as they were.
 */
export async function runBenchmark(o: { instances: PlanningInstance[]; strategy: PlanningStrategy; lm: PlanningLM; concurrency?: number; out?: string; signal?: AbortSignal }): Promise<BenchmarkRecord[]> {
  const done = new Map<string, BenchmarkRecord>();
  if (o.out && existsSync(o.out)) {
    for (const line of readFileSync(o.out, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as BenchmarkRecord;
        done.set(r.id, r);
      } catch {
        // A partial last line from an interrupted run is ignored and re-run.
      }
    }
  }
  const todo = o.instances.filter((i) => !done.has(i.id));
  const results = new Map(done);
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !o.signal?.aborted) {
      const inst = todo[next++]!;
      const t0 = Date.now();
      const r = await o.strategy(inst, o.lm, { signal: o.signal });
      const rec: BenchmarkRecord = {
        id: inst.id,
        promptHash: fnv1a(JSON.stringify(r.trace ?? null).slice(0, 10_000) + inst.id),
        raw: r.raw,
        plan: r.plan,
        skippedLines: r.skippedLines,
        report: { valid: r.report.valid, status: r.report.status, cost: r.report.cost, executablePrefix: r.report.executablePrefix, planLength: r.report.planLength, goalSatisfied: r.report.goalSatisfied, message: r.report.message },
        usage: r.usage,
        wallMs: Date.now() - t0,
      };
      if (inst.optimalLength !== undefined) rec.optimalLength = inst.optimalLength;
      if (inst.goldPlan !== undefined) rec.goldPlan = inst.goldPlan;
      const exp = (r.trace as { expansions?: unknown } | null | undefined)?.expansions;
      if (typeof exp === 'number') rec.expansions = exp;
      results.set(inst.id, rec);
      if (o.out) appendFileSync(o.out, JSON.stringify(rec) + '\n');
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 1) }, worker));
  return o.instances.map((i) => results.get(i.id)).filter((r): r is BenchmarkRecord => !!r);
}

export function outcomesOf(records: BenchmarkRecord[]): InstanceOutcome[] {
  return records.map((r) => {
    const o: InstanceOutcome = {
      valid: r.report.valid,
      status: r.report.status,
      cost: r.report.cost,
      optimalCost: r.optimalLength,
      executablePrefix: r.report.executablePrefix,
      planLength: r.report.planLength,
      goalSatisfied: r.report.goalSatisfied,
      plan: r.plan,
      skippedLines: r.skippedLines.length,
      llmCalls: r.usage.llmCalls,
      tokens: r.usage.promptTokens + r.usage.completionTokens,
      wallMs: r.wallMs,
    };
    if (r.goldPlan) o.goldPlan = r.goldPlan;
    if (r.expansions !== undefined) o.expansions = r.expansions;
    return o;
  });
}
