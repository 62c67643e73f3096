import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repo root (/…/main) from this file's location. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** `../shared/data` next to the checkout; override with REASONKIT_SHARED_DATA. */
export const sharedDataDir = process.env.REASONKIT_SHARED_DATA ?? join(repoRoot, '../shared/data');
export const planbenchDir = join(sharedDataDir, 'planbench');
export const haveMainSet = existsSync(join(planbenchDir, 'blocksworld/info.json'));
export const haveHardSet = existsSync(join(planbenchDir, 'blocksworld_hard/info.json'));
export const papersTsv = join(sharedDataDir, 'planning-survey/papers.tsv');
export const havePapers = existsSync(papersTsv);
export const skipMessage = (what: string) => `skipped: ${what} not found (shared data fixtures are not available here)`;
export const domainsDir = resolve(dirname(fileURLToPath(import.meta.url)), 'domains');
