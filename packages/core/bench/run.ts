// `npm run bench` in packages/core: every core benchmark, side by side with its baseline.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportDecode, runDecodeBench } from './decode-throughput.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), 'results');
const decode = await runDecodeBench();
if (decode) console.log(reportDecode(decode, outDir));
