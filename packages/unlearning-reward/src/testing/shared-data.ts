import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** `../shared/data/rule-rwku/1_Stephen_King` next to the checkout (or `REASONKIT_SHARED_DATA`). */
export const SHARED_DATA = process.env.REASONKIT_SHARED_DATA ?? resolve(here, '../../../../../shared/data');
export const RULE_TARGET_DIR = join(SHARED_DATA, 'rule-rwku', '1_Stephen_King');
export const HAVE_RULE_DATA = existsSync(join(RULE_TARGET_DIR, 'rl_rejection_with_fb_neighbor_target.json'));
export const SKIP_MESSAGE = `skipped: ${RULE_TARGET_DIR} not found (shared data fixtures are not available here)`;
if (!HAVE_RULE_DATA) console.warn(SKIP_MESSAGE);

export function readRuleFile<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(RULE_TARGET_DIR, name), 'utf8')) as T;
}

export function readFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(here, '..', '__fixtures__', name), 'utf8')) as T;
}
