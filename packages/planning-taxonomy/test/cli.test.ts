import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCKSWORLD_DOMAIN } from '../src/bench/blocksworld-domain.js';
import { domainsDir } from './shared-data.js';

const cli = resolve(domainsDir, '../../src/cli.ts');
const run = (args: string[], input?: string) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', input });
const dir = mkdtempSync(join(tmpdir(), 'pt-cli-'));
const f = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const sussman = `(define (problem sussman) (:domain blocksworld-4ops) (:objects a b c)
  (:init (handempty) (ontable a) (ontable b) (on c a) (clear c) (clear b)) (:goal (and (on a b) (on b c))))`;

describe('planning-taxonomy CLI', () => {
  const domain = f('d.pddl', BLOCKSWORLD_DOMAIN);
  const problem = f('p.pddl', sussman);
  it('plan prints one action per line, and validate accepts it (exit 0)', () => {
    const p = run(['plan', '--domain', domain, '--problem', problem, '--planner', 'astar', '--heuristic', 'hmax']);
    expect(p.status).toBe(0);
    expect(p.stdout.trim().split('\n')).toEqual(['(unstack c a)', '(put-down c)', '(pick-up b)', '(stack b c)', '(pick-up a)', '(stack a b)']);
    const plan = f('plan.txt', p.stdout);
    const v = run(['validate', '--domain', domain, '--problem', problem, '--plan', plan]);
    expect(v.status).toBe(0);
  });
  it('validate exits 1 and explains an invalid plan', () => {
    const plan = f('bad.txt', 'unstack c a\nput-down c\npick-up a\nstack a b\npick-up b\nstack b c\n');
    const v = run(['validate', '--domain', domain, '--problem', problem, '--plan', plan]);
    expect(v.status).toBe(1);
    expect(v.stdout).toMatch(/Step 5 \(\(pick-up b\)\) cannot be executed\.\nUnmet preconditions: \(clear b\)\./);
  });
  it('validate-batch prints one JSON line per input', () => {
    const lines = [
      { id: 'ok', domain: BLOCKSWORLD_DOMAIN, problem: sussman, plan: '(unstack c a)\n(put-down c)\n(pick-up b)\n(stack b c)\n(pick-up a)\n(stack a b)' },
      { id: 'arity', domain: BLOCKSWORLD_DOMAIN, problem: sussman, plan: 'unstack c' },
      { id: 'bad-pddl', domain: '(define (domain x', problem: sussman, plan: '' },
    ];
    const input = f('in.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\nnot json\n');
    const r = run(['validate-batch', '--input', input]);
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => [o.id, o.valid, o.status])).toEqual([
      ['ok', true, 'valid'],
      ['arity', false, 'arity'],
      ['bad-pddl', false, 'pddl-error'],
      [null, false, 'input-error'],
    ]);
    expect(out[2].reason).toMatch(/domain:1:9: unbalanced parentheses/);
  });
  it('plan over its limit reports not found within limits (exit 1)', () => {
    const p = run(['plan', '--domain', domain, '--problem', problem, '--max-expansions', '1']);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/not found within limits \(expansions\)/);
  });
  it('works on a typed domain written in the repo', () => {
    const p = run(['plan', '--domain', join(domainsDir, 'courier/domain.pddl'), '--problem', join(domainsDir, 'courier/p1.pddl'), '--planner', 'gbfs', '--heuristic', 'hff']);
    expect(p.status).toBe(0);
    expect(readFileSync(join(domainsDir, 'courier/p1.pddl'), 'utf8')).toContain('courier-1');
    expect(p.stdout.trim().split('\n')).toHaveLength(6);
  });
});
