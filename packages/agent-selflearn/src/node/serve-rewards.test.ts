import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMiniRunModel } from '../loop/mini-run-model.js';
import { scoreVerlRow } from '../loop/score-row.js';
import { Bm25Index } from '../retrieval/bm25-index.js';
import { createSearchEnv } from '../rollout/tool-env.js';
import { rewardShimPython, serveRewards } from './serve-rewards.js';

const dir = mkdtempSync(join(tmpdir(), 'asl-rewards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const python = spawnSync('python3', ['-c', 'import json, urllib.request'], { encoding: 'utf8' }).status === 0;

async function deps() {
  const index = await Bm25Index.build([{ id: '0', contents: '"Seine"\nThe Seine flows through Paris.' }]);
  return { judge: createMiniRunModel(), env: createSearchEnv(index) };
}

function batch(n: number) {
  const rows = Array.from({ length: n }, (_, i) => {
    if (i % 32 === 5) {
      // PG rows: the service runs 10 attempts, 10 verdicts and 5 self-checks per question
      return { data_source: 'agent-selflearn/generate', solution: `<think>x</think><question>Which river number ${i} flows through the city in the documents?</question><answer>River ${i % 3}</answer>`, ground_truth: '', extra: { phase: 'generate', index: i } };
    }
    const verify = i % 2 === 0;
    return {
      data_source: verify ? 'agent-selflearn/verify' : 'agent-selflearn/solve',
      solution: i % 7 === 0 ? 'no answer here' : verify ? `<answer>conclusion: ${i % 3 ? 'correct' : 'wrong'}</answer>` : `<think>x</think><answer>River ${i % 3}</answer>`,
      ground_truth: verify ? (i % 4 ? 'correct' : 'wrong') : `River ${i % 2}`,
      extra: { phase: verify ? 'verify' : 'solve', question: `Which river number ${i} flows through the city?`, index: i },
    };
  });
  return rows;
}

describe('reward service + Python shim (T11)', () => {
  it.skipIf(!python)(`256-row batch through the shim equals in-process scores${python ? '' : ' (skipped: python3 not found)'}`, async () => {
    const d = await deps();
    const service = await serveRewards({ ...d, port: 0 });
    try {
      const rows = batch(256);
      const shim = join(dir, 'shim.py');
      writeFileSync(shim, rewardShimPython(service.url));
      const payload = join(dir, 'batch.json');
      writeFileSync(payload, JSON.stringify(rows));
      const py = `import json, sys\nsys.path.insert(0, ${JSON.stringify(dir)})\nimport shim\nrows = json.load(open(${JSON.stringify(payload)}))\nprint(json.dumps(shim.compute_score(data_sources=[r["data_source"] for r in rows], solution_strs=[r["solution"] for r in rows], ground_truths=[r["ground_truth"] for r in rows], extra_infos=[r["extra"] for r in rows])))`;
      // async: the service runs in this process, a synchronous spawn would block it
      const out = await promisify(execFile)('python3', ['-c', py], { encoding: 'utf8', timeout: 300_000 });
      expect(out.stderr).toBe('');
      const viaShim = JSON.parse(out.stdout) as number[];
      const direct = await Promise.all(rows.map((r) => scoreVerlRow(r.data_source, r.solution, r.ground_truth, r.extra, { ...d, judge: createMiniRunModel() }).then((s) => s.score)));
      expect(viaShim).toEqual(direct);
      expect(new Set(viaShim.filter((_, i) => i % 32 !== 5)).size).toBe(2); // both 0 and 1 occur
      expect(viaShim.filter((_, i) => i % 32 === 5).some((x) => x > 0 && x < 1)).toBe(true); // entropy rewards
    } finally {
      await service.close();
    }
  });
  it('bad batches get HTTP 400 naming the field', async () => {
    const service = await serveRewards({ ...(await deps()), port: 0 });
    try {
      const res = await fetch(`${service.url}/score`, { method: 'POST', body: JSON.stringify({ data_sources: [], solution_strs: [1], ground_truths: [], extra_infos: [] }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { result: string }).result).toMatch(/solution_strs\.0/);
    } finally {
      await service.close();
    }
  });
});
