import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveMainSet, planbenchDir, skipMessage } from '../../test/shared-data.js';
import { parseDomain, parseProblem } from '../pddl/index.js';
import { createRng } from '../random/rng.js';
import { llmAsPlanner } from '../strategies/llm-as-planner.js';
import { createScriptedLM } from '../testing/scripted-lm.js';
import {
  BLOCKSWORLD_DOMAIN,
  BLOCKSWORLD_VERBALIZER,
  blocksworldStateCount,
  computeMetrics,
  extractPlan,
  generateBlocksworldInstance,
  loadPlanbenchFolder,
  outcomesOf,
  renderBarChartSvg,
  renderMetricsTable,
  runBenchmark,
  sampleTowers,
  towersKey,
} from './index.js';

describe('extractPlan', () => {
  it('pddl mode: code fences, trailing backslash, split actions, prose', () => {
    const text = 'Here is my plan:\n```pddl\n(unstack c a) \\\n(put-down\n  c)\n; comment (pick-up z)\n(pick-up b)(stack b c)\n```\nThat should work (hopefully).';
    const r = extractPlan(text, { mode: 'pddl' });
    expect(r.plan).toEqual(['(unstack c a)', '(put-down c)', '(pick-up b)', '(stack b c)', '(hopefully)']);
  });
  it('nl mode: inverse templates, longest phrase first, objects in order', () => {
    expect(extractPlan('unstack the red block from on top of the blue block', { mode: 'nl', verbalizer: BLOCKSWORLD_VERBALIZER }).plan).toEqual(['(unstack a b)']);
    const r = extractPlan('First, stack the blue block on top of the red block.\nThen I think about it.\npick up the gold block and the red block\nput down the cyan block\n[PLAN END]\npick up the red block', { mode: 'nl', verbalizer: BLOCKSWORLD_VERBALIZER });
    expect(r.plan).toEqual(['(stack b a)', '(put-down h)']);
    expect(r.skippedLines).toEqual(['pick up the gold block and the red block']);
  });
  it('stops at [COST]', () => {
    expect(extractPlan('put down the red block\n[COST]\npick up the blue block', { mode: 'nl', verbalizer: BLOCKSWORLD_VERBALIZER }).plan).toEqual(['(put-down a)']);
  });
});

describe('G4 — metrics', () => {
  it('SR 0.5, OR 0.25, CR 1.1667', () => {
    const m = computeMetrics([
      { valid: true, status: 'valid', cost: 6, optimalCost: 6, executablePrefix: 6, planLength: 6, goalSatisfied: 1 },
      { valid: true, status: 'valid', cost: 8, optimalCost: 6, executablePrefix: 8, planLength: 8, goalSatisfied: 1 },
      { valid: false, status: 'precondition', optimalCost: 4, executablePrefix: 1, planLength: 4, goalSatisfied: 0.5 },
      { valid: false, status: 'goal', optimalCost: 4, executablePrefix: 0, planLength: 0, goalSatisfied: 0 },
    ]);
    expect(m.sr).toBe(0.5);
    expect(m.or).toBe(0.25);
    expect(m.orValid).toBe(0.5);
    expect(m.cr).toBeCloseTo(1.1667, 4);
    expect(m.ex).toBeCloseTo((1 + 1 + 0.25 + 0) / 4, 10);
    expect(m.failures).toEqual({ precondition: 1, goal: 1 });
    expect(renderMetricsTable([{ label: 'x', metrics: m }])).toContain('| x | 4 | 0.500 | 0.250 |');
  });
  it('renders an SVG bar chart', () => {
    const svg = renderBarChartSvg([{ label: 'beam <5>', value: 0.5 }, { label: 'greedy', value: 0.25 }], { title: 'SR', max: 1 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('beam &lt;5&gt;');
    expect((svg.match(/<rect /g) ?? []).length).toBe(2);
  });
});

describe('generator', () => {
  it('state counts follow OEIS A000262', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => blocksworldStateCount(n))).toEqual([1n, 1n, 3n, 13n, 73n, 501n, 4051n]);
    expect(blocksworldStateCount(20) > 10n ** 20n).toBe(true);
  });
  it('χ² uniformity over the 13 three-block states (13,000 samples, p > 0.01)', () => {
    const rng = createRng(123);
    const counts = new Map<string, number>();
    for (let i = 0; i < 13_000; i++) {
      const k = towersKey(sampleTowers(['a', 'b', 'c'], rng));
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.size).toBe(13);
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeLessThan(26.217); // χ²(12) critical value at p = 0.01
  });
  it('goals are 1–4 on-atoms, none true initially; seeded and deterministic', () => {
    const a = generateBlocksworldInstance(6, createRng(9), 'x');
    const b = generateBlocksworldInstance(6, createRng(9), 'x');
    expect(a.pddl).toBe(b.pddl);
    const d = parseDomain(BLOCKSWORLD_DOMAIN);
    for (let s = 0; s < 50; s++) {
      const g = generateBlocksworldInstance(5, createRng(s), 'g');
      const p = parseProblem(g.pddl, d);
      expect(p.goal.length).toBeGreaterThanOrEqual(1);
      expect(p.goal.length).toBeLessThanOrEqual(4);
      const init = new Set(p.init.map((x) => `${x.predicate} ${x.args.join(' ')}`));
      for (const l of p.goal) expect(init.has(`on ${l.atom.args.join(' ')}`)).toBe(false);
    }
  });
});

describe('runBenchmark', () => {
  it('writes JSONL records and resumes by skipping finished ids', async () => {
    const d = parseDomain(BLOCKSWORLD_DOMAIN);
    const instances = [0, 1, 2].map((i) => {
      const g = generateBlocksworldInstance(3, createRng(i), `g${i}`);
      return { id: g.id, domain: d, problem: parseProblem(g.pddl, d), verbalizer: BLOCKSWORLD_VERBALIZER };
    });
    const out = join(mkdtempSync(join(tmpdir(), 'pt-run-')), 'run.jsonl');
    const lm1 = createScriptedLM({ replies: () => 'put down the red block\n[PLAN END]' });
    const ac = new AbortController();
    let calls = 0;
    const strategy = llmAsPlanner();
    await runBenchmark({
      instances,
      lm: lm1,
      out,
      signal: ac.signal,
      strategy: async (i, lm, o) => {
        const r = await strategy(i, lm, o);
        if (++calls === 2) ac.abort(); // interrupt the run after two instances
        return r;
      },
    });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(2);
    const lm2 = createScriptedLM({ replies: () => 'put down the red block\n[PLAN END]' });
    const all = await runBenchmark({ instances, lm: lm2, out, strategy });
    expect(lm2.prompts).toHaveLength(1);
    expect(all.map((r) => r.id)).toEqual(['g0', 'g1', 'g2']);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(computeMetrics(outcomesOf(all)).failures.precondition).toBe(3);
  });
});

describe.skipIf(!haveMainSet)('PlanBench prompts and loader', () => {
  it('loads planbench-t1 (ids 1–500) with reference plans', () => {
    const insts = loadPlanbenchFolder(join(planbenchDir, 'blocksworld'), { split: 'planbench-t1' });
    expect(insts).toHaveLength(500);
    expect(insts[0]!.optimalLength).toBeGreaterThan(0);
  });
  it('re-extracts every published one-shot example plan from the prompts', () => {
    const data = JSON.parse(readFileSync(join(planbenchDir, 'prompts/blocksworld/task_1_plan_generation.json'), 'utf8')) as { instances: { instance_id: number; query: string; ground_truth_plan: string }[] };
    const info = JSON.parse(readFileSync(join(planbenchDir, 'blocksworld/info.json'), 'utf8')) as Record<string, { plan: string }>;
    for (const rec of data.instances) {
      const example = rec.query.split('[PLAN]')[1]!.split('[PLAN END]')[0]!;
      const r = extractPlan(example, { mode: 'nl', verbalizer: BLOCKSWORLD_VERBALIZER });
      expect(r.plan.join('\n'), `instance ${rec.instance_id}`).toBe(info[`instance-${rec.instance_id - 1}.pddl`]!.plan.trim());
      expect(r.skippedLines).toEqual([]);
    }
  });
});
if (!haveMainSet) console.warn(skipMessage('../shared/data/planbench'));
