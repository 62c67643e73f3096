// `npx tsx bench/decode.ts`: the decode-throughput benchmark alone.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportDecode, runDecodeBench } from './decode-throughput.js';

const decode = await runDecodeBench();
if (decode) console.log(reportDecode(decode, join(dirname(fileURLToPath(import.meta.url)), 'results')));
