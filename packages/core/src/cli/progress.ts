import cliProgress from 'cli-progress';

export interface Progress {
  update(fraction: number, stage?: string): void;
  stop(): void;
}

/**
 * A progress display on stderr (never stdout, which carries results). A bar on a terminal; on a
 * pipe or in CI, one line per stage so logs stay readable. `quiet` silences it.
 */
export function createProgress(label: string, options: { quiet?: boolean; total?: number } = {}): Progress {
  if (options.quiet) return { update() {}, stop() {} };
  const total = options.total ?? 100;
  if (!process.stderr.isTTY) {
    let lastStage = '';
    return {
      update(fraction, stage) {
        if (stage && stage !== lastStage) {
          lastStage = stage;
          process.stderr.write(`${label}: ${stage}\n`);
        }
        void fraction;
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% {stage}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { stage: '' });
  return {
    update(fraction, stage) {
      bar.update(Math.round(fraction * total), { stage: stage ?? '' });
    },
    stop() {
      bar.stop();
    },
  };
}
