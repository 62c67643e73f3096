// Test-only helper (not exported): where the reference model lives, per spec core §9.1. Feature
// packages use the exported `locateReferenceModel` (`@reasonkit/core/testing/node`) this wraps.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateReferenceModel } from '../testing/node/reference-model-locator.js';
import { STORIES260K_ORACLE_57, STORIES260K_ORACLE_FULL } from '../testing/stories260k-oracle.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root (packages/core/src/test-utils → ../../../..). */
export const repoRoot = resolve(here, '../../../..');
const location = locateReferenceModel({ from: repoRoot });
export const modelsDir = location.dir;
export const checkpointPath = location.checkpointPath;
export const tokenizerPath = location.tokenizerPath;
export const haveReferenceModel = location.available;
export const skipMessage = location.skipMessage;

if (!haveReferenceModel) console.warn(skipMessage);

export const readCheckpoint = location.readCheckpoint;
export const readTokenizerBytes = location.readTokenizer;

/** The documented oracle (spec §9.5, shared/models/README.md). */
export const ORACLE_57 = STORIES260K_ORACLE_57;
/** The full documented greedy sample (spec §9.5). */
export const ORACLE_FULL = STORIES260K_ORACLE_FULL;
