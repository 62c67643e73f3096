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

/**
 * The committed testbed models:
 * - `default` (`packages/testbed/model`): NoThinking answers 1–2-digit additions and fails from 3
 *   digits (a cliff), Thinking solves 1–5 digits;
 * - `graded` (`packages/testbed/model-graded`): NoThinking accuracy falls gradually with width
 *   and varies within a level (by carries), Thinking solves 1–5 digits; for mode selection.
 */
export type TestbedModelVariant = 'default' | 'graded';

/** Absolute path of a committed model directory (default: `packages/testbed/model`). */
export function testbedModelDir(variant: TestbedModelVariant = 'default'): string {
  return join(packageRoot(), variant === 'graded' ? 'model-graded' : 'model');
}

/** True when the committed model directory of `variant` holds an ONNX model. */
export function haveTestbedModel(variant: TestbedModelVariant = 'default'): boolean {
  return existsSync(join(testbedModelDir(variant), 'onnx', 'model.onnx'));
}
