import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { z } from 'zod';
import { parseOptions } from '@reasonkit/core';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import type { MeteorScorer } from '../meteor/meteor-scorer.js';

/** zod schema of `MeteorJarOptions`: validates it and applies its defaults. */
export const MeteorJarOptionsSchema = z.object({
  /** Path to the user's Meteor 1.5 jar (LGPL; never bundled). */
  jarPath: z.string().min(1),
  javaPath: z.string().default('java'),
  /** Per-reply timeout; 60 s [our choice]. */
  timeoutMs: z.number().int().positive().default(60_000),
  /** Arguments after the jar, as pycocoevalcap passes them [reference code]. */
  jarArgs: z.array(z.string()).default(['-', '-', '-stdio', '-l', 'en', '-norm']),
  /** Replaces `[javaPath, '-jar', '-Xmx2G', jarPath, ...jarArgs]` (tests use a protocol double). */
  command: z.array(z.string()).min(1).optional(),
});
/** Input accepted by `MeteorJarOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type MeteorJarOptions = z.input<typeof MeteorJarOptionsSchema>;

/** Removes what would break the line protocol: CR/LF everywhere, `|||` in every segment. */
export function sanitizeMeteorSegment(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replaceAll('|||', '').replace(/ {2,}/g, ' ');
}

/**
 * METEOR through the user's jar (parity path, spec §4.5): one long-lived `java -jar` child speaking
 * pycocoevalcap's SCORE/EVAL protocol; requests are serialised. A missing `java`, an early exit, a
 * timeout or a non-numeric reply throws a typed error quoting the jar's stderr. `dispose()` and an
 * aborted signal kill the process.
 */
export function meteorJar(options: MeteorJarOptions): MeteorScorer & {
  /** Stops the METEOR jar process. */
  dispose(): void;
} {
  const o = parseOptions(MeteorJarOptionsSchema, options, 'meteorJar options');
  const cmd = o.command ?? [o.javaPath, '-jar', '-Xmx2G', o.jarPath, ...o.jarArgs];
  let child: ChildProcessWithoutNullStreams | undefined;
  let stderr = '';
  let buffered = '';
  const lines: string[] = [];
  let waiter: { resolve: (l: string) => void; reject: (e: Error) => void } | undefined;
  let dead: ReportMetricsError | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const tail = () => (stderr.trim() ? ` — stderr: ${stderr.trim().slice(-2000)}` : ' — stderr was empty');

  const die = (e: ReportMetricsError) => {
    dead ??= e;
    waiter?.reject(dead);
    waiter = undefined;
  };
  const start = () => {
    if (child) return child;
    dead = undefined;
    stderr = '';
    buffered = '';
    lines.length = 0;
    const c = spawn(cmd[0]!, cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    c.stdout.setEncoding('utf8');
    c.stderr.setEncoding('utf8');
    c.stderr.on('data', (d: string) => (stderr += d));
    c.stdout.on('data', (d: string) => {
      buffered += d;
      let k: number;
      while ((k = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, k).replace(/\r$/, '');
        buffered = buffered.slice(k + 1);
        if (waiter) {
          const w = waiter;
          waiter = undefined;
          w.resolve(line);
        } else lines.push(line);
      }
    });
    c.on('error', (e: NodeJS.ErrnoException) => {
      die(
        e.code === 'ENOENT'
          ? new ReportMetricsError('METEOR_JAVA_MISSING', `METEOR: cannot start '${cmd[0]}' (not found); install Java or set javaPath${tail()}`, { file: cmd[0] }, 'RUNTIME_UNAVAILABLE', { cause: e })
          : new ReportMetricsError('METEOR_PROCESS_EXITED', `METEOR: cannot start '${cmd[0]}': ${e.message}${tail()}`, { file: cmd[0] }, 'RUNTIME_ERROR', { cause: e }),
      );
      child = undefined;
    });
    c.stdin.on('error', () => {});
    c.on('close', (code, signal) => {
      // Give the 'error' event precedence (ENOENT also closes).
      setImmediate(() => die(new ReportMetricsError('METEOR_PROCESS_EXITED', `METEOR: the jar process exited early (code ${code}, signal ${signal})${tail()}`, { file: o.jarPath }, 'RUNTIME_ERROR')));
      child = undefined;
    });
    child = c;
    return c;
  };
  const kill = () => {
    child?.kill('SIGKILL');
    child = undefined;
  };
  const readLine = (signal?: AbortSignal): Promise<string> => {
    if (lines.length) return Promise.resolve(lines.shift()!);
    if (dead) return Promise.reject(dead);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiter = undefined;
        kill();
        reject(new ReportMetricsError('METEOR_TIMEOUT', `METEOR: no reply within ${o.timeoutMs} ms; process killed${tail()}`, { file: o.jarPath }, 'TIMEOUT'));
      }, o.timeoutMs);
      const onAbort = () => {
        clearTimeout(timer);
        waiter = undefined;
        kill();
        reject(new ReportMetricsError('METEOR_PROCESS_EXITED', 'METEOR: aborted; process killed', { file: o.jarPath }, 'ABORTED'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiter = {
        resolve: (l) => (clearTimeout(timer), signal?.removeEventListener('abort', onAbort), resolve(l)),
        reject: (e) => (clearTimeout(timer), signal?.removeEventListener('abort', onAbort), reject(e)),
      };
    });
  };
  const write = (c: ChildProcessWithoutNullStreams, line: string) => {
    if (dead) throw dead;
    c.stdin.write(line + '\n');
  };
  const number = (line: string, what: string): number => {
    const v = Number(line.trim());
    if (line.trim() === '' || !Number.isFinite(v)) {
      kill();
      throw new ReportMetricsError('METEOR_BAD_REPLY', `METEOR: expected a number for ${what}, got ${JSON.stringify(line.slice(0, 200))}${tail()}`, { file: o.jarPath }, 'PROTOCOL_ERROR');
    }
    return v;
  };
  const run = async (samples: readonly { references: readonly string[]; candidate: string }[], signal?: AbortSignal) => {
    signal?.throwIfAborted();
    const c = start();
    const stats: string[] = [];
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i]!;
      write(c, ['SCORE', ...s.references.map(sanitizeMeteorSegment), sanitizeMeteorSegment(s.candidate)].join(' ||| '));
      const line = (await readLine(signal)).trim();
      if (line === '' || line.split(/\s+/).some((t) => !Number.isFinite(Number(t)))) {
        kill();
        throw new ReportMetricsError('METEOR_BAD_REPLY', `METEOR: sample ${i}: expected statistics (numbers), got ${JSON.stringify(line.slice(0, 200))}${tail()}`, { record: i, file: o.jarPath }, 'PROTOCOL_ERROR');
      }
      stats.push(line);
    }
    write(c, ['EVAL', ...stats].join(' ||| '));
    const perSample = new Float64Array(samples.length);
    for (let i = 0; i < samples.length; i++) perSample[i] = number(await readLine(signal), `sample ${i}`);
    const corpus = number(await readLine(signal), 'the corpus score');
    return { corpus, perSample };
  };
  return {
    key: 'METEOR',
    score(samples, opts) {
      const next = chain.then(() => run(samples, opts?.signal));
      chain = next.catch(() => {});
      return next;
    },
    dispose: kill,
  };
}
