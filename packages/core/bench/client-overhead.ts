// Client overhead per non-streaming call (issue 3, acceptance 6): `createOpenAICompatible` vs a
// bare `fetch` + `response.json()` loop, both against the same in-process `createOpenAIServer`
// over a scripted model (so model time is ~0 and the server's cost is identical for both).
// Calls alternate in blocks so drift hits both sides equally. Run: `npx tsx bench/client-overhead.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAIServer } from '../src/node/openai-server.js';
import { createOpenAICompatible } from '../src/text-model/openai-compatible.js';
import { createScriptedTextModel } from '../src/text-model/scripted-text-model.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const BLOCK = 50;
const WARMUP = 200;

export interface OverheadRow {
  case: string;
  bareP50Ms: number;
  clientP50Ms: number;
  overheadP50Ms: number;
  bareP90Ms: number;
  clientP90Ms: number;
}
export interface ClientOverheadResult {
  calls: number;
  node: string;
  rows: OverheadRow[];
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

export async function runClientOverheadBench(): Promise<ClientOverheadResult> {
  const tokens = 'The quick brown fox jumps over the lazy dog .'.split(' ').map((w, i) => ({
    token: i === 0 ? w : ` ${w}`,
    logprob: -0.1 * (i + 1),
    top: [0, 1, 2, 3, 4].map((j) => ({ token: `alt${j}`, logprob: -0.1 * (i + 1) - j })),
  }));
  const text = tokens.map((t) => t.token).join('');
  const model = createScriptedTextModel({ replies: [{ text, tokens, usage: { input: 12, output: tokens.length } }], loop: true });
  const server = await createOpenAIServer({ model, modelName: 'bench', concurrency: 1 });
  const client = createOpenAICompatible({ baseURL: server.url, model: 'bench', maxRetries: 0, concurrency: 1 });
  const rows: OverheadRow[] = [];
  try {
    const cases = [
      { name: 'chat, no logprobs', body: { model: 'bench', messages: [{ role: 'user', content: 'hello' }] }, request: { messages: [{ role: 'user' as const, content: 'hello' }] } },
      {
        name: 'chat, logprobs top-5',
        body: { model: 'bench', messages: [{ role: 'user', content: 'hello' }], logprobs: true, top_logprobs: 5 },
        request: { messages: [{ role: 'user' as const, content: 'hello' }], logprobs: 5 },
      },
      { name: 'completions, no logprobs', body: { model: 'bench', prompt: 'hello', max_tokens: 16 }, request: { prompt: 'hello', maxTokens: 16 } },
    ];
    for (const c of cases) {
      const bare = async () => {
        const response = await fetch(`${server.url}${'messages' in c.body ? '/chat/completions' : '/completions'}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(c.body),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await response.json();
      };
      const viaClient = async () => {
        await client.generate(c.request);
      };
      for (let i = 0; i < WARMUP; i++) {
        await bare();
        await viaClient();
      }
      const bareMs: number[] = [];
      const clientMs: number[] = [];
      for (let done = 0; done < CALLS; done += BLOCK) {
        for (const [fn, out] of [
          [bare, bareMs],
          [viaClient, clientMs],
        ] as const) {
          for (let i = 0; i < BLOCK; i++) {
            const t0 = performance.now();
            await fn();
            out.push(performance.now() - t0);
          }
        }
      }
      const bareP50 = quantile(bareMs, 0.5);
      const clientP50 = quantile(clientMs, 0.5);
      rows.push({
        case: c.name,
        bareP50Ms: bareP50,
        clientP50Ms: clientP50,
        overheadP50Ms: clientP50 - bareP50,
        bareP90Ms: quantile(bareMs, 0.9),
        clientP90Ms: quantile(clientMs, 0.9),
      });
    }
  } finally {
    await server.close();
  }
  return { calls: CALLS, node: process.version, rows };
}

export function reportClientOverhead(result: ClientOverheadResult, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'client-overhead.json'), `${JSON.stringify(result, null, 2)}\n`);
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `Client overhead per non-streaming call (${result.calls} calls per side, Node ${result.node}, loopback, in-process server):`,
    '',
    '| case | bare fetch p50 (ms) | client p50 (ms) | overhead p50 (ms) | bare p90 (ms) | client p90 (ms) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...result.rows.map((r) => `| ${r.case} | ${f(r.bareP50Ms)} | ${f(r.clientP50Ms)} | ${f(r.overheadP50Ms)} | ${f(r.bareP90Ms)} | ${f(r.clientP90Ms)} |`),
    '',
    `target: overhead p50 <= 2 ms — ${result.rows.every((r) => r.overheadP50Ms <= 2) ? 'met' : 'NOT met'}`,
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  console.log(reportClientOverhead(await runClientOverheadBench(), outDir));
}
