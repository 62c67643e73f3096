import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labelerFromLabelFile } from './label-file.js';

const dir = mkdtempSync(join(tmpdir(), 'label-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('labelerFromLabelFile', () => {
  it('looks texts up by text or sha256; unknown text and bad lines are errors naming file and line', async () => {
    const f = join(dir, 'labels.jsonl');
    const sha = createHash('sha256').update('by hash').digest('hex');
    writeFileSync(f, `{"text":"a","labels":[1,0]}\n{"sha256":"${sha}","labels":[0,1]}\n`);
    const l = await labelerFromLabelFile(f, { classes: ['x', 'y'] });
    expect((await l.label(['a', 'by hash'])).map((v) => Array.from(v))).toEqual([[1, 0], [0, 1]]);
    await expect(l.label(['missing'])).rejects.toThrow(/no labels for text "missing"/);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text":"a","labels":[1,0]}\n{"text":"b","labels":[1]}\n');
    await expect(labelerFromLabelFile(bad, { classes: ['x', 'y'] })).rejects.toThrow(`${bad}:2: field 'labels'`);
  });
});
