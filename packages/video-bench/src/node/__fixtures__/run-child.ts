// Child process of the crash/resume test: runs the §11.8 records against the fake server with
// concurrency 1 and, after `crashAfter` rows, leaves a torn partial line and dies by SIGKILL.
import { appendFileSync } from 'node:fs';
import { createOpenAICompatible } from '@reasonkit/core';
import { spec118 } from '../../scoring/__fixtures__/spec-11-8.js';
import { runBench } from '../run-bench.js';

const [out, videosDir, baseURL, crashAfter] = process.argv.slice(2) as [string, string, string, string];
const records = (await spec118()).records.map((r) => ({ ...r, video: 'grey.mp4' }));
await runBench({
  records,
  videosDir,
  out,
  frames: 8,
  concurrency: 1,
  model: createOpenAICompatible({ baseURL, model: 'fake-vision', maxRetries: 0 }),
  onProgress(p) {
    if (p.written === Number(crashAfter)) {
      appendFileSync(out, `{"id":"${crashAfter}","question_idx":${crashAfter},"video":"v${crashAfter}.mp4","mo`);
      process.kill(process.pid, 'SIGKILL');
    }
  },
});
process.stdout.write('finished\n');
