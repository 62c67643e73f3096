import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@reasonkit/core/node';
import { encodeNpy } from '../features/npy.js';
import type { ExtractedFeatures } from '../features/extract-features.js';

/**
 * Writes extracted features as `layer-<L>.npy` (NPY v1.0, `<f4`, C order, shape `[rows, width]`)
 * plus `manifest.json`, each atomically; returns the written paths. Opens in Python with `numpy.load`.
 */
export async function writeFeatures(dir: string, features: ExtractedFeatures): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const { manifest, matrices } = features;
  const paths: string[] = [];
  for (const [layer, m] of matrices) {
    const path = join(dir, `layer-${layer}.npy`);
    await writeFileAtomic(path, encodeNpy(m, [manifest.rows, manifest.width]));
    paths.push(path);
  }
  const manifestPath = join(dir, 'manifest.json');
  await writeFileAtomic(manifestPath, JSON.stringify({ ...manifest, files: Object.fromEntries([...matrices.keys()].map((l) => [l, `layer-${l}.npy`])) }, null, 2));
  paths.push(manifestPath);
  return paths;
}
