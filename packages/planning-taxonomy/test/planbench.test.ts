import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ground, parseDomain, parseProblem } from '../src/pddl/index.js';
import { astar, bfs } from '../src/search/index.js';
import { validatePlan } from '../src/validate/index.js';
import { haveHardSet, haveMainSet, planbenchDir, skipMessage } from './shared-data.js';

const mainDir = join(planbenchDir, 'blocksworld');
const hardDir = join(planbenchDir, 'blocksworld_hard');

describe.skipIf(!haveMainSet)('PlanBench main set (501 instances)', () => {
  const domain = parseDomain(readFileSync(join(mainDir, 'generated_domain.pddl'), 'utf8'));
  const info = JSON.parse(readFileSync(join(mainDir, 'info.json'), 'utf8')) as Record<string, { plan: string; length: number }>;
  const ids = Array.from({ length: 501 }, (_, i) => i + 1);
  const problems = ids.map((i) => parseProblem(readFileSync(join(mainDir, `generated_basic/instance-${i}.pddl`), 'utf8'), domain, { file: `instance-${i}.pddl` }));
  it('every reference plan validates with cost = length', () => {
    ids.forEach((i, k) => {
      const ref = info[`instance-${i}.pddl`]!;
      const r = validatePlan(domain, problems[k]!, ref.plan, { strict: true });
      expect(r.valid, `instance-${i}`).toBe(true);
      expect(r.cost).toBe(ref.length);
    });
  });
  it('BFS and A*/h_max find optimal plans for every instance', () => {
    ids.forEach((i, k) => {
      const task = ground(domain, problems[k]!);
      const ref = info[`instance-${i}.pddl`]!;
      const b = bfs(task);
      const a = astar(task, 'hmax');
      expect(b.status === 'solved' && b.cost, `bfs instance-${i}`).toBe(ref.length);
      expect(a.status === 'solved' && a.cost, `astar instance-${i}`).toBe(ref.length);
    });
  });
});
if (!haveMainSet) console.warn(skipMessage('../shared/data/planbench/blocksworld'));

describe.skipIf(!haveHardSet)('PlanBench hard set (110 instances)', () => {
  it('every reference plan validates with cost = number of actions', () => {
    const domain = parseDomain(readFileSync(join(hardDir, 'generated_domain.pddl'), 'utf8'));
    const info = JSON.parse(readFileSync(join(hardDir, 'info.json'), 'utf8')) as Record<string, { plan: string; length?: number }>;
    const names = Object.keys(info);
    expect(names.length).toBe(110);
    for (const name of names) {
      const p = parseProblem(readFileSync(join(hardDir, 'generated', name), 'utf8'), domain);
      const ref = info[name]!;
      const r = validatePlan(domain, p, ref.plan, { strict: true });
      expect(r.valid, name).toBe(true);
      expect(r.cost).toBe(ref.length ?? ref.plan.trim().split('\n').length);
    }
  });
});
if (!haveHardSet) console.warn(skipMessage('../shared/data/planbench/blocksworld_hard'));
