import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ReasonkitError } from '@reasonkit/core';
import type { Domain, Problem } from '../pddl/ast.js';
import { parseDomain, parseProblem } from '../pddl/parse-pddl.js';

export interface BenchInstance {
  id: string;
  /** Numeric instance id from `instance-N.pddl`. */
  n: number;
  domain: Domain;
  problem: Problem;
  problemText: string;
  referencePlan?: string;
  optimalLength?: number;
}

export type PlanbenchSplit = 'all' | 'planbench-t1' | 'rap-v1' | 'hard';

/** Where each named split lives under a PlanBench data root (e.g. `../shared/data/planbench`). */
export const PLANBENCH_SPLIT_FOLDERS: Record<Exclude<PlanbenchSplit, 'all'>, string> = {
  'planbench-t1': 'blocksworld',
  'rap-v1': 'blocksworld',
  hard: 'blocksworld_hard',
};

export interface LoadPlanbenchOptions {
  instancesDir?: string;
  /**
   * - `all`: every `instance-N.pddl`;
   * - `planbench-t1`: ids 1–500 (the config's range; the folder has 501 files);
   * - `rap-v1`: RAP's Blocksworld split (rows `[instance, gold plan, n_steps]`): the instances
   *   with a reference plan in `info.json`, ordered by plan length then id (requires `info.json`);
   * - `hard`: every instance of the folder (use it on `blocksworld_hard/`, 110 instances).
   */
  split?: PlanbenchSplit;
  /** `rap-v1` only: keep these gold-plan lengths (RAP reports 2 / 4 / 6 …). */
  steps?: number[];
}

/**
 * Loads a PlanBench-layout folder: a `*domain*.pddl`, `instance-N.pddl` files (directly or in a
 * sub-folder such as `generated_basic/`), and an optional `info.json` with reference plans.
 */
export function loadPlanbenchFolder(dir: string, options: LoadPlanbenchOptions = {}): BenchInstance[] {
  if (!existsSync(dir)) throw new ReasonkitError('FILE_NOT_FOUND', `PlanBench folder not found: ${dir}`, { file: dir });
  const domainFile = readdirSync(dir).find((f) => /domain.*\.pddl$/i.test(f));
  if (!domainFile) throw new ReasonkitError('FILE_NOT_FOUND', `no *domain*.pddl in ${dir}`, { file: dir });
  const domain = parseDomain(readFileSync(join(dir, domainFile), 'utf8'), { file: domainFile });
  const instDir = options.instancesDir ? join(dir, options.instancesDir) : readdirSync(dir).some((f) => /^instance-\d+\.pddl$/.test(f)) ? dir : join(dir, ['generated_basic', 'generated'].find((d) => existsSync(join(dir, d))) ?? '.');
  const info = existsSync(join(dir, 'info.json')) ? (JSON.parse(readFileSync(join(dir, 'info.json'), 'utf8')) as Record<string, { plan: string; length?: number }>) : {};
  const files = readdirSync(instDir)
    .map((f) => ({ f, m: /^instance-(\d+)\.pddl$/.exec(f) }))
    .filter((x) => x.m)
    .map((x) => ({ f: x.f, n: Number(x.m![1]) }))
    .sort((a, b) => a.n - b.n)
    .filter((x) => options.split !== 'planbench-t1' || (x.n >= 1 && x.n <= 500));
  if (options.split === 'rap-v1' && !existsSync(join(dir, 'info.json'))) {
    throw new ReasonkitError('FILE_NOT_FOUND', `split rap-v1 needs reference plans: no info.json in ${dir}`, { file: join(dir, 'info.json') });
  }
  if (options.steps && options.split !== 'rap-v1') throw new ReasonkitError('INVALID_ARGUMENT', `loadPlanbenchFolder: 'steps' only applies to split rap-v1 (got split ${options.split ?? 'all'})`, { field: 'steps' });
  const out = files.map(({ f, n }) => {
    const text = readFileSync(join(instDir, f), 'utf8');
    const ref = info[f];
    const inst: BenchInstance = { id: f.replace(/\.pddl$/, ''), n, domain, problem: parseProblem(text, domain, { file: f }), problemText: text };
    if (ref) {
      inst.referencePlan = ref.plan;
      inst.optimalLength = ref.length ?? ref.plan.trim().split('\n').length;
    }
    return inst;
  });
  if (options.split !== 'rap-v1') return out;
  const keep = options.steps ? new Set(options.steps) : undefined;
  return out.filter((i) => i.optimalLength !== undefined && (!keep || keep.has(i.optimalLength))).sort((a, b) => a.optimalLength! - b.optimalLength! || a.n - b.n);
}

/**
 * Loads a named split from a PlanBench data root (the folder holding `blocksworld/` and
 * `blocksworld_hard/`, e.g. `../shared/data/planbench`). Throws `FILE_NOT_FOUND` naming the
 * folder when it is absent.
 */
export function loadPlanbenchSplit(root: string, split: Exclude<PlanbenchSplit, 'all'>, options: Omit<LoadPlanbenchOptions, 'split'> = {}): BenchInstance[] {
  return loadPlanbenchFolder(join(root, PLANBENCH_SPLIT_FOLDERS[split]), { ...options, split });
}
