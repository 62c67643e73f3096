// The page: loads the testbed model from `model/` (served or copied by Vite from packages/testbed)
// with core's onnxruntime-web loader, then runs the problem typed in the form.
import { importOrtWeb, loadModelDir } from '@reasonkit/core/web';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { DEMO_DEFAULTS, type DemoEvent, runProblem } from './browser-pipeline.js';
import { denseKvBytes, formatBytes, type KvSnapshot } from './kv-memory.js';
import { parseProblem } from './parse-problem.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const setState = (state: 'loading' | 'ready' | 'running' | 'done' | 'error', text: string) => {
  document.body.dataset.state = state;
  $('status').textContent = text;
};

let fullScaleBytes = 1;
function showKv(kv: KvSnapshot): void {
  $('kv-tokens').textContent = String(kv.tokens);
  $('kv-dense').textContent = formatBytes(kv.denseBytes);
  $('kv-dense').dataset.bytes = String(kv.denseBytes);
  $('kv-cache').textContent = formatBytes(kv.cacheBytes);
  $('kv-cache').dataset.bytes = String(kv.cacheBytes);
  $('kv-saved').textContent = kv.denseBytes > 0 ? `${(100 * (1 - kv.cacheBytes / kv.denseBytes)).toFixed(1)}%` : '–';
  $('kv-state').textContent = kv.compressed ? `SparK r = ${DEMO_DEFAULTS.channelRatio}: ${kv.compressedTokens} tokens compressed, ${kv.tokens - kv.compressedTokens} dense` : 'dense';
  $('bar-dense').style.width = `${Math.min(100, (100 * kv.denseBytes) / fullScaleBytes)}%`;
  $('bar-cache').style.width = `${Math.min(100, (100 * kv.cacheBytes) / fullScaleBytes)}%`;
}

function reset(): void {
  for (const id of ['mode', 'pnothink', 'threshold-shown', 'answer']) $(id).textContent = '–';
  $('mode').className = 'mode';
  $('verdict').textContent = '';
  $('thoughts').textContent = '';
  $('thoughts').dataset.tokens = '0';
  showKv({ tokens: 0, denseBytes: 0, cacheBytes: 0, compressed: false, compressedTokens: 0 });
}

async function main(): Promise<void> {
  // core's lazy `import('onnxruntime-web')` (Vite aliases it to the WebAssembly-only build); ORT's
  // .wasm binary is emitted by Vite beside the bundle (no CDN), and one thread needs no
  // cross-origin isolation.
  const ort = await importOrtWeb();
  if (ort.env.wasm) ort.env.wasm.wasmPaths = { wasm: wasmUrl };
  const model = await loadModelDir(new URL('model/', document.baseURI).href, { ort, threads: 1 });
  const c = model.lm.config;
  fullScaleBytes = denseKvBytes(c.maxPositions, { layers: c.numLayers, kvHeads: c.numKvHeads, headDim: c.headDim });
  $<HTMLInputElement>('threshold').value = String(DEMO_DEFAULTS.threshold);
  const run = $<HTMLButtonElement>('run');
  run.disabled = false;
  setState('ready', 'model loaded (onnxruntime-web, WebAssembly)');

  $<HTMLFormElement>('form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const parsed = parseProblem($<HTMLInputElement>('problem').value);
    if ('error' in parsed) {
      setState('error', parsed.error);
      return;
    }
    const threshold = Number($<HTMLInputElement>('threshold').value);
    if (!(threshold >= 0 && threshold <= 1)) {
      setState('error', 'the threshold must be a number in [0, 1]');
      return;
    }
    reset();
    run.disabled = true;
    setState('running', 'running…');
    let streamed = '';
    let tokens = 0;
    const onEvent = (e: DemoEvent) => {
      if (e.type === 'decision') {
        $('mode').textContent = e.mode === 'think' ? 'Thinking' : 'NoThinking';
        $('mode').className = `mode ${e.mode}`;
        $('pnothink').textContent = e.pNoThink.toFixed(4);
        $('threshold-shown').textContent = String(e.threshold);
      } else if (e.type === 'token') {
        tokens += 1;
        $('thoughts').dataset.tokens = String(tokens);
        streamed += e.textDelta;
        const close = streamed.indexOf('</think>');
        $('thoughts').textContent = close < 0 ? streamed : streamed.slice(0, close);
        showKv(e.kv);
      } else if (e.type === 'compressed') {
        showKv(e.kv);
      }
    };
    const t0 = performance.now();
    runProblem(model, parsed.problem, { threshold }, onEvent)
      .then((r) => {
        if (r.mode === 'nothink') $('thoughts').textContent = '(no thoughts: answered directly after the fake thought)';
        $('answer').textContent = r.answer ?? JSON.stringify(r.text.trim());
        $('verdict').textContent = r.correct ? `correct (${r.expected})` : `wrong: the sum is ${r.expected}`;
        $('verdict').className = r.correct ? 'ok' : 'bad';
        showKv(r.kv);
        setState('done', `done in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${r.generatedTokens} generated tokens`);
      })
      .catch((error: unknown) => setState('error', `failed: ${(error as Error).message}`))
      .finally(() => {
        run.disabled = false;
      });
  });
}

main().catch((error: unknown) => setState('error', `could not load the model: ${(error as Error).message}`));
