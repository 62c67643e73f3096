// @reasonkit/knowledge-probe in one file: load the llama2.c reference model (stories260K) as a
// probe model, list the methods it can run, run Logit Lens and a causal trace (ROME's
// corrupt-and-restore) on one sentence, and write results.json + report.html + SVG charts.
// Offline: reads ../shared/models/stories260K.bin and tok512.bin (skips with a message if absent).
// Run: npm start -w @reasonkit/example-knowledge-probe
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDefaultRegistry } from '@reasonkit/knowledge-probe';
import { loadLlama2cProbeModel, writeReport } from '@reasonkit/knowledge-probe/node';

// the worktree's sibling folder `shared` (repo root/../shared)
export const modelsDir = fileURLToPath(new URL('../../../shared/models/', import.meta.url));
const checkpoint = join(modelsDir, 'stories260K.bin');
const tokenizer = join(modelsDir, 'tok512.bin');
export const haveReferenceModel = () => existsSync(checkpoint) && existsSync(tokenizer);

export async function run(options: { out?: string; log?: (line: string) => void; signal?: AbortSignal } = {}) {
  const log = options.log ?? console.log;
  if (!haveReferenceModel()) {
    log(`knowledge-probe example: ${checkpoint} or tok512.bin missing (../shared/models); skipping`);
    return undefined;
  }
  const model = await loadLlama2cProbeModel(checkpoint, tokenizer, { threads: 1 });
  try {
    const registry = createDefaultRegistry();
    const sample = { prompt: 'Once upon a time, there was a little girl named', triple_subject: 'little girl' };
    const offered = registry.offered({ keys: ['prompt', 'triple_subject'], model });
    log(`Offered, cheapest first: ${offered.map((o) => o.method).join(', ')}`);
    const lens = await registry.run('Logit Lens', sample, model, { finalNorm: 'knowmri' }, options.signal ? { signal: options.signal } : {});
    const trace = await registry.run('CausalTracing', sample, model, { corruption: 'zeros', window: 2 }, {
      onProgress: (done, total) => { if (done === total) log(`CausalTracing: ${total} restorations`); },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const raw = trace.raw as { answer: { text: string }; pClean: number; pLow: number; tokens: string[]; state?: number[][] };
    log(`Answer ${JSON.stringify(raw.answer.text)}: p_clean ${raw.pClean.toFixed(4)}, p_low (subject zeroed) ${raw.pLow.toFixed(4)}`);
    const out = options.out ?? join(tmpdir(), 'reasonkit-example-knowledge-probe');
    await writeReport(out, [lens, trace]);
    log(`Wrote ${join(out, 'report.html')}`);
    return { offered, lens, trace: raw, out };
  } finally {
    await model.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
