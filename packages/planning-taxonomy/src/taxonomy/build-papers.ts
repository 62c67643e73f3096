import { ReasonkitError } from '@reasonkit/core';
import type { Paper } from './schemas.js';

/** What building the paper list found (counts, duplicates, problems). */
export interface BuildPapersReport {
  rows: number;
  papers: number;
  /** Rows per leaf section number. */
  sectionRows: Record<string, number>;
  brokenLinks: { row: number; field: 'url' | 'code'; raw: string; repaired: string }[];
  withoutArxiv: number;
  warnings: string[];
}

const HEADER = ['section', 'title', 'venue', 'arxiv', 'url', 'code'];
const VENUE_RE = /^([A-Za-z.]+) (\d{4})(?:\.(\d{2}))?$/;
const SECTION_RE = /^(\d+(?:\.\d+)*) (.+)$/;
// Venue casing aliases (our choice: the most common spelling).
const VENUE_ALIASES: Record<string, string> = { colm: 'COLM', arxiv: 'arXiv', iclr: 'ICLR', icml: 'ICML', neurips: 'NeurIPS', acl: 'ACL', emnlp: 'EMNLP', naacl: 'NAACL', aaai: 'AAAI', cvpr: 'CVPR', ijcai: 'IJCAI', coling: 'COLING', tmlr: 'TMLR', iccv: 'ICCV', eccv: 'ECCV', icra: 'ICRA', iros: 'IROS', corl: 'CoRL' };

/** Normalises a paper title for matching (lower case, alphanumerics separated by single spaces). */
export const normaliseTitle = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const slug = (t: string) => normaliseTitle(t).replace(/ /g, '-').slice(0, 80).replace(/-+$/, '');

/** Repairs a markdown remnant `[a](b` → `b`; returns undefined when the value is clean. */
function repairLink(v: string): string | undefined {
  const m = /^\[([^\]]*)\]\((.*?)\)?$/.exec(v);
  return m ? m[2]! : undefined;
}

/**
 * Converts the survey's papers.tsv (CRLF or LF, 6 tab-separated fields, header row) into Paper
 * records (spec §2). Pure: same input → same output. Throws naming the row on a bad header or
 * field count.
 */
export function buildPapers(tsv: string): { papers: Paper[]; report: BuildPapersReport } {
  const lines = tsv.replace(/^\ufeff/, '').split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  const header = (lines[0] ?? '').split('\t');
  if (header.join('\t') !== HEADER.join('\t')) {
    throw new ReasonkitError('INVALID_ARGUMENT', `papers.tsv row 1: bad header '${lines[0] ?? ''}', expected '${HEADER.join('\\t')}'`, { record: 1, expected: HEADER, actual: header });
  }
  const report: BuildPapersReport = { rows: 0, papers: 0, sectionRows: {}, brokenLinks: [], withoutArxiv: 0, warnings: [] };
  const byTitle = new Map<string, Paper>();
  for (let i = 1; i < lines.length; i++) {
    const row = i + 1;
    const f = lines[i]!.split('\t');
    if (f.length !== 6) throw new ReasonkitError('INVALID_ARGUMENT', `papers.tsv row ${row}: expected 6 tab-separated fields, got ${f.length}`, { record: row, expected: 6, actual: f.length });
    const [section, title, venueRaw, arxiv, urlRaw, codeRaw] = f as [string, string, string, string, string, string];
    report.rows++;
    const parts = section.split(' > ').map((p) => {
      const m = SECTION_RE.exec(p);
      if (!m) throw new ReasonkitError('INVALID_ARGUMENT', `papers.tsv row ${row}: bad section part '${p}'`, { record: row, field: 'section' });
      return m[1]!;
    });
    const leaf = parts[parts.length - 1]!;
    report.sectionRows[leaf] = (report.sectionRows[leaf] ?? 0) + 1;
    const vm = VENUE_RE.exec(venueRaw);
    if (!vm) throw new ReasonkitError('INVALID_ARGUMENT', `papers.tsv row ${row}: bad venue '${venueRaw}'`, { record: row, field: 'venue' });
    const venue = VENUE_ALIASES[vm[1]!.toLowerCase()] ?? vm[1]!;
    const year = Number(vm[2]);
    const month = vm[3] ? Number(vm[3]) : undefined;
    if (arxiv && !/^\d{4}\.\d{4,5}$/.test(arxiv)) throw new ReasonkitError('INVALID_ARGUMENT', `papers.tsv row ${row}: bad arxiv id '${arxiv}'`, { record: row, field: 'arxiv' });
    let url = urlRaw;
    const ru = repairLink(urlRaw);
    if (ru !== undefined) {
      report.brokenLinks.push({ row, field: 'url', raw: urlRaw, repaired: ru });
      url = ru;
    }
    let code = codeRaw || undefined;
    const rc = codeRaw ? repairLink(codeRaw) : undefined;
    if (rc !== undefined) {
      report.brokenLinks.push({ row, field: 'code', raw: codeRaw, repaired: rc });
      code = rc;
    }
    const notes: string[] = [];
    const anth = /aclanthology\.org\/(\d{4})\./.exec(url);
    if (anth && Number(anth[1]) !== year) notes.push(`venue says ${venueRaw} but the link is a ${anth[1]} Anthology page`);
    const key = normaliseTitle(title);
    const existing = byTitle.get(key);
    if (existing) {
      if (!existing.sections.includes(leaf)) existing.sections.push(leaf);
      if (!existing.arxiv && arxiv) {
        existing.arxiv = arxiv;
        existing.title = title;
      }
      if (!existing.codeUrl && code) existing.codeUrl = code;
      continue;
    }
    const paper: Paper = { id: '', title, venue, year, url, sections: [leaf] };
    if (month !== undefined) paper.month = month;
    if (code) paper.codeUrl = code;
    if (arxiv) paper.arxiv = arxiv;
    if (notes.length) paper.notes = notes;
    byTitle.set(key, paper);
  }
  const ids = new Set<string>();
  const papers = [...byTitle.values()];
  for (const p of papers) {
    let id = p.arxiv ?? slug(p.title);
    for (let k = 2; ids.has(id); k++) id = `${p.arxiv ?? slug(p.title)}-${k}`;
    ids.add(id);
    p.id = id;
    // Stable key order for byte-for-byte output.
    Object.assign(p, {});
  }
  report.papers = papers.length;
  report.withoutArxiv = papers.filter((p) => !p.arxiv).length;
  for (const b of report.brokenLinks) report.warnings.push(`row ${b.row}: repaired broken ${b.field} link '${b.raw}' → '${b.repaired}'`);
  const ordered = papers.map((p) => {
    const o: Paper = { id: p.id, title: p.title, venue: p.venue, year: p.year } as Paper;
    if (p.month !== undefined) o.month = p.month;
    o.url = p.url;
    if (p.codeUrl) o.codeUrl = p.codeUrl;
    if (p.arxiv) o.arxiv = p.arxiv;
    o.sections = p.sections;
    if (p.notes) o.notes = p.notes;
    return o;
  });
  return { papers: ordered, report };
}

/** Serialises papers exactly as committed in data/papers.json. */
export function papersToJson(papers: Paper[]): string {
  return JSON.stringify(papers, null, 2) + '\n';
}
