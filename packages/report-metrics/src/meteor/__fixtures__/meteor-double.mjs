// Test double for the Meteor jar's -stdio protocol (ours, not Meteor code). For each
// "SCORE ||| ref... ||| hyp" line it prints "<hypWords> <refWords> <segments>"; for
// "EVAL ||| s1 ||| ... ||| sN" it prints N per-sample numbers (hypWords/10) and one corpus line (N).
// Modes (argv[2]): ok, die (exit 3 after stderr on the first SCORE), hang (never reply),
// garbage (non-numeric EVAL reply), log (append every received line to argv[3]).
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
const mode = process.argv[2] ?? 'ok';
const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (mode === 'log') appendFileSync(process.argv[3], line + '\n');
  if (mode === 'hang') continue;
  const parts = line.split(' ||| ');
  if (parts[0] === 'SCORE') {
    if (mode === 'die') {
      process.stderr.write('Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n');
      process.exit(3);
    }
    const hyp = parts[parts.length - 1].split(' ').filter(Boolean).length;
    const ref = parts[1].split(' ').filter(Boolean).length;
    process.stdout.write(`${hyp} ${ref} ${parts.length}\n`);
  } else if (parts[0] === 'EVAL') {
    const stats = parts.slice(1);
    for (const s of stats) process.stdout.write(mode === 'garbage' ? '\n' : `${Number(s.split(' ')[0]) / 10}\n`);
    process.stdout.write(`${stats.length}\n`);
  } else {
    process.stderr.write(`unknown command: ${parts[0]}\n`);
  }
}
