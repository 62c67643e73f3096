import { type ChildProcess, spawn } from 'node:child_process';
import { ReasonkitError } from '@reasonkit/core';

export interface StartedProcess {
  readonly child: ChildProcess;
  /** Resolves with stderr when the process exits with code 0; rejects with a typed error otherwise. */
  readonly done: Promise<string>;
  /** Kill the process (SIGKILL) and wait until it has exited. */
  stop(): Promise<void>;
}

export interface StartProcessOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** What to call the process in messages, e.g. `ffmpeg` or `ffprobe`. */
  tool: 'ffmpeg' | 'ffprobe';
  /** The file the process works on (named in errors). */
  file: string;
}

/**
 * Spawns `command` with stdout piped and stderr collected, killing it on abort or timeout. A
 * missing executable is `FFMPEG_NOT_FOUND` with install advice; a non-zero exit is
 * `RUNTIME_ERROR` carrying stderr; abort is `ABORTED`; the timeout is `TIMEOUT`. The process never
 * outlives the returned `done` promise's settlement.
 */
export function startProcess(command: string, args: readonly string[], options: StartProcessOptions): StartedProcess {
  const { signal, timeoutMs, tool, file } = options;
  let stderr = '';
  let reason: 'aborted' | 'timeout' | undefined;
  let spawnError: NodeJS.ErrnoException | undefined;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const kill = (why: 'aborted' | 'timeout') => {
    reason ??= why;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const onAbort = () => kill('aborted');
  if (signal?.aborted) kill('aborted');
  else signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => kill('timeout'), timeoutMs);
  child.on('error', (error: NodeJS.ErrnoException) => {
    spawnError ??= error;
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const done = closed.then((code) => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (spawnError) {
      if (spawnError.code === 'ENOENT' || spawnError.code === 'EACCES') {
        throw new ReasonkitError(
          'FFMPEG_NOT_FOUND',
          `${tool} not found (${JSON.stringify(command)}: ${spawnError.code}): install it (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) or pass ${tool}Path`,
          { file: command, tool },
          { cause: spawnError },
        );
      }
      throw new ReasonkitError('RUNTIME_ERROR', `${tool} ${file}: could not start ${JSON.stringify(command)}: ${spawnError.message}`, { file, tool }, { cause: spawnError });
    }
    if (reason === 'aborted') throw new ReasonkitError('ABORTED', `${tool} ${file}: aborted`, { file, tool, reason: signal?.reason }, { cause: signal?.reason });
    if (reason === 'timeout') throw new ReasonkitError('TIMEOUT', `${tool} ${file}: no result within ${timeoutMs} ms`, { file, tool, timeoutMs });
    if (code !== 0) throw new ReasonkitError('RUNTIME_ERROR', `${tool} ${file}: exit code ${code}: ${stderr.trim() || '(no stderr)'}`, { file, tool, exitCode: code, stderr });
    return stderr;
  });
  done.catch(() => {}); // callers await it; never an unhandled rejection meanwhile
  return {
    child,
    done,
    async stop() {
      kill('aborted');
      await closed;
    },
  };
}

/** Runs a process to completion and returns its stdout as text. */
export async function runProcess(command: string, args: readonly string[], options: StartProcessOptions): Promise<string> {
  const started = startProcess(command, args, options);
  let stdout = '';
  started.child.stdout!.setEncoding('utf8');
  started.child.stdout!.on('data', (chunk: string) => {
    stdout += chunk;
  });
  await started.done;
  return stdout;
}
