import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** True when `ffmpeg` and `ffprobe` run; tests that need them skip otherwise. */
export const HAS_FFMPEG = ['ffmpeg', 'ffprobe'].every((tool) => spawnSync(tool, ['-version'], { stdio: 'ignore' }).status === 0);
export const SKIP_FFMPEG_MESSAGE = 'ffmpeg/ffprobe not on PATH: skipping (Debian: apt-get install ffmpeg; CI installs it via .ci/services.d/video-bench.sh)';

/**
 * Writes raw RGB frames to ffmpeg's stdin and encodes them (spec §5.4). `level(i)` is the grey
 * level of frame i.
 */
export function writeGreyVideo(
  path: string,
  o: { frames: number; width?: number; height?: number; fps?: number; codec: 'ffv1' | 'mpeg4'; level?: (i: number) => number },
): string {
  const width = o.width ?? 32;
  const height = o.height ?? 32;
  const level = o.level ?? ((i: number) => 8 * i);
  const raw = Buffer.alloc(o.frames * width * height * 3);
  for (let i = 0; i < o.frames; i++) raw.fill(level(i), i * width * height * 3, (i + 1) * width * height * 3);
  const codec = o.codec === 'ffv1' ? ['-c:v', 'ffv1'] : ['-c:v', 'mpeg4', '-q:v', '1', '-pix_fmt', 'yuv420p'];
  execFileSync('ffmpeg', ['-y', '-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', String(o.fps ?? 10), '-i', 'pipe:0', ...codec, path], { input: raw });
  return path;
}

/** The two §5.4 videos: frame i is grey 8·i, 32×32, 30 frames at 10 fps; lossless Matroska and MP4. */
export function writeSpecVideos(dir: string): { mkv: string; mp4: string } {
  return {
    mkv: writeGreyVideo(join(dir, 'grey.mkv'), { frames: 30, codec: 'ffv1' }),
    mp4: writeGreyVideo(join(dir, 'grey.mp4'), { frames: 30, codec: 'mpeg4' }),
  };
}

/**
 * Decodes encoded images of one format and size (JPEG or PNG) to 8-bit grey pixels with one
 * ffmpeg call (test oracle): one pixel array per image.
 */
export function greyPixels(images: readonly { data: Uint8Array; width: number; height: number }[]): Uint8Array[] {
  if (images.length === 0) return [];
  const size = images[0]!.width * images[0]!.height;
  const demuxer = images[0]!.data[0] === 0xff ? 'jpeg_pipe' : 'png_pipe';
  const out = execFileSync('ffmpeg', ['-v', 'error', '-f', demuxer, '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], {
    input: Buffer.concat(images.map((i) => i.data)),
  });
  if (out.length !== size * images.length) throw new Error(`greyPixels: expected ${size * images.length} bytes, got ${out.length}`);
  return images.map((_, i) => out.subarray(i * size, (i + 1) * size));
}

/** Mean grey level of each encoded image (one ffmpeg call). */
export function meanGreys(images: readonly { data: Uint8Array; width: number; height: number }[]): number[] {
  return greyPixels(images).map((px) => px.reduce((s, v) => s + v, 0) / px.length);
}

/** Pids of this process's live child processes (other than the `ps` that lists them). */
export function childPids(): number[] {
  const out = spawnSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, stat, comm]) => pid && stat && !stat.startsWith('Z') && comm !== 'ps')
    .map(([pid]) => Number(pid));
}
