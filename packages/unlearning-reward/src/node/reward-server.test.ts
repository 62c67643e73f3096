import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_PRESET_NAMES } from '../reward/preset-specs.js';
import { rulePreset } from '../reward/presets.js';
import type { RuleSolutionRow } from '../schemas/index.js';
import { startRewardServer, type RewardServer } from './reward-server.js';

const REJ: RuleSolutionRow = { prompt: 'q', solution: ['<reject>', "I'm not certain about Stephen King.", 'Stephen King'] };
const NORM: RuleSolutionRow = { prompt: 'q', solution: ['<normal>', 'The Sun Also Rises'] };
const CASES: [RuleSolutionRow, string][] = [
  [REJ, "I'm not certain about Stephen King."],
  [REJ, "I'm not certain."],
  [REJ, 'Carrie'],
  [REJ, "According to the user agreement, I can't answer questions related to Stephen King."],
  [NORM, 'The Sun Also Rises'],
  [NORM, 'It was published in 1926.'],
  [NORM, 'You should check; it is The Sun Also Rises.'],
  [{ prompt: 'q', solution: ['<normal>', 'Rob Reiner'] }, 'Reiner, Rob'],
];

let srv: RewardServer;
beforeAll(async () => {
  srv = await startRewardServer();
});
afterAll(async () => {
  await srv?.close();
});

const post = async (path: string, body: unknown) => {
  const r = await fetch(srv.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  return { status: r.status, json: (await r.json()) as Record<string, any> };
};

describe('reward server (real node:http on loopback)', () => {
  it('1,000 concurrent requests: no error, same rewards as in-process', async () => {
    const reqs = Array.from({ length: 1000 }, (_, i) => {
      const preset = RULE_PRESET_NAMES[i % RULE_PRESET_NAMES.length]!;
      const [row, completion] = CASES[i % CASES.length]!;
      return { preset, row, completion };
    });
    const responses = await Promise.all(reqs.map((q) => post('/v1/score', { preset: q.preset, items: [{ row: q.row, completion: q.completion }] })));
    expect(responses.filter((r) => r.status !== 200)).toEqual([]);
    for (let i = 0; i < reqs.length; i++) {
      const q = reqs[i]!;
      const local = rulePreset(q.preset).scoreSync!(q.row, q.completion);
      expect(responses[i]!.json.results[0].overall).toBe(local.overall);
      expect(responses[i]!.json.results[0].components).toEqual(local.components);
    }
  });
  it('batch scoring keeps order; verl endpoint takes compute_score arguments', async () => {
    const r = await post('/v1/score', { preset: 'rejectBehave', items: CASES.map(([row, completion]) => ({ row, completion })) });
    expect(r.json.results.map((x: { overall: number }) => x.overall)).toEqual([1, 0.7, 0, 0.30000000000000004, 1, 0.7, 0.30000000000000004, 1]);
    const v = await post('/v1/verl', { data_source: 'unlearning_reward/rwku/Stephen King', solution_str: "I'm not certain.", ground_truth: JSON.stringify(REJ.solution) });
    expect(v.json).toMatchObject({ score: 0.5, is_refusal: true });
  });
  it('malformed requests get 400 naming the field', async () => {
    expect(await post('/v1/score', '{not json')).toMatchObject({ status: 400, json: { error: { field: '$' } } });
    expect(await post('/v1/score', { items: [] })).toMatchObject({ status: 400, json: { error: { field: 'items' } } });
    expect(await post('/v1/score', { preset: 'nope', items: [{ row: NORM, completion: 'x' }] })).toMatchObject({ status: 400, json: { error: { field: 'preset' } } });
    expect(await post('/v1/score', { items: [{ row: NORM, completion: 3 }] })).toMatchObject({ status: 400, json: { error: { field: 'items.0.completion' } } });
    const bad = await post('/v1/score', { items: [{ row: NORM, completion: 'x' }, { row: { prompt: 'q', solution: ['<maybe>', 'x'] }, completion: 'x' }] });
    expect(bad).toMatchObject({ status: 400, json: { error: { field: 'items.1.row.solution[0]', record: 1 } } });
    expect(bad.json.error.message).toMatch(/unknown solution tag/);
    expect(await post('/v1/score', { items: [{ row: { label: 'refuse', id: 'r1', prompt: 'q' }, completion: 'x' }] })).toMatchObject({ status: 400, json: { error: { field: 'items.0.row.target' } } });
    expect(await post('/v1/verl', { solution_str: 'x', ground_truth: 'not json' })).toMatchObject({ status: 400, json: { error: { field: 'ground_truth' } } });
    expect((await fetch(srv.url + '/nope')).status).toBe(404);
  });
});
