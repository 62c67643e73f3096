/**
 * Converts ../shared/data/planning-survey/papers.tsv into data/papers.json (committed).
 * Usage: tsx scripts/build-papers.ts [--input <tsv>] [--check]
 *   --check  compare with the committed JSON instead of writing (exit 1 on difference).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPapers, papersToJson } from '../src/taxonomy/build-papers.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const inIdx = args.indexOf('--input');
const input = inIdx >= 0 ? args[inIdx + 1]! : resolve(here, '../../../../shared/data/planning-survey/papers.tsv');
const out = join(here, '../data/papers.json');
const { papers, report } = buildPapers(readFileSync(input, 'utf8'));
const json = papersToJson(papers);
console.log(JSON.stringify({ rows: report.rows, papers: report.papers, withoutArxiv: report.withoutArxiv, sectionRows: report.sectionRows }, null, 2));
for (const w of report.warnings) console.warn(`warning: ${w}`);
if (args.includes('--check')) {
  const same = readFileSync(out, 'utf8') === json;
  console.log(same ? 'data/papers.json is up to date' : 'data/papers.json differs');
  process.exit(same ? 0 : 1);
}
writeFileSync(out, json);
