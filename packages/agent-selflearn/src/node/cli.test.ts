import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'asl-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(tsx, ['--conditions=@reasonkit/source', cli, ...args], { encoding: 'utf8' });

describe('agent-selflearn CLI', () => {
  it('index → search → serve over loopback', async () => {
    const corpus = join(dir, 'corpus.jsonl');
    writeFileSync(corpus, ['{"id": "0", "contents": "\\"Paris\\"\\nParis is the capital of France."}', '{"id": 1, "title": "Rome", "text": "Rome is the capital of Italy."}'].join('\n') + '\n');
    const idx = join(dir, 'index.bm25');
    const built = run('index', '--corpus', corpus, '--out', idx);
    expect(built.stderr).toBe('');
    expect(built.stdout).toMatch(/indexed 2 documents/);
    expect(run('search', '--index', idx, 'capital', 'of', 'Italy').stdout).toContain('id: 1\ncontent:\n"Rome"');
    const server = spawn(tsx, ['--conditions=@reasonkit/source', cli, 'serve', '--index', idx, '--port', '0']);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (d: Buffer) => {
          const m = /at (http:\S+)\/retrieve/.exec(d.toString());
          if (m) resolve(m[1]!);
        });
        server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
      const res = await fetch(`${url}/retrieve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries: ['Paris France'], topk: 1, return_scores: true }) });
      const json = (await res.json()) as { error: boolean; result: { document: { id: string } }[][] };
      expect(json.error).toBe(false);
      expect(json.result[0]![0]!.document.id).toBe('0');
    } finally {
      server.kill('SIGTERM');
    }
  });
  it('index --fts5 → search on the SQLite file; report writes HTML from a store', async () => {
    const corpus = join(dir, 'corpus2.jsonl');
    writeFileSync(corpus, ['{"id": "0", "contents": "\\"Paris\\"\\nParis is the capital of France."}', '{"id": "1", "contents": "\\"Rome\\"\\nRome is the capital of Italy."}'].join('\n') + '\n');
    const idx = join(dir, 'index.fts5');
    const built = run('index', '--fts5', '--corpus', corpus, '--out', idx);
    expect(built.stderr).toBe('');
    expect(built.stdout).toMatch(/indexed 2 documents .*\(FTS5\)/);
    expect(run('search', '--index', idx, '--topk', '1', 'Italy').stdout).toContain('id: 1\ncontent:\n"Rome"');
    const { SqliteStore } = await import('./sqlite-store.js');
    const db = join(dir, 'run.db');
    const store = new SqliteStore(db);
    store.openRun('r1', '{}', 1);
    store.commitStep({ phaseId: 'r1/m1', step: 0, trajectories: [], verdicts: [], rewards: [], tasks: [], verifyRows: [], metaPrompts: [], stats: { mean: 0.25, validRate: 1 } });
    store.close();
    const out = join(dir, 'report.html');
    const rep = run('report', '--db', db, '--run', 'r1', '--out', out);
    expect(rep.stderr).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('data-key="validRate"');
  });
  it('bad corpus line names file, line and field; bad topk is rejected', () => {
    const corpus = join(dir, 'bad.jsonl');
    writeFileSync(corpus, '{"id": "0", "contents": "ok"}\n{"contents": "no id"}\n');
    const r = run('index', '--corpus', corpus, '--out', join(dir, 'x.bm25'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:2: field "id"/);
    expect(run('search', '--index', join(dir, 'x.bm25'), '--topk', '0', 'q').stderr).toMatch(/--topk must be an integer >= 1/);
  });
});
