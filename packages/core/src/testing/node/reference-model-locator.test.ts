import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test-utils/shared-models.js';
import { runStories260KOracle, STORIES260K_ORACLE_57 } from '../stories260k-oracle.js';
import { loadReferenceModel, locateReferenceModel } from './reference-model-locator.js';

describe('locateReferenceModel', () => {
  it('reports an absent folder without throwing, naming it in the skip message', () => {
    const empty = mkdtempSync(join(tmpdir(), 'rk-models-'));
    const loc = locateReferenceModel({ dir: empty });
    expect(loc.available).toBe(false);
    expect(loc.dir).toBe(empty);
    expect(loc.checkpointPath).toBe(join(empty, 'stories260K.bin'));
    expect(loc.skipMessage).toContain(empty);
    expect(loadReferenceModel(loc)).toBeUndefined();
  });

  it('honours REASONKIT_MODELS_DIR over the upward search', () => {
    const empty = mkdtempSync(join(tmpdir(), 'rk-models-'));
    const before = process.env.REASONKIT_MODELS_DIR;
    process.env.REASONKIT_MODELS_DIR = empty;
    try {
      expect(locateReferenceModel({ from: repoRoot }).dir).toBe(empty);
    } finally {
      if (before === undefined) delete process.env.REASONKIT_MODELS_DIR;
      else process.env.REASONKIT_MODELS_DIR = before;
    }
  });

  const found = locateReferenceModel({ from: join(repoRoot, 'packages', 'core', 'src') });
  describe.skipIf(!found.available)(`on the shared stories260K${found.available ? '' : ` (${found.skipMessage})`}`, () => {
    it('finds ../shared/models walking up from inside the repository, and the oracle passes on the reference model', async () => {
      expect(found.dir.endsWith(join('shared', 'models'))).toBe(true);
      const loaded = loadReferenceModel(found)!;
      expect(loaded.model.config.vocabSize).toBe(512);
      const r = await runStories260KOracle(loaded.model, loaded.tokenizer);
      expect(r.text).toBe(STORIES260K_ORACLE_57);
      expect(r.matches).toBe(true);
      expect(r.ids).toHaveLength(5 + 57);
    });
  });
});
