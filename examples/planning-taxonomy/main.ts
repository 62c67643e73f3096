// planning-taxonomy in one file: a seeded Blocksworld task is parsed and grounded, solved by A*
// with h_max, a broken plan is validated (failing step, unmet preconditions), and the survey
// taxonomy is queried. Run: npm start -w @reasonkit/example-planning-taxonomy
import { pathToFileURL } from 'node:url';
import { BLOCKSWORLD_DOMAIN, generateBlocksworldInstance } from '@reasonkit/planning-taxonomy/bench';
import { ground, parseDomain, parseProblem } from '@reasonkit/planning-taxonomy/pddl';
import { createRng } from '@reasonkit/planning-taxonomy';
import { plan } from '@reasonkit/planning-taxonomy/search';
import { createTaxonomyQueries } from '@reasonkit/planning-taxonomy/taxonomy';
import { renderFeedback, validatePlan } from '@reasonkit/planning-taxonomy/validate';

export async function run(options: { blocks?: number; seed?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const instance = generateBlocksworldInstance(options.blocks ?? 5, createRng(options.seed ?? 7));
  const domain = parseDomain(BLOCKSWORLD_DOMAIN, { file: 'blocksworld.pddl' });
  const problem = parseProblem(instance.pddl, domain, { file: `${instance.id}.pddl` });
  const task = ground(domain, problem);
  log(`Task ${instance.id}: ${instance.blocks.length} blocks, goal ${instance.goal.map(([a, b]) => `${a} on ${b}`).join(', ')}`);

  const solved = plan(task, { planner: 'astar', heuristic: 'hmax', timeoutMs: 10_000 });
  if (solved.status !== 'solved') throw new Error(`A* did not solve ${instance.id}: ${solved.status}`);
  log(`A* (h_max) plan, ${solved.planText.length} steps:\n  ${solved.planText.join('\n  ')}`);
  const good = validatePlan(domain, problem, solved.planText.join('\n'));
  log(`Validator: ${renderFeedback(good)}`);

  // drop the first step: the second one now fails its preconditions
  const broken = validatePlan(domain, problem, solved.planText.slice(1).join('\n'));
  log(`Without the first step:\n  ${renderFeedback(broken).split('\n').join('\n  ')}`);

  const q = createTaxonomyQueries();
  const planners = q.methods({ category: 'planner-enhanced', needs: 'external-planner' });
  log(`Taxonomy: ${planners.length} planner-enhanced methods that need an external planner, e.g. ${planners.slice(0, 3).map((m) => m.name).join(', ')}`);
  return { plan: solved.planText, valid: good.valid, broken, planners: planners.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
