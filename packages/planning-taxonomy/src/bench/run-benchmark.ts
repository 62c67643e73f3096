import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { lazySchema, ReasonkitError } from '@reasonkit/core';
import * as z from 'zod';
import type { PlanningLM } from '../strategies/planning-lm.js';
import type { PlanningInstance, PlanningStrategy } from '../strategies/presets-common.js';
import { parseWith } from '../strategies/search-core.js';
import type { InstanceOutcome } from './metrics.js';

export interface BenchmarkRecord {
  id: string;
  /** SHA-256 (first 16 hex digits) of every prompt the strategy sent for this instance, in order. */
  promptHash: string;
  raw: string[];
  plan: string[];
  skippedLines: string[];
  /** `status` is a validator status, or `error` / `budget` when the instance failed (see `error`). */
  report: { valid: boolean; status: string; cost: number; executablePrefix: number; planLength: number; goalSatisfied: number; message: string };
  optimalLength?: number;
  /** The instance's gold plan, when given (for step accuracy). */
  goldPlan?: string[];
  /** Search expansions, when the strategy's trace reports them. */
  expansions?: number;
  usage: { llmCalls: number; promptTokens: number; completionTokens: number };
  wallMs: number;
  /** The instance's sampling seed, derived from the run's `seed` and the id (when a seed is given). */
  seed?: number;
  /** Why the instance failed: the strategy threw (or the runner's budget stopped it); the run went on. */
  error?: { code: string; message: string };
}

const RunBudgetSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Most LLM calls per instance (one per completion sample and per scored continuation). */
  llmCalls: z.number().int().nonnegative().optional(),
  /** Most prompt + completion tokens per instance. */
  tokens: z.number().int().nonnegative().optional(),
  /** Wall-clock limit per instance: the strategy's signal aborts after it. */
  ms: z.number().positive().optional(),
}));

export const RunBenchmarkOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  instances: z.array(z.custom<PlanningInstance>((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string', 'expected a PlanningInstance with an id')),
  strategy: z.custom<PlanningStrategy>((v) => typeof v === 'function', 'expected a strategy function'),
  lm: z.custom<PlanningLM>((v) => typeof v === 'object' && v !== null && typeof (v as PlanningLM).generate === 'function', 'expected a PlanningLM'),
  /** Instances run at once. Default 1. */
  concurrency: z.number().int().positive().default(1),
  /** Per-instance limits enforced by the runner, on top of the strategy's own budget (spec §5.6). */
  budget: RunBudgetSchema.optional(),
  /**
   * Seed for sampling: a generate request without a seed gets one derived from (seed, instance id,
   * call index), so a run, a resumed run and a concurrent run ask for the same samples. Default:
   * none (the LM's own randomness).
   */
  seed: z.number().int().optional(),
  /** JSONL file: one record per instance, appended as each finishes; finished ids are skipped on resume. */
  out: z.string().min(1).optional(),
  signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal, 'expected an AbortSignal').optional(),
}));
export type RunBenchmarkOptions = z.input<typeof RunBenchmarkOptionsSchema>;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The LM as one instance sees it: records prompts, counts usage, derives seeds, enforces the run budget. */
function instanceLM(lm: PlanningLM, budget: z.output<typeof RunBudgetSchema> | undefined, seed: number | undefined) {
  const prompts: string[] = [];
  const usage = { llmCalls: 0, promptTokens: 0, completionTokens: 0 };
  let call = 0;
  const check = (calls: number) => {
    if (budget?.llmCalls !== undefined && usage.llmCalls + calls > budget.llmCalls)
      throw new ReasonkitError('ABORTED', `runBenchmark: budget.llmCalls (${budget.llmCalls}) exhausted`, { field: 'budget.llmCalls', stopReason: 'budget-llm-calls' });
    if (budget?.tokens !== undefined && usage.promptTokens + usage.completionTokens >= budget.tokens)
      throw new ReasonkitError('ABORTED', `runBenchmark: budget.tokens (${budget.tokens}) exhausted`, { field: 'budget.tokens', stopReason: 'budget-tokens' });
  };
  const wrapped: PlanningLM = {
    caps: lm.caps,
    async generate(r) {
      check(r.prompts.length * (r.n ?? 1));
      prompts.push(...r.prompts);
      const i = call++;
      const res = await lm.generate(seed !== undefined && r.seed === undefined ? { ...r, seed: fnv1a(`${seed}:${i}`) >>> 1 } : r);
      usage.llmCalls += res.texts.reduce((n, t) => n + t.length, 0);
      usage.promptTokens += res.usage.promptTokens;
      usage.completionTokens += res.usage.completionTokens;
      return res;
    },
  };
  if (lm.loglikelihood) {
    const ll = lm.loglikelihood.bind(lm);
    wrapped.loglikelihood = async (r) => {
      check(r.continuations.length);
      prompts.push(r.prefix);
      call++;
      usage.llmCalls += r.continuations.length;
      return ll(r);
    };
  }
  const promptHash = () => {
    const h = createHash('sha256');
    for (const p of prompts) h.update(`${p.length}:${p}`);
    return h.digest('hex').slice(0, 16);
  };
  return { lm: wrapped, usage, promptHash };
}

/**
 * Runs a strategy over instances, appending one JSONL record per instance to `out` (when given).
 * Resumes: ids already in `out` are skipped and their records returned as they were. An instance
 * whose strategy throws (or that the runner's `budget` stops) is recorded as failed, with `error`
 * and `report.status` `error` / `budget`, and the run goes on; a run aborted through `signal`
 * stops without recording the interrupted instances, so a resumed run re-runs them.
 */
export async function runBenchmark(options: RunBenchmarkOptions): Promise<BenchmarkRecord[]> {
  const o = parseWith(RunBenchmarkOptionsSchema, options, 'runBenchmark');
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
  const runOne = async (inst: PlanningInstance): Promise<BenchmarkRecord | undefined> => {
    const seed = o.seed === undefined ? undefined : fnv1a(`${o.seed}:${inst.id}`) >>> 1;
    const counted = instanceLM(o.lm, o.budget, seed);
    const timeout = o.budget?.ms !== undefined ? AbortSignal.timeout(o.budget.ms) : undefined;
    const signals = [o.signal, timeout].filter((s): s is AbortSignal => !!s);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const t0 = Date.now();
    const base = { id: inst.id, ...(inst.optimalLength !== undefined ? { optimalLength: inst.optimalLength } : {}), ...(inst.goldPlan !== undefined ? { goldPlan: inst.goldPlan } : {}), ...(seed !== undefined ? { seed } : {}) };
    try {
      const r = await o.strategy(inst, counted.lm, { signal });
      const rec: BenchmarkRecord = {
        ...base,
        promptHash: counted.promptHash(),
        raw: r.raw,
        plan: r.plan,
        skippedLines: r.skippedLines,
        report: { valid: r.report.valid, status: r.report.status, cost: r.report.cost, executablePrefix: r.report.executablePrefix, planLength: r.report.planLength, goalSatisfied: r.report.goalSatisfied, message: r.report.message },
        usage: r.usage,
        wallMs: Date.now() - t0,
      };
      const exp = (r.trace as { expansions?: unknown } | null | undefined)?.expansions;
      if (typeof exp === 'number') rec.expansions = exp;
      return rec;
    } catch (e) {
      if (o.signal?.aborted) return undefined; // the whole run was stopped: resume re-runs this one
      const err = e as { code?: unknown; message?: unknown; details?: { stopReason?: unknown } };
      const code = typeof err.code === 'string' ? err.code : 'ERROR';
      const message = typeof err.message === 'string' ? err.message : String(e);
      const budget = (typeof err.details?.stopReason === 'string' && err.details.stopReason.startsWith('budget-')) || !!timeout?.aborted;
      return {
        ...base,
        promptHash: counted.promptHash(),
        raw: [],
        plan: [],
        skippedLines: [],
        report: { valid: false, status: budget ? 'budget' : 'error', cost: 0, executablePrefix: 0, planLength: 0, goalSatisfied: 0, message: `${inst.id}: ${message}` },
        usage: { ...counted.usage },
        wallMs: Date.now() - t0,
        error: { code, message },
      };
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !o.signal?.aborted) {
      const inst = todo[next++]!;
      const rec = await runOne(inst);
      if (!rec) return;
      results.set(inst.id, rec);
      if (o.out) appendFileSync(o.out, JSON.stringify(rec) + '\n');
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
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
