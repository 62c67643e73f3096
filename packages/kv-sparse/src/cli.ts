// kv-sparse-bench: runs the benchmark suites (Node only).
import { resolve } from 'node:path';
import { runBench, type Suite } from './bench/run-bench.js';

const SUITES: Suite[] = ['memory', 'error', 'throughput', 'quality', 'all'];
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: kv-sparse-bench [--suite ${SUITES.join('|')}] [--out DIR] [--quick]

Runs the @reasonkit/kv-sparse benchmarks and writes results.json, results.md and SVG charts to DIR
(default ./kv-sparse-bench-results). Model-level suites use ../shared/models/stories260K.bin when
present (REASONKIT_MODELS_DIR overrides) and skip otherwise.`);
  process.exit(0);
}
const value = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const suite = (value('--suite') ?? 'all') as Suite;
if (!SUITES.includes(suite)) {
  console.error(`kv-sparse-bench: error [INVALID_ARGUMENT]: --suite must be one of ${SUITES.join(', ')} (got ${suite})`);
  process.exit(2);
}
await runBench(suite, resolve(value('--out') ?? 'kv-sparse-bench-results'), (s) => console.log(s), args.includes('--quick'));
