import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The root entry point must not reach Node-only modules (they live under `/node` and the CLI).
const here = dirname(fileURLToPath(import.meta.url));

function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    seen.set(file, specs);
    for (const s of specs) if (s.startsWith('.')) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

describe('browser-safe root', () => {
  it('imports nothing from node:* or @reasonkit/core/node from src/index.ts', () => {
    const files = reachable(join(here, 'index.ts'));
    expect(files.size).toBeGreaterThan(20);
    const bad = [...files].flatMap(([f, specs]) => specs.filter((s) => s.startsWith('node:') || s === '@reasonkit/core/node' || s === 'onnxruntime-node').map((s) => `${f}: ${s}`));
    expect(bad).toEqual([]);
    expect([...files.keys()].some((f) => f.includes('/node/'))).toBe(false);
  });
});
