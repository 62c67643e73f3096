import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthesizeBoundary } from '../synth/pipeline.js';
import { scriptedSynthModel } from '../testing/scripted-synth-model.js';
import { JsonlCache } from './jsonl-cache.js';

describe('JsonlCache', () => {
  it('persists entries, ignores a torn last line, and rejects corruption elsewhere naming the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ur-cache-'));
    const p = join(dir, 'c.jsonl');
    const c = new JsonlCache<number>(p);
    c.set('a', 1).set('b', 2);
    appendFileSync(p, '{"k": "c", "v"'); // crash mid-write
    const d = new JsonlCache<number>(p);
    expect([...d.entries()]).toEqual([['a', 1], ['b', 2]]);
    expect(d.skippedLines).toBe(1);
    writeFileSync(p, 'garbage\n{"k":"a","v":1}\n');
    expect(() => new JsonlCache(p)).toThrow(/c.jsonl:1/);
  });
  it('synthesis resumes after a crash without repeating model calls or duplicating items', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ur-cache-'));
    const p = join(dir, 'synth.jsonl');
    const forget = ['Where was Stephen King born?', 'What did Stephen King study?', 'Who married Stephen King?'].map((q, i) => ({ id: `f${i}`, kind: 'forget' as const, variant: 'qa' as const, question: q, target: 'Stephen King' }));
    // first run crashes after the 6th model call
    let calls = 0;
    const crashing = scriptedSynthModel({ id: 'm', target: 'Stephen King', neighbors: ['Agatha Christie'], before: () => { if (++calls > 6) throw new Error('crash'); } });
    await expect(synthesizeBoundary(forget, { model: crashing, target: 'Stephen King', cache: new JsonlCache(p) })).rejects.toThrow(/crash/);
    expect(readFileSync(p, 'utf8').trim().split('\n').length).toBe(6);
    const model = scriptedSynthModel({ id: 'm', target: 'Stephen King', neighbors: ['Agatha Christie'] });
    const r = await synthesizeBoundary(forget, { model, target: 'Stephen King', cache: new JsonlCache(p) });
    expect(r.modelCalls).toBe(1 + 3 * 4 - 6);
    expect(new Set(r.items.map((i) => i.id)).size).toBe(r.items.length);
    expect(r.items.length).toBe(12);
  });
});
