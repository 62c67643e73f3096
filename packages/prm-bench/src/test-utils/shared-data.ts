import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (packages/prm-bench/src/test-utils → ../../../..). */
export const repoRoot = resolve(here, '../../../..');
/** `../shared/data` next to the checkout, or `$REASONKIT_SHARED_DATA`. */
export const sharedData = process.env.REASONKIT_SHARED_DATA ?? resolve(repoRoot, '../shared/data');

export function sharedPath(sub: string): { path: string; available: boolean; skip: string } {
  const path = join(sharedData, sub);
  const available = existsSync(path);
  return { path, available, skip: `skipped: ../shared/data/${sub} not found at ${path} (shared data fixtures are not available here)` };
}
