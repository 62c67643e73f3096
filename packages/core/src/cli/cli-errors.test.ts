// Issue 10 item 6 on the real `reasonkit` process: a port in use and a bad generate option end with
// the documented one-line `reasonkit: error [CODE]: message` (no stack), and generate prints
// nothing to stdout before its options are known to be valid.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertLlama2c } from '../node/convert-llama2c.js';
import { checkpointPath, haveReferenceModel, repoRoot, skipMessage, tokenizerPath } from '../test-utils/shared-models.js';

const run = promisify(execFile);
const tsx = resolve(repoRoot, 'node_modules/.bin/tsx');
const cli = resolve(repoRoot, 'packages/core/src/cli/cli.ts');
const reasonkit = (args: string[]) =>
  run(tsx, [cli, ...args], { cwd: repoRoot, timeout: 120_000 }).then(
    () => ({ code: 0, stdout: '', stderr: '' }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe.skipIf(!haveReferenceModel)(`reasonkit CLI errors${haveReferenceModel ? '' : ` (${skipMessage})`}`, () => {
  let dir: string;
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reasonkit-cli-errors-'));
    await convertLlama2c({ checkpoint: checkpointPath, tokenizer: tokenizerPath, out: join(dir, 'model') });
    blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((done) => blocker?.close(done));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serve on a port in use: one typed error line, no stack, exit code 1', async () => {
    const result = await reasonkit(['serve', '--model', join(dir, 'model'), '--port', String(port)]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`reasonkit: error [NETWORK_ERROR]: 127.0.0.1:${port} is already in use; pick another --port (0 = any free port)`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('generate with a bad option prints nothing on stdout and a typed error naming the option', async () => {
    const result = await reasonkit(['generate', '--model', join(dir, 'model'), '--prompt', 'Once upon a time', '--top-p', '5', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^reasonkit: error \[INVALID_ARGUMENT\]: .*topP/m);
  });
});
