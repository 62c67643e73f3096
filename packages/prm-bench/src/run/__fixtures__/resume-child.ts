// Child process of the resume test: runs the fixture benchmark into a JSONL cache until killed.
import { jsonlCache } from '../../node/jsonl-cache.js';
import { runBenchmark } from '../run-benchmark.js';
import { resumeItems, resumeScorer } from './resume-fixture.js';

const file = process.argv[2]!;
await runBenchmark({ items: resumeItems(), scorer: resumeScorer(25), cache: jsonlCache(file), concurrency: 2 });
process.stdout.write('finished\n');
