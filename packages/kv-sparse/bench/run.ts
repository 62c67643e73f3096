// `npm run bench`: every suite, results written next to this file (bench/results/).
import { fileURLToPath } from 'node:url';
import { runBench } from '../src/bench/run-bench.js';

const quick = process.argv.includes('--quick');
await runBench('all', fileURLToPath(new URL('./results/', import.meta.url)), (s) => console.log(s), quick);
