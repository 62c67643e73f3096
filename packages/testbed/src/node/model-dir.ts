import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The testbed package root: the nearest ancestor of this file with the testbed package.json. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@reasonkit/testbed') return dir;
      } catch {
        // not a readable package.json; keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`@reasonkit/testbed: package root not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** Absolute path of the committed model directory (`packages/testbed/model`). */
export function testbedModelDir(): string {
  return join(packageRoot(), 'model');
}

/** True when the committed model directory holds an ONNX model. */
export function haveTestbedModel(): boolean {
  return existsSync(join(testbedModelDir(), 'onnx', 'model.onnx'));
}
