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

/**
 * Loads a PlanBench-layout folder: a `*domain*.pddl`, `instance-N.pddl` files (directly or in a
 * sub-folder such as `generated_basic/`), and an optional `info.json` with reference plans.
 * `split: 'planbench-t1'` keeps ids 1–500 (the config's range; the folder has 501 files).
 */
export function loadPlanbenchFolder(dir: string, options: { instancesDir?: string; split?: 'all' | 'planbench-t1' } = {}): BenchInstance[] {
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
  return files.map(({ f, n }) => {
    const text = readFileSync(join(instDir, f), 'utf8');
    const ref = info[f];
    const inst: BenchInstance = { id: f.replace(/\.pddl$/, ''), n, domain, problem: parseProblem(text, domain, { file: f }), problemText: text };
    if (ref) {
      inst.referencePlan = ref.plan;
      inst.optimalLength = ref.length ?? ref.plan.trim().split('\n').length;
    }
    return inst;
  });
}
