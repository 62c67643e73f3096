// `npm run bench` in packages/core: every core benchmark, each side by side with its baseline in
// this one process. Tables go to stdout; JSON and SVG charts to bench/results/.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportClientOverhead, runClientOverheadBench } from './client-overhead.js';
import { reportDecode, runDecodeBench } from './decode-throughput.js';
import { reportEncodeBatch, runEncodeBatchBench } from './encode-batch.js';
import { reportDecodeVsBase, runDecodeVsBaseBench } from './decode-vs-base.js';
import { reportDecodeSpeed, runDecodeSpeedBench } from './decode-speed.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), 'results');
const decode = await runDecodeBench();
if (decode) console.log(reportDecode(decode, outDir));
// core vs a bare session.run loop vs transformers.js, separate processes, three model sizes
// (BENCH_SIZES=stories260K for the quick one).
const speed = await runDecodeSpeedBench();
if (speed) console.log(`\n${reportDecodeSpeed(speed, outDir)}`);
console.log('');
console.log(reportClientOverhead(await runClientOverheadBench(), outDir));
console.log('');
console.log(reportEncodeBatch(await runEncodeBatchBench(), outDir));
// Against a base git ref (builds it in a worktree): only when asked, e.g. BENCH_BASE_REF=main.
if (process.env.BENCH_BASE_REF) {
  const vsBase = await runDecodeVsBaseBench();
  if (vsBase) console.log(`\n${reportDecodeVsBase(vsBase, outDir)}`);
}
