import { contentText } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import type { ToolEnv } from '../rollout/tool-env.js';
import { scoreVerlRow } from './score-row.js';

// Policy: for the question "… number k …", the first k attempts (in any order) answer "good", the
// rest "bad". Judge: correct iff the candidate contains "good". So k of 10 attempts are judged
// correct, and a generator answer containing "good" passes 5/5 self-checks.
function model() {
  const seen = new Map<string, number>();
  return createScriptedTextModel({
    replies: (req) => {
      const user = contentText(req.messages?.at(-1)?.content ?? '');
      if (user.startsWith('You are a teacher')) return `<answer>conclusion: ${/good/.test(user.split('\n').slice(-3).join('\n')) ? 'correct' : 'wrong'}</answer>`;
      const k = Number(user.match(/number (\d+)/)![1]);
      const n = seen.get(user) ?? 0;
      seen.set(user, n + 1);
      return `<think>t</think><answer>${n < k ? 'good' : 'bad'}</answer>`;
    },
  });
}
const env: ToolEnv = { execute: async () => [] };
const pg = (k: number, own = 'good one') => `<think>x</think><question>Which founder number ${k} is the right one here?</question><answer>${own}</answer>`;

describe('scoreVerlRow: generate rows (PG reward through the reward service)', () => {
  it('reproduces the §4.5 entropy table with k correct of 10 attempts and a passing gate', async () => {
    const table: [number, number][] = [[5, 0.6931471805599453], [4, 0.6730116670092565], [3, 0.6108643020548935], [2, 0.5004024235381879], [1, 0.3250829733914482], [0, 0], [7, 0.6108643020548935]];
    for (const [k, h] of table) {
      const s = await scoreVerlRow('agent-selflearn/generate', pg(k), '', { phase: 'generate' }, { judge: model(), env });
      expect(s.role).toBe('generate');
      expect(s.gated).toBe(false);
      expect(Math.abs(s.score - h)).toBeLessThan(1e-12);
    }
  });

  it('the self-check gate zeroes a question whose own answer the GRM rejects; invalid questions score 0', async () => {
    const gated = await scoreVerlRow('agent-selflearn/generate', pg(4, 'bad answer'), '', { phase: 'generate' }, { judge: model(), env });
    expect(gated).toMatchObject({ score: 0, gated: true });
    expect(Math.abs(gated.difficulty! - 0.6730116670092565)).toBeLessThan(1e-12);
    const invalid = await scoreVerlRow('agent-selflearn/generate', '<question>Too short</question><answer>x</answer>', '', { phase: 'generate' }, { judge: model(), env });
    expect(invalid.score).toBe(0);
    const az = await scoreVerlRow('agent-selflearn/generate', pg(3), '', { phase: 'generate' }, { judge: model(), env, generate: { kind: 'absolute-zero' } });
    expect(az.score).toBeCloseTo(0.7, 12);
  });
});
