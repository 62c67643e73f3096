import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../scoring/score-run.js';
import { type RenderReportOptions, renderReportFiles } from '../report/render-all.js';

interface Step {
  tmp: string;
  bak: string;
  final: string;
  text: string;
  backedUp: boolean;
  renamed: boolean;
}

/**
 * Renders and writes `summary.json`, `by-record.csv`, `report.md` and `report.html` into `dir`
 * (created if needed), all or nothing: all four are rendered first; each is written to a
 * temporary file in `dir`; existing report files are hard-linked to backups; then the temporary
 * files are renamed into place. On any error, files already renamed are rolled back (old content
 * restored, new files removed), temporary files and backups are removed, and the error rethrown.
 * Returns the written paths.
 */
export async function writeReport(dir: string, report: Report, options: RenderReportOptions = {}): Promise<string[]> {
  const files = renderReportFiles(report, options);
  await mkdir(dir, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const plan: Step[] = Object.entries(files).map(([name, text]) => ({ tmp: join(dir, `.${name}.${tag}.tmp`), bak: join(dir, `.${name}.${tag}.bak`), final: join(dir, name), text, backedUp: false, renamed: false }));
  try {
    for (const p of plan) await writeFile(p.tmp, p.text, 'utf8');
    for (const p of plan) {
      const old = await stat(p.final).catch(() => null);
      if (old?.isFile()) {
        await link(p.final, p.bak);
        p.backedUp = true;
      }
    }
    for (const p of plan) {
      await rename(p.tmp, p.final);
      p.renamed = true;
    }
  } catch (error) {
    for (const p of plan) {
      if (p.renamed) await (p.backedUp ? rename(p.bak, p.final) : rm(p.final, { force: true })).catch(() => {});
    }
    await Promise.all(plan.flatMap((p) => [rm(p.tmp, { force: true }), rm(p.bak, { force: true })]));
    throw error;
  }
  await Promise.all(plan.map((p) => rm(p.bak, { force: true })));
  return plan.map((p) => p.final);
}
