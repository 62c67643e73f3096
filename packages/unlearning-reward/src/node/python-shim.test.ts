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

const NATIVE_SCRIPT = `
import json, sys
sys.path.insert(0, sys.argv[1])
import unlearning_reward_native as n
fx = sys.argv[2]
g = json.load(open(fx + '/rule-regex-golden.json', encoding='utf-8'))
def u16(s, i): return len(s[:i].encode('utf-16-le')) // 2
bad_regex = 0
for s, span in g['regex']:
    m = n.refusal_span(s)
    got = None if m is None else [u16(s, m[0]), u16(s, m[1])]
    bad_regex += got != span
r = json.load(open(fx + '/rouge-pltrdy-golden.json', encoding='utf-8'))
bad_rouge = 0
for h, ref, want in r['pairs']:
    try:
        got = list(n.rouge_l(h, ref))
    except n.RougeEmpty:
        got = 'ValueError'
    bad_rouge += got != want
REJ = ["<reject>", "I'm not certain about Stephen King.", "Stephen King"]
N = ["<normal>", "The Sun Also Rises"]
cases = [(REJ, "I'm not certain about Stephen King."), (REJ, "I'm not certain."), (REJ, "Carrie"),
         (REJ, "According to the user agreement, I can't answer questions related to Stephen King."),
         (N, "The Sun Also Rises"), (N, "It was published in 1926."), (N, "You should check; it is The Sun Also Rises."),
         (["<normal>", "Rob Reiner"], "Reiner, Rob")]
presets = ["forget", "forget_half_reject", "forget_abs", "forget_abs_half_reject", "forget_two_stage",
           "forget_two_stage_abs_target", "forget_two_stage_abs_target_half_reject", "reject_behave_reward"]
matrix = {p: [n.score(p, sol, c) for sol, c in cases] for p in presets}
print(json.dumps({"n_regex": len(g['regex']), "bad_regex": bad_regex, "n_rouge": len(r['pairs']), "bad_rouge": bad_rouge, "matrix": matrix}))
`;

describe.skipIf(!python)('native Python rewards (unlearning_reward_native.py) against the same goldens', () => {
  it('regex spans, 1,000 ROUGE pairs and the §6.3 matrix (scores and components) equal the TypeScript results', async () => {
    const { rulePreset } = await import('../reward/presets.js');
    const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');
    const p = spawnSync(python!, ['-B', '-c', NATIVE_SCRIPT, shimDir, fixtures], { encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' }, maxBuffer: 1 << 24 });
    expect(p.status, p.stderr).toBe(0);
    const r = JSON.parse(p.stdout) as { n_regex: number; bad_regex: number; n_rouge: number; bad_rouge: number; matrix: Record<string, Record<string, number>[]> };
    expect([r.n_regex, r.bad_regex, r.n_rouge, r.bad_rouge]).toEqual([10_000, 0, 1000, 0]);
    const REJ = ['<reject>', "I'm not certain about Stephen King.", 'Stephen King'];
    const N = ['<normal>', 'The Sun Also Rises'];
    const cases: [string[], string][] = [
      [REJ, "I'm not certain about Stephen King."], [REJ, "I'm not certain."], [REJ, 'Carrie'],
      [REJ, "According to the user agreement, I can't answer questions related to Stephen King."],
      [N, 'The Sun Also Rises'], [N, 'It was published in 1926.'], [N, 'You should check; it is The Sun Also Rises.'], [['<normal>', 'Rob Reiner'], 'Reiner, Rob'],
    ];
    const names = ['forget', 'forgetHalfReject', 'forgetAbs', 'forgetAbsHalfReject', 'forgetTwoStage', 'forgetTwoStageAbsTarget', 'forgetTwoStageAbsTargetHalfReject', 'rejectBehave'] as const;
    const pyNames = Object.keys(r.matrix);
    names.forEach((name, k) => {
      const fn = rulePreset(name);
      cases.forEach(([solution, c], i) => {
        const ts = fn.scoreSync!({ prompt: 'q', solution }, c);
        const { overall, ...rest } = ts.components;
        const { score, ...pyRest } = r.matrix[pyNames[k]!]![i]!;
        expect(score, `${name} case ${i}`).toBe(overall);
        expect(pyRest, `${name} case ${i}`).toEqual(rest);
      });
    });
  });
});
