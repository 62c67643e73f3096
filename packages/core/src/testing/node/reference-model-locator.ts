import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Llama2cReferenceModel } from '../../llama2c/reference-model.js';
import { type Llama2cTokenizer, parseLlama2cTokenizer } from '../../llama2c/llama2c-tokenizer.js';
import { STORIES260K_FILES } from '../stories260k-oracle.js';

/** Where the shared stories260K reference model was looked for, and whether it is there. */
export interface ReferenceModelLocation {
  /** The folder holding (or expected to hold) `stories260K.bin` and `tok512.bin`. */
  dir: string;
  checkpointPath: string;
  tokenizerPath: string;
  /** Both files exist. */
  available: boolean;
  /** A one-line message for `describe.skipIf(!available)` / `it.skip`, naming the folder looked at. */
  skipMessage: string;
  /** Reads `stories260K.bin` (throws `FILE_NOT_FOUND` style errors from `fs` when absent). */
  readCheckpoint(): Uint8Array;
  /** Reads `tok512.bin`. */
  readTokenizer(): Uint8Array;
}

/** Options of {@link locateReferenceModel}. */
export interface LocateReferenceModelOptions {
  /** Use this folder; default: `$REASONKIT_MODELS_DIR`, else the search below. */
  dir?: string;
  /** Start of the upward search; default `process.cwd()`. */
  from?: string;
}

/**
 * **Test helper (Node only).** Finds the shared stories260K model (spec core §9.1): `options.dir`,
 * else `$REASONKIT_MODELS_DIR`, else the first `<ancestor>/shared/models` holding `stories260K.bin`
 * walking up from `options.from` (default `process.cwd()`), which finds the monorepo's
 * `../shared/models` from any package. Never throws when the files are absent: check `available`
 * and skip with `skipMessage`.
 *
 * ```ts
 * const ref = locateReferenceModel();
 * describe.skipIf(!ref.available)(`on stories260K${ref.available ? '' : ` (${ref.skipMessage})`}`, () => { … });
 * ```
 */
export function locateReferenceModel(options: LocateReferenceModelOptions = {}): ReferenceModelLocation {
  const explicit = options.dir ?? process.env.REASONKIT_MODELS_DIR;
  let dir: string | undefined = explicit === undefined || explicit === '' ? undefined : resolve(explicit);
  if (dir === undefined) {
    const start = resolve(options.from ?? process.cwd());
    for (let at = start; ; at = dirname(at)) {
      const candidate = join(at, 'shared', 'models');
      if (existsSync(join(candidate, STORIES260K_FILES.checkpoint))) {
        dir = candidate;
        break;
      }
      if (dirname(at) === at) break;
    }
    dir ??= resolve(start, '../shared/models');
  }
  const checkpointPath = join(dir, STORIES260K_FILES.checkpoint);
  const tokenizerPath = join(dir, STORIES260K_FILES.tokenizer);
  const available = existsSync(checkpointPath) && existsSync(tokenizerPath);
  return {
    dir,
    checkpointPath,
    tokenizerPath,
    available,
    skipMessage: `stories260K not found at ${dir} (set REASONKIT_MODELS_DIR); skipping reference-model tests`,
    readCheckpoint: () => new Uint8Array(readFileSync(checkpointPath)),
    readTokenizer: () => new Uint8Array(readFileSync(tokenizerPath)),
  };
}

/**
 * **Test helper (Node only).** Loads the located stories260K as a {@link Llama2cReferenceModel}
 * and its tok512 tokenizer, or returns `undefined` when the files are absent (skip the test then).
 */
export function loadReferenceModel(
  location: ReferenceModelLocation = locateReferenceModel(),
): { model: Llama2cReferenceModel; tokenizer: Llama2cTokenizer; location: ReferenceModelLocation } | undefined {
  if (!location.available) return undefined;
  return {
    model: Llama2cReferenceModel.fromBytes(location.readCheckpoint(), location.checkpointPath),
    tokenizer: parseLlama2cTokenizer(location.readTokenizer(), 512, location.tokenizerPath),
    location,
  };
}
