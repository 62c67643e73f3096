import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { haveReferenceModel, run } from './main.js';

const skip = !haveReferenceModel();
if (skip) console.warn('example-knowledge-probe: ../shared/models/stories260K.bin or tok512.bin missing; skipping');

describe.skipIf(skip)('example: knowledge-probe', () => {
  const out = mkdtempSync(join(tmpdir(), 'kp-example-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('traces " Lily" through stories260K (the numbers documented in the package README) and writes the report', async () => {
    const r = (await run({ out, log: () => {} }))!;
    expect(r.offered.map((o) => o.method)).toContain('CausalTracing');
    expect(r.trace.answer.text).toBe(' Lily');
    expect(r.trace.pClean).toBeCloseTo(0.9263, 3);
    expect(r.trace.pLow).toBeCloseTo(0.0038, 3);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<svg/);
  }, 120_000);
});
