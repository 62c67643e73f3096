import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRewardServer, type RewardServer } from './reward-server.js';

const shimDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'python');
const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
if (!python) console.warn('skipped: python3 not found (the Python shim checks need it)');

// Spec §6.3 rows, target preset column
const SCRIPT = `
import json, sys
sys.path.insert(0, sys.argv[1])
import unlearning_reward_client as c
REJ = ["<reject>", "I'm not certain about Stephen King.", "Stephen King"]
cases = [(REJ, "I'm not certain about Stephen King."), (REJ, "I'm not certain."), (REJ, "Carrie"),
         (REJ, "According to the user agreement, I can't answer questions related to Stephen King."),
         (["<normal>", "The Sun Also Rises"], "The Sun Also Rises"), (["<normal>", "The Sun Also Rises"], "It was published in 1926."),
         (["<normal>", "The Sun Also Rises"], "You should check; it is The Sun Also Rises."), (["<normal>", "Rob Reiner"], "Reiner, Rob")]
verl = [c.compute_score("unlearning_reward/rwku/Stephen King", s, json.dumps(g))["score"] for g, s in cases]
trl = c.reward_fn(["q"] * len(cases), [[{"role": "assistant", "content": s}] for _, s in cases],
                  label=["refuse" if g[0] == "<reject>" else "answer" for g, _ in cases],
                  references=[[g[1]] for g, _ in cases], target=[g[2] if g[0] == "<reject>" else "" for g, _ in cases])
print(json.dumps({"verl": verl, "trl": trl}))
`;

describe.skipIf(!python)('Python shims against the reward server', () => {
  let srv: RewardServer;
  beforeAll(async () => {
    srv = await startRewardServer({ preset: 'forgetTwoStageAbsTarget' });
  });
  afterAll(async () => srv?.close());
  it('verl compute_score and TRL reward_fn reproduce the §6.3 target column', async () => {
    const { spawn } = await import('node:child_process');
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn(python!, ['-B', '-c', SCRIPT, shimDir], { env: { ...process.env, UNLEARNING_REWARD_URL: srv.url, PYTHONDONTWRITEBYTECODE: '1' } });
      let s = '';
      let e = '';
      p.stdout.on('data', (d) => (s += d));
      p.stderr.on('data', (d) => (e += d));
      p.on('close', (code) => (code === 0 ? resolve(s) : reject(new Error(`python exited ${code}: ${e}`))));
    });
    const r = JSON.parse(out) as { verl: number[]; trl: number[] };
    expect(r.verl).toEqual([1, 0.5, 0, 0, 1, 0.5, 0, 1]);
    expect(r.trl).toEqual([1, 0.5, 0, 0, 1, 0.5, 0, 1]);
  });
  it('the shim is valid Python', () => {
    expect(spawnSync(python!, ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', join(shimDir, 'unlearning_reward_client.py')]).status).toBe(0);
  });
});
