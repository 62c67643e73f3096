import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalTextModel, createOpenAICompatible, Llama2cReferenceModel, parseLlama2cCheckpoint, parseLlama2cTokenizer } from '@reasonkit/core';
import { createOpenAIServer } from '@reasonkit/core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { createMiniRunModel } from '../loop/mini-run-model.js';
import { RoundOrchestrator } from '../loop/orchestrator.js';
import { Bm25Index } from '../retrieval/bm25-index.js';
import { HttpRetriever } from '../retrieval/http-retriever.js';
import { createSearchEnv } from '../rollout/tool-env.js';
import { serveRetriever } from './serve-retriever.js';
import { SqliteStore } from './sqlite-store.js';
import { exportVerlRl, verlRowsFromStore } from './export-verl.js';
import { exportVerlSft, sftSourcesFromStore } from './export-verl-sft.js';

// Smoke test of the plumbing (issue acceptance 2), not of learning: every role goes through core's
// OpenAI-compatible server (`reasonkit serve`'s server) over loopback, the tool through our
// retrieval server over loopback; rewards and the store are written.
const dir = mkdtempSync(join(tmpdir(), 'asl-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const models = fileURLToPath(new URL('../../../../../shared/models/', import.meta.url));
const haveModel = existsSync(join(models, 'stories260K.bin')) && existsSync(join(models, 'tok512.bin'));

async function retrievalServer() {
  const index = await Bm25Index.build(Array.from({ length: 20 }, (_, i) => ({ id: String(i), contents: `"River ${i % 3}"\nRiver ${i % 3} flows through city ${i}.` })));
  return serveRetriever(index, { port: 0 });
}

describe('full mini-round over loopback HTTP', () => {
  it('scripted model behind core’s OpenAI server: PG → GRM → Policy all through HTTP', async () => {
    const llm = await createOpenAIServer({ model: createMiniRunModel(), modelName: 'mini' });
    const retr = await retrievalServer();
    try {
      const model = createOpenAICompatible({ baseURL: llm.url, model: 'mini', maxRetries: 1 });
      const env = createSearchEnv(new HttpRetriever({ endpoints: [`${retr.url}/retrieve`] }));
      const store = new SqliteStore(join(dir, 'http.db'));
      const orch = new RoundOrchestrator({
        store, model, env,
        config: { runId: 'http', topics: ['rivers'], generate: { batch: 1, n: 2, attempts: 2, selfChecks: 2, threshold: 0.5, poolFirst: 0 }, verify: { batch: 1, n: 1, window: 4 }, solve: { batch: 1, n: 1, window: 4 }, maxStepsPerPhase: 1 },
      });
      const kinds: string[] = [];
      for await (const e of orch.run()) if (e.type === 'step') kinds.push(e.phase.kind);
      expect(kinds).toEqual(['generate', 'verify', 'solve']);
      const c = store.counts();
      expect(c.trajectories).toBeGreaterThan(10);
      expect(c.rewards).toBeGreaterThan(0);
      expect(c.tasks).toBeGreaterThan(0);
      const roles = (store.db.prepare('SELECT DISTINCT role FROM trajectories ORDER BY role').all() as { role: string }[]).map((r) => r.role);
      expect(roles).toEqual(['attempt', 'generator', 'grm', 'judge', 'policy', 'self-check']);
      // observations came from the retrieval server
      const m = store.db.prepare("SELECT messages_json FROM trajectories WHERE role = 'policy' LIMIT 1").get() as { messages_json: string };
      expect(m.messages_json).toContain('flows through city');
      // the trainer's inputs: the pool as verl RL parquet, the policy trajectories as SFT parquet
      const rl = await exportVerlRl(verlRowsFromStore(store, 'http', 1, 'solve'), { path: join(dir, 'solve.parquet'), dialect: 'verl-tool' });
      expect(rl.rows).toBe(c.tasks);
      expect(readFileSync(rl.path).subarray(0, 4).toString()).toBe('PAR1');
      const sft = await exportVerlSft(sftSourcesFromStore(store, 'http', { phase: 'solve' }), { path: join(dir, 'sft.parquet') });
      expect(sft.rows).toBeGreaterThan(0);
      store.close();
    } finally {
      await llm.close();
      await retr.close();
    }
  });

  it.skipIf(!haveModel)(`real local model (stories260K) behind the server: a PG step runs and is stored${haveModel ? '' : ' (skipped: ../shared/models/stories260K.bin absent)'}`, async () => {
    const lm = new Llama2cReferenceModel(parseLlama2cCheckpoint(new Uint8Array(readFileSync(join(models, 'stories260K.bin')))));
    const tokenizer = parseLlama2cTokenizer(new Uint8Array(readFileSync(join(models, 'tok512.bin'))), 512);
    const local = createLocalTextModel({ lm, tokenizer, formatChat: (ms) => `${ms.map((x) => `${x.role}: ${typeof x.content === 'string' ? x.content.slice(-200) : ''}`).join('\n')}\nassistant:` });
    const llm = await createOpenAIServer({ model: local, modelName: 'stories' });
    const retr = await retrievalServer();
    try {
      const model = createOpenAICompatible({ baseURL: llm.url, model: 'stories', maxRetries: 0, timeoutMs: 120_000 });
      const store = new SqliteStore(join(dir, 'stories.db'));
      const orch = new RoundOrchestrator({
        store, model, env: createSearchEnv(new HttpRetriever({ endpoints: [`${retr.url}/retrieve`] })),
        config: { runId: 's', topics: ['rivers'], generate: { batch: 1, n: 1, attempts: 1, selfChecks: 1 }, rollout: { maxTurns: 1, maxTokensPerTurn: 12 }, maxStepsPerPhase: 1 },
      });
      const events: string[] = [];
      for await (const e of orch.run()) events.push(e.type === 'phase-end' ? `${e.phase.kind}:${e.reason}` : e.type);
      expect(events).toContain('generate:steps');
      const t = store.db.prepare("SELECT model_ref, turns FROM trajectories WHERE role = 'generator'").get() as { model_ref: string; turns: number };
      expect(t.turns).toBe(1);
      expect(store.counts().rewards).toBeGreaterThan(0);
      store.close();
    } finally {
      await llm.close();
      await retr.close();
    }
  });
});
