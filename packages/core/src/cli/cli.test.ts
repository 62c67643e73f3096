// End-to-end tests of the `reasonkit` CLI contract (issue 2): convert stories260K, then greedy
// generation through each backend must print exactly the documented oracle (spec §9.5).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOnnxModelInfo } from '../onnx/onnx-model-info.js';
import { ORACLE_FULL, checkpointPath, haveReferenceModel, repoRoot, skipMessage, tokenizerPath } from '../test-utils/shared-models.js';

const run = promisify(execFile);
const tsx = resolve(repoRoot, 'node_modules/.bin/tsx');
const cli = resolve(repoRoot, 'packages/core/src/cli/cli.ts');
const reasonkit = (args: string[]) => run(tsx, [cli, ...args], { cwd: repoRoot, maxBuffer: 1 << 24 });

describe.skipIf(!haveReferenceModel)(`reasonkit CLI on stories260K${haveReferenceModel ? '' : ` (${skipMessage})`}`, () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reasonkit-cli-'));
    const { stdout } = await reasonkit(['convert', '--checkpoint', checkpointPath, '--tokenizer', tokenizerPath, '--out', join(dir, 'model')]);
    expect(stdout).toBe(''); // results only on stdout; convert has none
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('convert writes the model directory in the Optimum / transformers.js layout', () => {
    for (const f of ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
      expect(() => readFileSync(join(dir, 'model', f)), f).not.toThrow();
    }
    const config = JSON.parse(readFileSync(join(dir, 'model', 'config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'llama', num_hidden_layers: 5, num_attention_heads: 8, num_key_value_heads: 4, vocab_size: 512 });
    // the default graph uses ONNX Runtime's fused ops (the generate tests below run it)
    expect(config.reasonkit.graph).toBe('fused');
    expect(readOnnxModelInfo(new Uint8Array(readFileSync(join(dir, 'model', 'onnx/model.onnx')))).opsetImports).toContainEqual({ domain: 'com.microsoft', version: 1 });
  });

  it('convert --plain writes the standard-ops graph', async () => {
    const out = join(dir, 'plain');
    await reasonkit(['convert', '--checkpoint', checkpointPath, '--tokenizer', tokenizerPath, '--out', out, '--plain', '--quiet']);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).reasonkit.graph).toBe('plain');
    expect(readOnnxModelInfo(new Uint8Array(readFileSync(join(out, 'onnx/model.onnx')))).opsetImports).toEqual([{ domain: '', version: 17 }]);
  });

  it('convert --attentions adds attentions.{l} outputs [batch, heads, seq, total] and records them in config.json', async () => {
    const out = join(dir, 'with-attentions');
    await reasonkit(['convert', '--checkpoint', checkpointPath, '--tokenizer', tokenizerPath, '--out', out, '--attentions', '--quiet']);
    const info = readOnnxModelInfo(new Uint8Array(readFileSync(join(out, 'onnx/model.onnx'))));
    const attentions = info.outputs.filter((o) => o.name.startsWith('attentions.'));
    expect(attentions.map((o) => o.name)).toEqual(['attentions.0', 'attentions.1', 'attentions.2', 'attentions.3', 'attentions.4']);
    expect(attentions[0]!.dims).toEqual(['batch_size', 8, 'sequence_length', 'total_sequence_length']);
    expect(info.outputs.some((o) => o.name.startsWith('queries.'))).toBe(false);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.reasonkit.outputs).toEqual({ hiddenStates: false, queries: false, attentions: true });
    expect(config.reasonkit.graph).toBe('plain'); // attention weights need the plain graph
    const plain = readOnnxModelInfo(new Uint8Array(readFileSync(join(dir, 'model', 'onnx/model.onnx'))));
    expect(plain.outputs.some((o) => o.name.startsWith('attentions.'))).toBe(false);
  });

  // 252 new tokens = all 256 positions of the documented run (BOS + 4 prompt tokens + 252 - 1 fed).
  for (const runtime of ['node', 'web', 'reference']) {
    it(`generate --runtime ${runtime} prints exactly the documented greedy sample (256 positions)`, async () => {
      const { stdout, stderr } = await reasonkit([
        'generate', '--model', join(dir, 'model'), '--prompt', 'Once upon a time',
        '--max-new-tokens', '252', '--temperature', '0', '--runtime', runtime,
      ]);
      expect(stdout).toBe(`${ORACLE_FULL}\n`);
      expect(stderr).toContain('252 tokens');
    });
  }

  it('convert --int8 writes 8-bit MatMulNBits weights whose first 20 greedy tokens are the float oracle\'s', async () => {
    const out = join(dir, 'int8');
    await reasonkit(['convert', '--checkpoint', checkpointPath, '--tokenizer', tokenizerPath, '--out', out, '--int8', '--quiet']);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.reasonkit).toMatchObject({ graph: 'fused', weightBits: 8 });
    expect(Buffer.from(readFileSync(join(out, 'onnx/model.onnx'))).includes('MatMulNBits')).toBe(true);
    // measured: the 8-bit export agrees with the float model for 200 greedy tokens (README "Performance")
    const { stdout } = await reasonkit(['generate', '--model', out, '--prompt', 'Once upon a time', '--max-new-tokens', '20', '--temperature', '0', '--runtime', 'node']);
    expect(stdout.length).toBeGreaterThan('Once upon a time'.length + 20);
    expect(ORACLE_FULL.startsWith(stdout.trimEnd())).toBe(true);
    const error = await reasonkit(['convert', '--checkpoint', checkpointPath, '--tokenizer', tokenizerPath, '--out', join(dir, 'both'), '--int8', '--int4']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/INVALID_ARGUMENT.*--int8 and --int4/);
  });

  it('reports a missing model directory as a typed error on stderr with exit code 1', async () => {
    const error = await reasonkit(['generate', '--model', join(dir, 'nope'), '--prompt', 'x', '--temperature', '0']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 1, stdout: '' });
    expect((error as { stderr: string }).stderr).toMatch(/FILE_NOT_FOUND.*nope/);
  });

  it('rejects a truncated checkpoint, naming expected and actual sizes', async () => {
    const bad = join(dir, 'truncated.bin');
    const bytes = readFileSync(checkpointPath);
    writeFileSync(bad, bytes.subarray(0, bytes.length - 4));
    const error = await reasonkit(['convert', '--checkpoint', bad, '--tokenizer', tokenizerPath, '--out', join(dir, 'bad')]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/CHECKPOINT_INVALID.*1056540.*1056536|CHECKPOINT_INVALID.*1,056,540/);
  });
});
