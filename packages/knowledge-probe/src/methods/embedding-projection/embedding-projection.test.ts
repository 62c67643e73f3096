import { describe, expect, it } from 'vitest';
import { haveStories, P1, skipMessage, storiesProbe } from '../../test-utils/stories.js';
import { embeddingProjectionMethod, EmbeddingProjectionParamsSchema } from './embedding-projection-method.js';

describe.skipIf(!haveStories)(`EmbeddingProjection on stories260K${haveStories ? '' : ` (${skipMessage})`}`, () => {
  it('reproduces spec §9.4 neighbours and cosines; coordinates are deterministic', async () => {
    const m = await storiesProbe('node');
    const p = EmbeddingProjectionParamsSchema.parse({});
    const r = await embeddingProjectionMethod.run({ prompt: P1 }, m, p);
    const at = (id: number) => r.raw.neighbours[r.raw.tokens.findIndex((t) => t.id === id)]!;
    const expectNb = (id: number, golden: [number, number][]) =>
      golden.forEach(([nid, cos], k) => {
        expect(at(id)[k]!.id).toBe(nid);
        expect(Math.abs(at(id)[k]!.cosine - cos)).toBeLessThanOrEqual(1e-4);
      });
    expectNb(403, [[385, 0.6699], [407, 0.6474]]);
    expectNb(378, [[328, 0.5724], [289, 0.4737]]);
    expectNb(1, [[403, 0.4931], [291, 0.4439]]);
    const again = await embeddingProjectionMethod.run({ prompt: P1 }, m, p);
    expect(again.raw.coordinates).toEqual(r.raw.coordinates);
    expect(r.raw.coordinates.tokens).toHaveLength(5);
    expect(r.raw.coordinates.tokens[0]).toHaveLength(2);
    expect(r.charts[0]!.kind).toBe('scatter');
  });
});
