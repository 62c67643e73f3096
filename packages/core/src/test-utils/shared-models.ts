// Test-only helper (not exported): where the reference model lives, per spec core §9.1.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root (packages/core/src/test-utils → ../../../..). */
export const repoRoot = resolve(here, '../../../..');
export const modelsDir = process.env.REASONKIT_MODELS_DIR
  ? resolve(process.env.REASONKIT_MODELS_DIR)
  : resolve(repoRoot, '../shared/models');
export const checkpointPath = join(modelsDir, 'stories260K.bin');
export const tokenizerPath = join(modelsDir, 'tok512.bin');
export const haveReferenceModel = existsSync(checkpointPath) && existsSync(tokenizerPath);
export const skipMessage = `stories260K not found at ${modelsDir}; skipping reference-model tests (spec §9)`;

if (!haveReferenceModel) console.warn(skipMessage);

export function readCheckpoint(): Uint8Array {
  return new Uint8Array(readFileSync(checkpointPath));
}
export function readTokenizerBytes(): Uint8Array {
  return new Uint8Array(readFileSync(tokenizerPath));
}

/** The documented oracle (spec §9.5, shared/models/README.md). */
export const ORACLE_57 =
  'Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.';

/**
 * The full documented greedy sample (karpathy/llama2.c `doc/stories260K.md`, `run -t 0.0`):
 * all 256 positions (BOS + 4 prompt tokens + 251 new tokens) from an empty prompt, whose greedy
 * path equals the encoded "Once upon a time" (spec §9.5). Newlines are token 13.
 */
export const ORACLE_FULL = [
  ORACLE_57,
  'Lily\'s mom said, "Lily, let\'s go to the park." Lily was sad and didn\'t know what to do. She said, "I want to play with your ball, but I can\'t find it."',
  'Lily was sad and didn\'t know what to do. She said, "I\'m sorry, Lily. I didn\'t know what to do."',
  'Lily didn\'t want to help her mom, so she said, "I\'m sorry, mom. I didn\'t know what to do." Her mom said, "Don\'t worry, Lily. We can help you.',
].join('\n');
