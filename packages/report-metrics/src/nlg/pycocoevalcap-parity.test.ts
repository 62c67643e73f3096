import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { bleu } from './bleu.js';
import { ciderD } from './cider-d.js';
import { rougeL } from './rouge-l.js';
import type { Sample } from './sample.js';

// Oracle parity on random synthetic reports: runs the user's pycocoevalcap checkout (pure Python,
// numpy) on the same samples. Set PYCOCOEVALCAP_DIR to the package folder (the one holding bleu/,
// rouge/, cider/) and optionally PYTHON (default python3).
const dir = process.env.PYCOCOEVALCAP_DIR;
const python = process.env.PYTHON ?? 'python3';
const harness = fileURLToPath(new URL('./__fixtures__/pycocoevalcap-oracle.py', import.meta.url));

const WORDS = ['the', 'The', 'heart', 'size', 'is', 'normal', 'lungs', 'are', 'clear', 'no', 'No', 'pleural', 'effusion', 'effusion,', 'pneumothorax', '1.5', 'cm', 'nodule', '___', 'stable', 'mild', 'edema', 'left', 'right', 'lobe', 'Dr.', 'e.g.'];
const SEPS = [' ', ' ', ' ', ' ', ' ', '  ', '. ', '.', '\t', '\n', '\u00a0', '\u0085', '\u001c', '\ufeff'];

function randomSamples(seed: number, count: number): Sample[] {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const text = (maxWords: number): string => {
    const n = Math.floor(rnd() * maxWords);
    let out = rnd() < 0.1 ? ' ' : '';
    for (let i = 0; i < n; i++) out += (i ? pick(SEPS) : '') + pick(WORDS);
    return out + (rnd() < 0.5 ? '.' : '');
  };
  return Array.from({ length: count }, (_, i) => ({
    id: `r${i}`,
    references: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => text(25)),
    candidate: text(25),
  }));
}

describe.skipIf(!dir)('parity with pycocoevalcap (oracle)', () => {
  it.each([
    [1, 'priorrg'],
    [2, 'priorrg'],
    [3, 'none'],
  ] as const)('random set seed %i, preprocess %s: BLEU-1..4, ROUGE-L, CIDEr-D within 1e-12', (seed, preprocess) => {
    const samples = randomSamples(seed, 300);
    const tmp = mkdtempSync(join(tmpdir(), 'rm-parity-'));
    try {
      const file = join(tmp, 'samples.json');
      writeFileSync(file, JSON.stringify(samples));
      const ref = JSON.parse(execFileSync(python, [harness, dir!, file, preprocess], { encoding: 'utf8' })) as Record<string, number & number[]>;
      const b = bleu(samples, { preprocess });
      for (let k = 0; k < 4; k++) expect(Math.abs(b.corpus[k]! - ref[`BLEU_${k + 1}`]!)).toBeLessThan(1e-12);
      const r = rougeL(samples, { preprocess });
      expect(Math.abs(r.corpus - ref.ROUGE_L!)).toBeLessThan(1e-12);
      ref.ROUGE_L_per!.forEach((v, i) => expect(Math.abs(r.perSample[i]! - v)).toBeLessThan(1e-12));
      const c = ciderD(samples, { preprocess });
      expect(Math.abs(c.corpus - ref.CIDEr!)).toBeLessThan(1e-12);
      ref.CIDEr_per!.forEach((v, i) => expect(Math.abs(c.perSample[i]! - v)).toBeLessThan(1e-12));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe.skipIf(dir)('parity with pycocoevalcap (oracle): skipped', () => {
  it.skip('set PYCOCOEVALCAP_DIR to a pycocoevalcap checkout (folder with bleu/, rouge/, cider/) to run the oracle parity test', () => {});
});

it('PYCOCOEVALCAP_DIR, when set, points to a folder with bleu/, rouge/ and cider/', () => {
  if (!dir) return;
  for (const sub of ['bleu', 'rouge', 'cider']) expect(existsSync(join(dir, sub))).toBe(true);
});
