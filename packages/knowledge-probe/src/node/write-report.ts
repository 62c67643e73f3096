import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@reasonkit/core/node';
import type { ProbeResult } from '../result/probe-result.js';
import { renderHtml } from '../result/render-html.js';
import { renderSvg } from '../result/render-svg.js';

/** Lower-case, dash-separated file stem of a name. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
}

/**
 * Writes `results.json`, `report.html` (self-contained) and every chart as
 * `charts/<method>-<n>-<chart>.svg` into `dir`, each file atomically. Returns the paths written.
 */
export async function writeReport(dir: string, results: readonly ProbeResult[], options: { title?: string } = {}): Promise<string[]> {
  await mkdir(join(dir, 'charts'), { recursive: true });
  const written: string[] = [];
  const put = async (path: string, text: string): Promise<void> => {
    await writeFileAtomic(path, text);
    written.push(path);
  };
  await put(join(dir, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
  await put(join(dir, 'report.html'), renderHtml(results, options));
  for (const r of results) {
    for (const [i, c] of r.charts.entries()) await put(join(dir, 'charts', `${slug(r.method)}-${i}-${slug(c.name)}.svg`), renderSvg(c));
  }
  return written;
}
