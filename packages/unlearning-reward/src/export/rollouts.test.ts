import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@reasonkit/core';
import type { ScoredRollout } from '../schemas/index.js';
import { previousRolloutsJsonl } from '../__fixtures__/previous-rollouts-jsonl.js';
import { rolloutsJsonl } from './rollouts.js';

const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const c of it) chunks.push(c);
  return chunks;
}

async function* asAsync<T>(xs: readonly T[]): AsyncGenerator<T> {
  for (const x of xs) yield x;
}

const mk = (g: string, i: number, reward: number, extra: Partial<ScoredRollout> & Record<string, unknown> = {}): ScoredRollout => ({
  uid: `${g}-${i}`, step: 0, promptId: g, groupId: g, sampleIndex: i, prompt: 'q', completion: `c "${i}"\n`, label: 'answer', reward, components: { overall: reward },
  verdict: { isRefusal: false, score: 0, strategy: 'rule-strict' }, rougeL: null, ...extra,
});

describe('rollouts JSONL: optimised export is byte-identical to the previous one', () => {
  it('equals the golden file written by the previous implementation (escapes, unicode, given advantages, NaN-free edge values)', async () => {
    const input = JSON.parse(fixture('rollouts-jsonl-input.json')) as ScoredRollout[];
    const golden = fixture('rollouts-jsonl-golden.jsonl');
    expect((await collect(rolloutsJsonl(input))).join('')).toBe(golden);
    expect((await collect(rolloutsJsonl(asAsync(input), { chunkChars: 0 }))).join('')).toBe(golden);
    expect(await previousRolloutsJsonl(input)).toBe(golden);
  });

  it('equals the previous implementation on random groups and on rows that take the fallback path', async () => {
    const rand = mulberry32(7);
    const rows: ScoredRollout[] = [];
    for (let g = 0; g < 60; g++) {
      const size = 1 + Math.floor(rand() * 9);
      for (let i = 0; i < size; i++) {
        const kind = Math.floor(rand() * 8);
        const reward = kind === 0 ? Number.NaN : kind === 1 ? -0 : kind === 2 ? Math.round(rand()) : rand() * 3 - 1;
        const extra: Record<string, unknown> =
          kind === 3 ? { advantage: rand() } // given advantage, in place
          : kind === 4 ? { advantage: undefined, target: 'T' } // key present but undefined: keeps its position
          : kind === 5 ? { group_mean: 'user field' } // our key already present: overwritten in place
          : kind === 6 ? { advantage: null, policyVersion: undefined }
          : kind === 7 ? { toJSON: () => ({ custom: true }) }
          : {};
        rows.push(mk(`g${g}`, i, reward, extra));
      }
    }
    rows.push(Object.assign(Object.create({ inherited: 1 }), mk('proto', 0, 1)) as ScoredRollout);
    const expected = await previousRolloutsJsonl(rows);
    expect((await collect(rolloutsJsonl(rows))).join('')).toBe(expected);
    expect((await collect(rolloutsJsonl(asAsync(rows), { chunkChars: 100 }))).join('')).toBe(expected);
    expect(expected).toContain('"advantage":null'); // NaN rewards were exercised
  });

  it('chunks hold complete lines: one per group with chunkChars 0, at least chunkChars otherwise', async () => {
    const rows = [mk('a', 0, 1), mk('a', 1, 0), mk('b', 0, 0.5), mk('b', 1, 0.5), mk('c', 0, 1)];
    const perGroup = await collect(rolloutsJsonl(rows, { chunkChars: 0 }));
    expect(perGroup.map((c) => c.split('\n').length - 1)).toEqual([2, 2, 1]);
    expect(await collect(rolloutsJsonl(rows))).toEqual([perGroup.join('')]);
    const small = await collect(rolloutsJsonl(rows, { chunkChars: 500 }));
    expect(small.length).toBeGreaterThan(1);
    for (const c of small.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(500);
    for (const c of small) expect(c.endsWith('\n')).toBe(true);
    expect(small.join('')).toBe(perGroup.join(''));
  });

  it('rejects bad options naming the field', async () => {
    await expect(collect(rolloutsJsonl([], { chunkChars: -1 }))).rejects.toThrow(/chunkChars/);
  });
});
