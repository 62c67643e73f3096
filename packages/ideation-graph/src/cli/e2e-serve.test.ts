// End to end through a real `reasonkit serve` process (core's CLI, spawned as a child process on loopback)
// serving the shared stories260K model (../shared/models). A smoke test of the plumbing, reported as such:
// stories260K (260K parameters, 512-position context) writes children's stories, never JSON or tool calls,
// and every prompt of the pipeline (extraction ≈ 1.5k tokens, ideator ≈ 1.3k, judge ≈ 2.5k) is longer than
// its context. So this test checks what a real served model can show: the package's client reaches the
// server and gets text back; broken JSON three times over real HTTP ends in core's typed
// OBJECT_GENERATION_FAILED with the raw text; and each stage (build on 20 papers, ideate on 3 topics,
// tournament between two settings) gets the server's refusal back as a typed HTTP_ERROR naming the context
// limit, with nothing half-written. The full build → ideate → tournament → leaderboard path with
// role-playing replies is `e2e.test.ts` (core's same server code, in process, with a scripted model).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { generateObject, ReasonkitError, type GenerateRequest, type TextModel } from '@reasonkit/core';
import { convertLlama2c } from '@reasonkit/core/node';
import { locateReferenceModel } from '@reasonkit/core/testing/node';
import { syntheticTriples } from '../testing/synthetic-graph.js';
import { sampleIdea } from '../testing/sample-idea.js';
import { HashingEmbedder } from '../embedding/hashing-embedder.js';
import { ingestTriples } from '../build/ingest.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { appendJsonl } from './jsonl.js';
import { runBuild, runEvaluate, runIdeate, textModel } from './commands.js';

const ref = locateReferenceModel({ from: new URL('.', import.meta.url).pathname });
const have = ref.available;
if (!have) console.warn(`[ideation-graph] skipping the reasonkit serve e2e: ${ref.skipMessage}`);

const cli = join(dirname(createRequire(import.meta.url).resolve('@reasonkit/core/package.json')), 'bin', 'reasonkit.js');

/** Counts requests per TextModel (the server is a separate process; we count on the client side). */
function counted(m: TextModel): TextModel & { requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  return Object.assign(Object.create(m) as TextModel, {
    requests,
    generate: (r: GenerateRequest) => (requests.push(r), m.generate(r)),
  }) as TextModel & { requests: GenerateRequest[] };
}

let dir = '';
let child: ChildProcess | undefined;
let url = '';
beforeAll(async () => {
  if (!have) return;
  dir = mkdtempSync(join(tmpdir(), 'ig-serve-'));
  await convertLlama2c({ checkpoint: ref.checkpointPath, tokenizer: ref.tokenizerPath, out: join(dir, 'model') });
  child = spawn(process.execPath, [cli, 'serve', '--model', join(dir, 'model'), '--port', '0', '--threads', '1', '--max-tokens', '48', '--model-name', 'stories260K'], { stdio: ['ignore', 'ignore', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`reasonkit serve did not start: ${err}`)), 120_000);
    child?.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(err);
      if (m) (clearTimeout(timer), resolve(m[1] as string));
    });
    child?.on('exit', (code) => (clearTimeout(timer), reject(new Error(`reasonkit serve exited with ${code}: ${err}`))));
  });
  for (let i = 0; i < 20; i++) appendJsonl(join(dir, 'papers.jsonl'), { id: `paper-${i}`, title: `Synthetic paper ${i}`, introduction: `Introduction of synthetic paper ${i}.` });
}, 300_000);
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const served = () => counted(textModel({ baseUrl: `${url.replace(/\/v1\/?$/, '')}/v1`, model: 'stories260K' }));
const contextRefusal = (e: unknown) => ReasonkitError.is(e, 'HTTP_ERROR') && /HTTP 400: .*beyond the model's context of 512 positions/.test((e as Error).message);

describe.skipIf(!have)('e2e through a real `reasonkit serve` process (stories260K; smoke test of the plumbing)', () => {
  it('the package client gets text from the served model', async () => {
    const r = await served().generate({ messages: [{ role: 'user', content: 'Once upon a time' }], maxTokens: 16, temperature: 0 });
    expect(r.text.trim().length).toBeGreaterThan(0);
    expect(r.usage?.output ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it('broken JSON three times over real HTTP → OBJECT_GENERATION_FAILED with the raw text of each attempt', async () => {
    const m = served();
    const err = await generateObject(m, z.object({ score: z.number() }), { messages: [{ role: 'user', content: 'Give a score.' }], maxTokens: 24, temperature: 0, maxRepairs: 2, includeSchema: false }).catch((e: unknown) => e);
    expect(ReasonkitError.is(err, 'OBJECT_GENERATION_FAILED')).toBe(true);
    expect(m.requests).toHaveLength(3);
    const details = (err as ReasonkitError).details as { text: string; attempts: { text: string }[] };
    expect(details.attempts).toHaveLength(3);
    expect(details.text.length).toBeGreaterThan(0);
  }, 120_000);

  it('build on 20 papers: the extraction prompt reaches the server and its context refusal is a typed error; no triple written', async () => {
    const m = served();
    const db = join(dir, 'graph.db');
    const err = await runBuild({ papers: join(dir, 'papers.jsonl'), db, model: m }).catch((e: unknown) => e);
    expect(contextRefusal(err)).toBe(true);
    expect(m.requests).toHaveLength(1);
    const store = await openSqliteStore({ path: db });
    expect((await store.stats()).triples).toBe(0);
    await store.close();
  }, 300_000);

  it('ideate on 3 topics over a 20-paper graph: the researcher prompt reaches the server; typed error, no idea line written', async () => {
    const db = join(dir, 'graph2.db');
    const store = await openSqliteStore({ path: db });
    for (let p = 0; p < 20; p++) await ingestTriples(store, new HashingEmbedder(), { paperId: `paper-${p}` }, syntheticTriples(p, 3));
    await store.close();
    const m = served();
    const out = join(dir, 'ideas.jsonl');
    const err = await runIdeate({ db, topics: ['robust graph learning', 'reliable code generation', 'private federated optimisation'], n: 1, out, researcher: m, mentor: m, maxRounds: 1 }).catch((e: unknown) => e);
    expect(contextRefusal(err)).toBe(true);
    expect(m.requests).toHaveLength(1);
    expect(m.requests[0]?.stop).toContain('<CALL>');
    expect(existsSync(out)).toBe(false);
  }, 300_000);

  it('tournament between two settings judged by the served model: typed error, no leaderboard written from it', async () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    for (const [file, tag] of [[a, 'with_mentor'], [b, 'solo']] as const) {
      for (const topic of ['t1', 't2', 't3']) appendJsonl(file, { topic, status: 'accepted', idea: sampleIdea(`${tag}_${topic}`), rounds: 1, toolCalls: 2 });
    }
    const judge = served();
    const report = join(dir, 'report.md');
    const err = await runEvaluate({ entrants: { with_mentor: a, solo: b }, judge, out: report, matchLog: join(dir, 'matches.jsonl'), B: 50 }).catch((e: unknown) => e);
    expect(contextRefusal(err)).toBe(true);
    expect(judge.requests.length).toBeGreaterThan(0);
    expect(existsSync(report)).toBe(false);
  }, 300_000);
});
