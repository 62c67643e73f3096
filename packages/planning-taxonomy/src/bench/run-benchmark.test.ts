// runBenchmark (issue 10 item 15): promptHash hashes the prompts, the spec's `budget` and `seed`
// exist, and a failing instance is recorded as failed without rejecting the run.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDomain, parseProblem } from '../pddl/index.js';
import { createRng } from '../random/rng.js';
import { backprompt } from '../strategies/backprompt.js';
import { llmAsPlanner } from '../strategies/llm-as-planner.js';
import type { PlanningGenerateRequest } from '../strategies/planning-lm.js';
import type { PlanningStrategy } from '../strategies/presets-common.js';
import { createScriptedLM } from '../testing/scripted-lm.js';
import { BLOCKSWORLD_DOMAIN } from './blocksworld-domain.js';
import { generateBlocksworldInstance } from './blocksworld-generator.js';
import { BLOCKSWORLD_VERBALIZER } from './blocksworld-verbalizer.js';
import { runBenchmark } from './run-benchmark.js';

const d = parseDomain(BLOCKSWORLD_DOMAIN);
const instances = [0, 1, 2].map((i) => {
  const g = generateBlocksworldInstance(3, createRng(i), `g${i}`);
  return { id: g.id, domain: d, problem: parseProblem(g.pddl, d), verbalizer: BLOCKSWORLD_VERBALIZER };
});
const WRONG = 'put down the red block\n[PLAN END]';
const sha = (prompts: string[]) => {
  const h = createHash('sha256');
  for (const p of prompts) h.update(`${p.length}:${p}`);
  return h.digest('hex').slice(0, 16);
};

describe('runBenchmark records', () => {
  it('promptHash is the hash of the prompts sent, not of the response or trace', async () => {
    const lm = createScriptedLM({ replies: () => WRONG });
    const [a] = await runBenchmark({ instances: [instances[0]!], strategy: llmAsPlanner(), lm });
    expect(a!.promptHash).toBe(sha([lm.prompts[0]!]));
    // Another response to the same prompts (backprompt's trace differs) keeps the hash; another instance changes it.
    const run = (reply: string) => runBenchmark({ instances: [instances[0]!, instances[1]!], strategy: backprompt({ maxRounds: 1 }), lm: createScriptedLM({ replies: () => reply }) });
    const [x, y] = await run(WRONG);
    const [x2] = await run('pick up the red block\n[PLAN END]');
    expect(x2!.promptHash).toBe(x!.promptHash);
    expect(y!.promptHash).not.toBe(x!.promptHash);
  });

  it('a failing instance is recorded as failed and the run goes on; resume does not re-run it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pt-run-')), 'run.jsonl');
    const planner = llmAsPlanner();
    const strategy: PlanningStrategy = async (inst, lm, o) => {
      if (inst.id === 'g1') throw new Error('model server went away');
      return planner(inst, lm, o);
    };
    const recs = await runBenchmark({ instances, strategy, lm: createScriptedLM({ replies: () => WRONG }), out });
    expect(recs.map((r) => [r.id, r.report.status])).toEqual([['g0', 'precondition'], ['g1', 'error'], ['g2', 'precondition']]);
    expect(recs[1]!.error).toEqual({ code: 'ERROR', message: 'model server went away' });
    expect(recs[1]!.report).toMatchObject({ valid: false, message: 'g1: model server went away' });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
    const lm2 = createScriptedLM({ replies: () => WRONG });
    await runBenchmark({ instances, strategy, lm: lm2, out });
    expect(lm2.prompts).toHaveLength(0);
  });

  it('budget: llmCalls and ms per instance stop a strategy as a failed instance with status budget', async () => {
    const lm = createScriptedLM({ replies: () => WRONG });
    const [r] = await runBenchmark({ instances: [instances[0]!], strategy: backprompt({ maxRounds: 15 }), lm, budget: { llmCalls: 2 } });
    expect(lm.prompts).toHaveLength(2);
    expect(r!.report.status).toBe('budget');
    expect(r!.error).toMatchObject({ code: 'ABORTED', message: 'runBenchmark: budget.llmCalls (2) exhausted' });
    expect(r!.usage.llmCalls).toBe(2);
    const slow: PlanningStrategy = (_i, _lm, o) =>
      new Promise((_, reject) => o?.signal?.addEventListener('abort', () => reject(new Error('stopped')), { once: true }));
    const [t] = await runBenchmark({ instances: [instances[0]!], strategy: slow, lm, budget: { ms: 50 } });
    expect(t!.report.status).toBe('budget');
  });

  it('seed: each instance gets a seed derived from the run seed and its id, the same under concurrency and resume', async () => {
    const seen = (requests: Map<string, (number | undefined)[]>) => {
      const base = createScriptedLM({ replies: () => WRONG });
      return {
        ...base,
        async generate(r: PlanningGenerateRequest) {
          const key = r.prompts[0]!;
          requests.set(key, [...(requests.get(key) ?? []), r.seed]);
          return base.generate(r);
        },
      };
    };
    const a = new Map<string, (number | undefined)[]>();
    const b = new Map<string, (number | undefined)[]>();
    const ra = await runBenchmark({ instances, strategy: llmAsPlanner(), lm: seen(a), seed: 7 });
    const rb = await runBenchmark({ instances: [...instances].reverse(), strategy: llmAsPlanner(), lm: seen(b), seed: 7, concurrency: 3 });
    expect(new Set([...a.values()].flat()).size).toBe(3);
    expect([...a.values()].flat().every((s) => Number.isInteger(s) && s! >= 0)).toBe(true);
    expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
    expect(ra.map((r) => r.seed)).toEqual([...rb].reverse().map((r) => r.seed));
    const c = new Map<string, (number | undefined)[]>();
    const rc = await runBenchmark({ instances, strategy: llmAsPlanner(), lm: seen(c) });
    expect([...c.values()].flat()).toEqual([undefined, undefined, undefined]);
    expect(rc[0]!.seed).toBeUndefined();
  });

  it('validates its options and names the field', async () => {
    await expect(runBenchmark({ instances, strategy: llmAsPlanner(), lm: createScriptedLM({ replies: [] }), concurrency: 0 })).rejects.toThrow(/runBenchmark: concurrency:/);
  });
});
