import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import type { Domain, Problem } from './pddl/ast.js';
import { ground } from './pddl/ground.js';
import { parseDomain, parseProblem } from './pddl/parse-pddl.js';
import { plan as runPlanner } from './search/planners.js';
import { createPlanValidator, renderFeedback } from './validate/index.js';
import type { PlanValidator } from './validate/index.js';

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${what} file '${path}': ${(e as Error).message}`);
  }
}

function fail(message: string, code = 2): never {
  process.stderr.write(`planning-taxonomy: ${message}\n`);
  process.exit(code);
}

const program = new Command();
program.name('planning-taxonomy').description('PDDL validator and planners from @reasonkit/planning-taxonomy');

program
  .command('validate')
  .description('Validate a plan; exit 0 if valid, 1 if invalid (with an explanation), 2 on unreadable or malformed PDDL')
  .requiredOption('--domain <file>', 'domain PDDL')
  .requiredOption('--problem <file>', 'problem PDDL')
  .requiredOption('--plan <file>', 'plan, one action per line')
  .option('--strict', 'require (action args) on every plan line', false)
  .option('--json', 'print the full report as JSON', false)
  .action((o: { domain: string; problem: string; plan: string; strict: boolean; json: boolean }) => {
    let domain: Domain;
    let problem: Problem;
    try {
      domain = parseDomain(readText(o.domain, 'domain'), { file: o.domain });
      problem = parseProblem(readText(o.problem, 'problem'), domain, { file: o.problem });
    } catch (e) {
      fail((e as Error).message);
    }
    let planText: string;
    try {
      planText = readText(o.plan, 'plan');
    } catch (e) {
      fail((e as Error).message);
    }
    const report = createPlanValidator(domain, problem).validate(planText, { strict: o.strict });
    process.stdout.write(o.json ? JSON.stringify(report) + '\n' : `${renderFeedback(report)}\n${report.valid ? `Plan valid. Cost: ${report.cost}` : `Status: ${report.status}`}\n`);
    process.exit(report.valid ? 0 : 1);
  });

program
  .command('validate-batch')
  .description('Validate JSONL lines {id, domain, problem, plan}; prints {id, valid, status, reason} per line')
  .requiredOption('--input <file>', 'JSONL input ("-" for stdin)')
  .option('--strict', 'require (action args) on every plan line', false)
  .option('--expected-field <name>', 'compare against this boolean field (e.g. llm_correct) and list disagreements on stderr')
  .action(async (o: { input: string; strict: boolean; expectedField?: string }) => {
    const hash = (s: string) => createHash('sha1').update(s).digest('hex');
    const domains = new Map<string, Domain | Error>();
    const validators = new Map<string, PlanValidator | Error>();
    const out: string[] = [];
    const disagreements: unknown[] = [];
    let n = 0;
    const input = o.input === '-' ? process.stdin : createReadStream(o.input, 'utf8');
    input.on('error', (e: Error) => fail(`cannot read input '${o.input}': ${e.message}`));
    const rl = createInterface({ input, crlfDelay: Infinity });
    for await (const line of rl) {
      n++;
      if (!line.trim()) continue;
      let rec: { id?: unknown; domain?: unknown; problem?: unknown; plan?: unknown; [k: string]: unknown };
      try {
        rec = JSON.parse(line);
      } catch {
        out.push(JSON.stringify({ id: null, valid: false, status: 'input-error', reason: `input line ${n}: invalid JSON` }));
        continue;
      }
      const id = rec.id ?? null;
      if (typeof rec.domain !== 'string' || typeof rec.problem !== 'string' || typeof rec.plan !== 'string') {
        out.push(JSON.stringify({ id, valid: false, status: 'input-error', reason: `input line ${n}: fields domain, problem and plan must be strings` }));
        continue;
      }
      const dh = hash(rec.domain);
      let d = domains.get(dh);
      if (!d) {
        try {
          d = parseDomain(rec.domain, { file: 'domain' });
        } catch (e) {
          d = e as Error;
        }
        domains.set(dh, d);
      }
      const vk = dh + hash(rec.problem);
      let v = validators.get(vk);
      if (!v) {
        if (d instanceof Error) v = d;
        else {
          try {
            v = createPlanValidator(d, parseProblem(rec.problem, d, { file: 'problem' }));
          } catch (e) {
            v = e as Error;
          }
        }
        validators.set(vk, v);
      }
      let result: { id: unknown; valid: boolean; status: string; reason: string | null };
      if (v instanceof Error) result = { id, valid: false, status: 'pddl-error', reason: v.message };
      else {
        const r = v.validate(rec.plan, { strict: o.strict });
        result = { id, valid: r.valid, status: r.status, reason: r.valid ? null : renderFeedback(r).split('\n').slice(1).join(' ') };
      }
      out.push(JSON.stringify(result));
      if (o.expectedField && typeof rec[o.expectedField] === 'boolean' && rec[o.expectedField] !== result.valid) {
        disagreements.push({ id, expected: rec[o.expectedField], valid: result.valid, status: result.status, reason: result.reason });
      }
    }
    process.stdout.write(out.length ? out.join('\n') + '\n' : '');
    if (o.expectedField) {
      process.stderr.write(`disagreements with '${o.expectedField}': ${disagreements.length}\n`);
      for (const x of disagreements) process.stderr.write(JSON.stringify(x) + '\n');
    }
  });

program
  .command('plan')
  .description('Find a plan; prints one action per line (exit 1 when unsolvable or not found within limits)')
  .requiredOption('--domain <file>', 'domain PDDL')
  .requiredOption('--problem <file>', 'problem PDDL')
  .option('--planner <name>', 'bfs | astar | gbfs | wastar', 'bfs')
  .option('--heuristic <name>', 'blind | goal-count | hmax | hadd | hff (default: hmax for astar, hff for gbfs/wastar)')
  .option('--weight <w>', 'wA* weight', '2')
  .option('--timeout-ms <ms>', 'time limit in ms')
  .option('--max-expansions <n>', 'expansion limit')
  .option('--stats', 'print search statistics to stderr', false)
  .action((o: { domain: string; problem: string; planner: string; heuristic?: string; weight: string; timeoutMs?: string; maxExpansions?: string; stats: boolean }) => {
    let task;
    try {
      const domain = parseDomain(readText(o.domain, 'domain'), { file: o.domain });
      const problem = parseProblem(readText(o.problem, 'problem'), domain, { file: o.problem });
      task = ground(domain, problem);
    } catch (e) {
      fail((e as Error).message);
    }
    const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
    let r;
    try {
      r = runPlanner(task, {
        planner: o.planner as 'bfs',
        heuristic: o.heuristic as 'hff' | undefined,
        weight: Number(o.weight),
        timeoutMs: num(o.timeoutMs),
        maxExpansions: num(o.maxExpansions),
      });
    } catch (e) {
      fail((e as Error).message);
    }
    if (o.stats) process.stderr.write(JSON.stringify({ status: r.status, ...r.stats }) + '\n');
    if (r.status === 'solved') {
      process.stdout.write(r.planText.map((t) => t + '\n').join(''));
      process.exit(0);
    }
    process.stderr.write(r.status === 'unsolvable' ? 'unsolvable: the reachable state space contains no goal state\n' : `not found within limits (${r.limit})\n`);
    process.exit(1);
  });

program.parseAsync(process.argv).catch((e: unknown) => fail((e as Error).message));
