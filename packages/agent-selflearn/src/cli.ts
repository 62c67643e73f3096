import { Command } from 'commander';
import { Bm25Index } from './retrieval/bm25-index.js';
import { renderHits } from './retrieval/render-hits.js';
import { saveBm25Index } from './node/bm25-file.js';
import { readCorpusJsonl } from './node/read-corpus.js';
import { serveRetriever } from './node/serve-retriever.js';
import { openFileIndex } from './node/open-index.js';
import { Fts5Retriever } from './node/fts5-retriever.js';
import { SqliteStore } from './node/sqlite-store.js';
import { writeRunReport } from './node/write-run-report.js';

function fail(error: unknown): never {
  const e = error as { code?: string; message?: string };
  process.stderr.write(`agent-selflearn: error${e.code ? ` [${e.code}]` : ''}: ${e.message ?? String(error)}\n`);
  process.exit(2);
}

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) fail({ code: 'INVALID_ARGUMENT', message: `--${name} must be an integer >= 1, got "${v}"` });
    return n;
  };
}

const program = new Command();
program.name('agent-selflearn').description('BM25 search tool and Search-R1-compatible retrieval server from @reasonkit/agent-selflearn');

program
  .command('index')
  .description('Build a BM25 index from a JSONL corpus ({id, contents} or {id, title, text} per line)')
  .requiredOption('--corpus <file>', 'JSONL corpus')
  .requiredOption('--out <file>', 'index file to write (atomically)')
  .option('--k1 <n>', 'BM25 k1 (default 0.9, Pyserini)', Number)
  .option('--b <n>', 'BM25 b (default 0.4, Pyserini)', Number)
  .option('--fts5', 'write a SQLite FTS5 index instead (corpora too large for memory; bm25 with k1 1.2, b 0.75)', false)
  .action(async (o: { corpus: string; out: string; k1?: number; b?: number; fts5: boolean }) => {
    try {
      const t0 = Date.now();
      if (o.fts5) {
        const fts = await Fts5Retriever.build(readCorpusJsonl(o.corpus), o.out);
        process.stdout.write(`indexed ${fts.size} documents into ${o.out} (FTS5) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
        fts.close();
        return;
      }
      const index = await Bm25Index.build(readCorpusJsonl(o.corpus), { ...(o.k1 !== undefined ? { k1: o.k1 } : {}), ...(o.b !== undefined ? { b: o.b } : {}) });
      await saveBm25Index(index, o.out);
      process.stdout.write(`indexed ${index.size} documents into ${o.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      fail(error);
    }
  });

program
  .command('search')
  .description('Query a BM25 index and print the hits as the ASL tool observation')
  .requiredOption('--index <file>', 'index file (BM25 or FTS5)')
  .option('--topk <n>', 'hits per query (default 3)', positiveInt('topk'), 3)
  .option('--json', 'print {document, score} JSON lines', false)
  .argument('<query...>', 'query text')
  .action(async (query: string[], o: { index: string; topk: number; json: boolean }) => {
    try {
      const index = await openFileIndex(o.index);
      const hits = index.query(query.join(' '), o.topk);
      process.stdout.write(o.json ? hits.map((h) => JSON.stringify(h)).join('\n') + '\n' : renderHits(hits, 'asl') + '\n');
    } catch (error) {
      fail(error);
    }
  });

program
  .command('serve')
  .description('Serve a BM25 index on the Search-R1 API: POST /retrieve {queries, topk?, return_scores?}, GET /health')
  .requiredOption('--index <file>', 'index file (BM25 or FTS5)')
  .option('--host <host>', 'bind address (default 127.0.0.1)', '127.0.0.1')
  .option('--port <n>', 'port (default 8000, as Search-R1)', (v) => Number(v), 8000)
  .option('--topk <n>', 'default topk (default 3)', positiveInt('topk'), 3)
  .action(async (o: { index: string; host: string; port: number; topk: number }) => {
    try {
      const index = await openFileIndex(o.index);
      const server = await serveRetriever(index, { host: o.host, port: o.port, defaultTopk: o.topk, docs: index.size, name: index instanceof Fts5Retriever ? 'fts5' : 'bm25' });
      process.stdout.write(`serving ${index.size} documents at ${server.url}/retrieve\n`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    } catch (error) {
      fail(error);
    }
  });

program
  .command('report')
  .description('Write the HTML run report (phase table, SVG charts of the step statistics) of a run in a store')
  .requiredOption('--db <file>', 'SQLite store of the run')
  .requiredOption('--run <id>', 'run id')
  .requiredOption('--out <file>', 'HTML file to write (atomically)')
  .action(async (o: { db: string; run: string; out: string }) => {
    try {
      const store = new SqliteStore(o.db);
      await writeRunReport(store, o.run, o.out);
      store.close();
      process.stdout.write(`wrote ${o.out}\n`);
    } catch (error) {
      fail(error);
    }
  });

await program.parseAsync(process.argv);
