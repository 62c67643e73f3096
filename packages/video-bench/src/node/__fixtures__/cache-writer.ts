// Child process of the frame-cache concurrency test: writes the same entry `times` times into a
// cache directory shared with other processes, then prints "done".
import { createFrameCache, frameCacheKey } from '../frame-cache.js';

const [dir, video, times] = process.argv.slice(2) as [string, string, string];
const cache = createFrameCache({ dir });
const key = await frameCacheKey(video, { k: 8, decoder: 'fake/1' });
const indices = [0, 4, 8, 12, 16, 20, 24, 29];
// Large enough frames (8 x 256 KiB) that a non-atomic write would be observable mid-way.
const frames = indices.map((index) => ({ index, width: 4, height: 2, mime: 'image/jpeg' as const, data: new Uint8Array(256 * 1024).fill(index) }));
for (let i = 0; i < Number(times); i++) await cache.put(key, { probe: { frameCount: 30, countMethod: 'packets', width: 4, height: 2 }, indices, frames });
process.stdout.write('done\n');
