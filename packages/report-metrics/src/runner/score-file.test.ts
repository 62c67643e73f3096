import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CHEXBERT_CLASSES } from '../clinical/chexbert-classes.js';
import { labelerFromFunction } from '../clinical/labeler.js';
import { nlgScores } from '../nlg/nlg-scores.js';
import type { Sample } from '../nlg/sample.js';
import { scoreFile } from './score-file.js';

const G1 = JSON.parse(readFileSync(new URL('../nlg/__fixtures__/g1.json', import.meta.url), 'utf8')) as Sample[];
const dir = mkdtempSync(join(tmpdir(), 'report-metrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const jsonl = join(dir, 'g1.jsonl');
writeFileSync(jsonl, G1.map((s) => JSON.stringify(s)).join('\n') + '\n');

// A keyword labeler standing in for CheXbert (logic test): positive when the condition's last word appears.
const keywordLabel = (t: string) => CHEXBERT_CLASSES.map((c) => (t.toLowerCase().includes(c.split(' ').pop()!.toLowerCase()) ? 1 : 0));

describe('scoreFile', () => {
  it('writes report.json, per-sample.csv, report.md and report.html with G1 numbers and no temp files', async () => {
    const out = join(dir, 'out1');
    const r = await scoreFile({ input: jsonl, out, bootstrap: { resamples: 50, seed: 3 } });
    expect(r.corpus.CIDEr_D).toBeCloseTo(3.6086003429721263, 12);
    expect(r.priorrgCompat.CIDer).toBe(r.corpus.CIDEr_D);
    expect(r.counts).toMatchObject({ samples: 12, emptyCandidates: 1 });
    expect(readdirSync(out).sort()).toEqual(['per-sample.csv', 'report.html', 'report.json', 'report.md']);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(json.corpus.BLEU_4).toBeCloseTo(0.41400364699856834, 12);
    expect(json.intervals.ROUGE_L.low).toBeLessThanOrEqual(json.corpus.ROUGE_L);
    const csv = readFileSync(join(out, 'per-sample.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('id,reference_words,candidate_words,BLEU_1,BLEU_2,BLEU_3,BLEU_4,ROUGE_L,CIDEr_D');
    expect(csv[4]!.startsWith('a04,3,1,')).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(4); // BLEU-4, ROUGE-L, CIDEr-D histograms + length scatter
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('| CIDEr_D | 3.6086 |');
  });

  it('bootstrap intervals are reproducible for a fixed seed and change with the seed', async () => {
    const a = await scoreFile({ input: jsonl, out: join(dir, 'b1'), bootstrap: { resamples: 40, seed: 7 } });
    const b = await scoreFile({ input: jsonl, out: join(dir, 'b2'), bootstrap: { resamples: 40, seed: 7 } });
    const c = await scoreFile({ input: jsonl, out: join(dir, 'b3'), bootstrap: { resamples: 40, seed: 8 } });
    expect(a.intervals).toEqual(b.intervals);
    expect(a.intervals).not.toEqual(c.intervals);
  });

  it('CheXbert through a labeler: a failed run leaves no report.json, the re-run resumes from the label cache', async () => {
    const out = join(dir, 'ce');
    let calls = 0;
    const failing = labelerFromFunction('kw-v1', (texts) => {
      if (++calls === 2) throw new Error('labeler crashed');
      return texts.map(keywordLabel);
    });
    await expect(scoreFile({ input: jsonl, out, metrics: ['chexbert'], labeler: failing, labelBatchSize: 6, labelConcurrency: 1 })).rejects.toThrow('labeler crashed');
    expect(existsSync(join(out, 'report.json'))).toBe(false);
    const cached = readFileSync(join(out, 'labels-cache.jsonl'), 'utf8').trim().split('\n').length;
    expect(cached).toBe(6);
    const seen: string[] = [];
    const counting = labelerFromFunction('kw-v1', (texts) => (seen.push(...texts), texts.map(keywordLabel)));
    const r = await scoreFile({ input: jsonl, out, metrics: ['chexbert'], labeler: counting, labelBatchSize: 6, labelConcurrency: 1 });
    const distinct = new Set([...G1.map((s) => s.references[0]!), ...G1.map((s) => s.candidate)]).size;
    expect(seen.length).toBe(distinct - 6);
    expect(Object.keys(r.corpus)).toContain('chexbert_all_micro_f1');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('CheXbert F1 per class');
  });

  it('an aborted run writes nothing', async () => {
    const out = join(dir, 'aborted');
    await expect(scoreFile({ input: jsonl, out, signal: AbortSignal.abort(), bootstrap: { resamples: 5, seed: 0 } })).rejects.toThrow();
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });

  it('METEOR_approx is reported under that key with a footnote; METEOR without a jar is an error', async () => {
    const r = await scoreFile({ input: jsonl, out: join(dir, 'm'), metrics: ['meteor_approx'], bootstrap: { resamples: 0, seed: 0 } });
    expect(Object.keys(r.corpus)).toEqual(['METEOR_approx']);
    expect(r.footnotes.join(' ')).toContain('not comparable');
    await expect(scoreFile({ input: jsonl, out: join(dir, 'm2'), metrics: ['meteor'] })).rejects.toThrow(/meteorJar/);
  });
});

describe('scoreFile: RadGraph and empty candidates', () => {
  it('RadGraph F1 through an annotate function; empty annotations score 0 and stay in the mean', async () => {
    // Annotator stand-in (logic test): each word becomes an OBS-DP entity.
    const annotate = async (texts: string[]) =>
      texts.map((t) => (t.trim() === '' ? null : { entities: Object.fromEntries(t.toLowerCase().split(/\W+/).filter(Boolean).map((w, i) => [String(i), { tokens: w, label: 'OBS-DP', relations: [] as [string, string][] }])) }));
    const r = await scoreFile({ input: jsonl, out: join(dir, 'rg'), metrics: ['radgraph'], radgraph: annotate, bootstrap: { resamples: 0, seed: 0 } });
    expect(Object.keys(r.corpus)).toEqual(['RadGraph_simple', 'RadGraph_partial', 'RadGraph_complete']);
    expect(r.perSample[2]!.RadGraph_partial).toBe(0); // a03: empty candidate
    expect(r.perSample[0]!.RadGraph_partial).toBe(1); // a01: identical
  });

  it("emptyCandidate '...' follows PriorRG and is counted", async () => {
    const keep = await scoreFile({ input: jsonl, out: join(dir, 'e1'), metrics: ['bleu'], bootstrap: { resamples: 0, seed: 0 } });
    const dots = await scoreFile({ input: jsonl, out: join(dir, 'e2'), metrics: ['bleu'], emptyCandidate: '...', bootstrap: { resamples: 0, seed: 0 } });
    expect(dots.counts.emptyCandidates).toBe(1);
    expect(dots.warnings[0]).toMatch(/replaced by '\.\.\.'/);
    expect(dots.corpus.BLEU_1).not.toBe(keep.corpus.BLEU_1);
  });
});

describe('CLI', () => {
  it('report-metrics score --refs F --cands F --json prints the six pycocoevalcap keys', async () => {
    const refs = join(dir, 'refs.jsonl');
    const cands = join(dir, 'cands.jsonl');
    writeFileSync(refs, G1.flatMap((s) => s.references.map((t) => JSON.stringify({ id: s.id, text: t }))).join('\n') + '\n');
    writeFileSync(cands, G1.map((s) => JSON.stringify({ id: s.id, text: s.candidate })).join('\n') + '\n');
    const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--conditions=@reasonkit/source', cli, 'score', '--refs', refs, '--cands', cands, '--json'], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    const got = JSON.parse(stdout) as Record<string, number>;
    expect(Object.keys(got)).toEqual(['BLEU_1', 'BLEU_2', 'BLEU_3', 'BLEU_4', 'ROUGE_L', 'CIDEr']);
    const want = nlgScores(G1);
    expect(got.CIDEr).toBeCloseTo(3.6086003429721263, 12);
    expect(got.BLEU_4).toBe(want.BLEU_4);
    expect(got.ROUGE_L).toBe(want.ROUGE_L);
  });

  it('report-metrics score <file> writes the reports; a bad file exits 2 naming file, line and field', async () => {
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, '\uFEFFdicom_id,reference_report,generated_report\n1,"No effusion, stable.",No effusion.\n2,Lungs clear.,Lungs are clear.\n');
    const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
    const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', '--conditions=@reasonkit/source', cli, 'score', ...args], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    const out = join(dir, 'cli-out');
    const { stdout } = await run([csv, '--out', out, '--resamples', '20', '--json']);
    expect(Object.keys(JSON.parse(stdout))).toEqual(['BLEU_1', 'BLEU_2', 'BLEU_3', 'BLEU_4', 'ROUGE_L', 'CIDEr_D']);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    writeFileSync(csv, 'dicom_id,generated_report\n1,x\n');
    await expect(run([csv, '--out', out])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining(`${csv}:1: field 'reference_report': missing column`) });
  });
});
