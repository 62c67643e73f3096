import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ground, parseDomain, parseProblem, printDomain, printProblem } from '../src/pddl/index.js';
import { astar, bfs, gbfs, wastar } from '../src/search/index.js';
import { validatePlan } from '../src/validate/index.js';
import { domainsDir } from './shared-data.js';

const read = (p: string) => readFileSync(join(domainsDir, p), 'utf8');

const battery: [string, [string, number | 'unsolvable'][]][] = [
  ['porter', [['p1', 10], ['p2', 5], ['p3-unsolvable', 'unsolvable'], ['p1-upper', 10]]],
  ['courier', [['p1', 6], ['p2', 18], ['p3-unsolvable', 'unsolvable']]],
];

describe.each(battery)('domain %s: full battery', (dom, problems) => {
  const domain = parseDomain(read(`${dom}/domain.pddl`));
  it.each(problems)('%s', (name, optimal) => {
    const problem = parseProblem(read(`${dom}/${name}.pddl`), domain);
    expect(parseDomain(printDomain(domain))).toEqual(domain);
    expect(parseProblem(printProblem(problem), domain)).toEqual(problem);
    const task = ground(domain, problem);
    expect(task.actions.length).toBeGreaterThan(0);
    const runs = [bfs(task), astar(task, 'hmax'), astar(task, 'blind'), gbfs(task, 'hff'), wastar(task, 'hff'), gbfs(task, 'hadd')];
    if (optimal === 'unsolvable') {
      for (const r of runs) expect(r.status).toBe('unsolvable');
      return;
    }
    for (const r of runs) {
      expect(r.status).toBe('solved');
      if (r.status !== 'solved') continue;
      const rep = validatePlan(domain, problem, r.planText.join('\n'), { strict: true });
      expect(rep.valid).toBe(true);
      expect(rep.cost).toBe(r.cost);
    }
    const [b, a, blind] = runs as { cost: number }[];
    expect(b!.cost).toBe(optimal);
    expect(a!.cost).toBe(b!.cost);
    expect(blind!.cost).toBe(b!.cost);
    // Mutations: prefix → goal; rename → unknown-action; extra argument → arity.
    const plan = (runs[0] as { planText: string[] }).planText;
    expect(validatePlan(domain, problem, plan.slice(0, -1).join('\n')).status).toBe('goal');
    expect(validatePlan(domain, problem, ['(no-such-action)', ...plan].join('\n')).status).toBe('unknown-action');
    expect(validatePlan(domain, problem, [plan[0]!.replace(')', ' extra)'), ...plan.slice(1)].join('\n')).status).toBe('arity');
    // Dropping the first step makes the plan fail somewhere (precondition) or miss the goal.
    expect(['precondition', 'goal']).toContain(validatePlan(domain, problem, plan.slice(1).join('\n')).status);
  });
});

describe('porter semantics', () => {
  const domain = parseDomain(read('porter/domain.pddl'));
  it('sweep deletes and adds (visited ?r): it stays true (delete before add)', () => {
    const p = parseProblem(read('porter/p2.pddl'), domain);
    const ok = validatePlan(domain, p, '(pick ball2 ra left)\n(move ra rb)\n(pick ball1 rb right)\n(move rb ra)\n(drop ball1 ra right)\n(sweep ra)');
    expect(ok.valid).toBe(true);
    const bad = validatePlan(domain, p, '(pick ball2 ra left)\n(move ra rb)\n(move rb rc)\n(move rc rb)\n(pick ball1 rb right)\n(move rb ra)\n(drop ball1 ra right)');
    expect(bad.status).toBe('goal');
    expect(bad.unmetGoals).toEqual([{ atom: { predicate: 'visited', args: ['rc'] }, negated: true }]);
  });
  it('constants are objects, types are checked, static facts resolved at grounding', () => {
    const p = parseProblem(read('porter/p1.pddl'), domain);
    const task = ground(domain, p);
    expect(task.facts.some((f) => f.startsWith('(connected'))).toBe(false);
    // (= ?r ?s) is resolved while grounding: one look action per room.
    expect(task.actions.filter((a) => a.name === 'look').map((a) => a.text)).toEqual(['(look ra ra)', '(look rb rb)', '(look rc rc)']);
    expect(validatePlan(domain, p, '(look ra rb)').unmetPreconditions).toEqual([{ atom: { predicate: '=', args: ['ra', 'rb'] }, negated: false }]);
    expect(validatePlan(domain, p, '(pick ra ra left)').status).toBe('type-mismatch');
    expect(validatePlan(domain, p, '(pick crate ra left)').status).toBe('precondition');
  });
});
