import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLlama2cTokenizer } from '../../llama2c/llama2c-tokenizer.js';
import { buildSyntheticCheckpoint } from '../../llama2c/synthetic-checkpoint.js';
import { convertLlama2c } from '../../node/convert-llama2c.js';
import type { OpenAIServer } from '../../node/openai-server.js';
import { createOpenAICompatible } from '../../text-model/openai-compatible.js';
import { serveCommand } from './serve.js';

// `reasonkit serve` over a model directory converted from a generated llama2.c checkpoint.
function tokenizerBytes(): Uint8Array {
  const enc = new TextEncoder();
  const pieces: Uint8Array[] = ['<unk>', '\n<s>\n', '\n</s>\n'].map((p) => enc.encode(p));
  for (let b = 0; b < 256; b++) pieces.push(enc.encode(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`));
  for (const c of ' abcdefghijklmnopqrstuvwxyz') pieces.push(enc.encode(c), enc.encode(` ${c}`));
  const out = new Uint8Array(4 + pieces.reduce((n, p) => n + 8 + p.length, 0));
  const view = new DataView(out.buffer);
  view.setInt32(0, 2, true);
  let o = 4;
  for (const p of pieces) {
    view.setFloat32(o, -p.length, true);
    view.setInt32(o + 4, p.length, true);
    out.set(p, o + 8);
    o += 8 + p.length;
  }
  return out;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('reasonkit serve', () => {
  it('serves a model directory on loopback and stops on abort', async () => {
    const work = await mkdtemp(join(tmpdir(), 'reasonkit-serve-'));
    dirs.push(work);
    const tok = tokenizerBytes();
    const vocab = parseLlama2cTokenizer(tok, 3 + 256 + 54).vocabSize;
    await writeFile(join(work, 'tok.bin'), tok);
    await writeFile(join(work, 'model.bin'), buildSyntheticCheckpoint({ dim: 16, hiddenDim: 32, nLayers: 1, nHeads: 2, nKvHeads: 1, vocabSize: vocab, seqLen: 64 }, 3));
    await convertLlama2c({ checkpoint: join(work, 'model.bin'), tokenizer: join(work, 'tok.bin'), out: join(work, 'model') });

    const controller = new AbortController();
    let server: OpenAIServer | undefined;
    let done: Promise<unknown> | undefined;
    const listening = new Promise<void>((resolve) => {
      const command = serveCommand({
        signal: controller.signal,
        onListening: (s) => {
          server = s;
          resolve();
        },
      });
      done = command.parseAsync(['--model', join(work, 'model'), '--port', '0', '--chat-format', 'plain', '--threads', '1', '--max-tokens', '5'], { from: 'user' });
    });
    await Promise.race([listening, new Promise((_, reject) => setTimeout(() => reject(new Error('serve did not start')), 30_000))]);
    expect(server!.host).toBe('127.0.0.1');
    const client = createOpenAICompatible({ baseURL: server!.url, model: 'model', timeoutMs: 20_000 });
    const models = await (await fetch(`${server!.url}/models`)).json();
    expect(models.data[0].id).toBe('model');
    const completion = await client.generate({ prompt: 'a b', logprobs: 2 });
    expect(completion.usage?.output).toBe(5);
    expect(completion.tokens).toHaveLength(5);
    const chat = await client.generate({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 3 });
    expect(chat.usage?.output).toBeLessThanOrEqual(3);
    controller.abort();
    await done;
    await expect(fetch(`${server!.url}/models`)).rejects.toThrow();
  });
});
