import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReasonkitError } from '@reasonkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCKSWORLD_DOMAIN, blocksworldProblemText } from '../src/bench/index.js';
import { loadPlanbenchFolder, loadPlanbenchSplit } from '../src/bench/planbench-loader.js';
import { haveHardSet, haveMainSet, planbenchDir, skipMessage } from './shared-data.js';

// A tiny PlanBench-layout root written by the test itself (always runs).
const root = mkdtempSync(join(tmpdir(), 'planbench-splits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const main = join(root, 'blocksworld');
mkdirSync(join(main, 'generated_basic'), { recursive: true });
writeFileSync(join(main, 'generated_domain.pddl'), BLOCKSWORLD_DOMAIN);
const swap = blocksworldProblemText('p', ['a', 'b'], [['b', 'a']], [['b', 'a']]);
const stackAB = blocksworldProblemText('p', ['a', 'b'], [['a'], ['b']], [['a', 'b']]);
for (const [n, text] of [
  [1, swap],
  [2, stackAB],
  [3, stackAB],
  [501, swap],
] as const)
  writeFileSync(join(main, 'generated_basic', `instance-${n}.pddl`), text);
writeFileSync(
  join(main, 'info.json'),
  JSON.stringify({
    'instance-1.pddl': { plan: '(unstack a b)\n(put-down a)\n(pick-up b)\n(stack b a)', length: 4 },
    'instance-2.pddl': { plan: '(pick-up a)\n(stack a b)', length: 2 },
    'instance-501.pddl': { plan: '(unstack a b)\n(put-down a)\n(pick-up b)\n(stack b a)', length: 4 },
  }),
);

describe('PlanBench split names on a generated folder', () => {
  it('planbench-t1 keeps ids 1–500', () => {
    expect(loadPlanbenchSplit(root, 'planbench-t1').map((i) => i.n)).toEqual([1, 2, 3]);
  });
  it('rap-v1 keeps instances with a gold plan, ordered by length then id; steps filters', () => {
    const r = loadPlanbenchSplit(root, 'rap-v1');
    expect(r.map((i) => [i.n, i.optimalLength])).toEqual([
      [2, 2],
      [1, 4],
      [501, 4],
    ]);
    expect(r[0]!.referencePlan).toBe('(pick-up a)\n(stack a b)');
    expect(loadPlanbenchSplit(root, 'rap-v1', { steps: [4] }).map((i) => i.n)).toEqual([1, 501]);
  });
  it('hard is every instance of the folder; missing folders and info.json give typed errors', () => {
    expect(loadPlanbenchFolder(main, { split: 'hard' }).map((i) => i.n)).toEqual([1, 2, 3, 501]);
    expect(() => loadPlanbenchSplit(root, 'hard')).toThrow(/PlanBench folder not found: .*blocksworld_hard/);
    const bare = mkdtempSync(join(tmpdir(), 'planbench-bare-'));
    try {
      writeFileSync(join(bare, 'domain.pddl'), BLOCKSWORLD_DOMAIN);
      writeFileSync(join(bare, 'instance-1.pddl'), swap);
      let err: unknown;
      try {
        loadPlanbenchFolder(bare, { split: 'rap-v1' });
      } catch (e) {
        err = e;
      }
      expect(ReasonkitError.is(err, 'FILE_NOT_FOUND') && (err as Error).message).toMatch(/split rap-v1 needs reference plans: no info.json/);
      expect(() => loadPlanbenchFolder(bare, { split: 'all', steps: [2] })).toThrow(/'steps' only applies to split rap-v1/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!haveMainSet)('PlanBench splits on ../shared/data/planbench', () => {
  it('planbench-t1 has 500 instances; rap-v1 has 501 with lengths {2:30, 4:57, 6:114, 8:139, 10:113, 12:46, 14:1, 16:1}', () => {
    expect(loadPlanbenchSplit(planbenchDir, 'planbench-t1')).toHaveLength(500);
    const rap = loadPlanbenchSplit(planbenchDir, 'rap-v1');
    const hist: Record<number, number> = {};
    for (const i of rap) hist[i.optimalLength!] = (hist[i.optimalLength!] ?? 0) + 1;
    expect(hist).toEqual({ 2: 30, 4: 57, 6: 114, 8: 139, 10: 113, 12: 46, 14: 1, 16: 1 });
    expect(loadPlanbenchSplit(planbenchDir, 'rap-v1', { steps: [2, 4, 6] })).toHaveLength(30 + 57 + 114);
  });
});
if (!haveMainSet) console.warn(skipMessage('../shared/data/planbench/blocksworld'));

describe.skipIf(!haveHardSet)('PlanBench hard split', () => {
  it('110 instances, reference lengths 20–40', () => {
    const hard = loadPlanbenchSplit(planbenchDir, 'hard');
    expect(hard).toHaveLength(110);
    const lens = hard.map((i) => i.optimalLength!);
    expect(Math.min(...lens)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...lens)).toBeLessThanOrEqual(40);
  });
});
if (!haveHardSet) console.warn(skipMessage('../shared/data/planbench/blocksworld_hard'));
