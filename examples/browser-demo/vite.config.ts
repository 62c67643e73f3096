// Vite config of the browser demo. The page is built from the workspace packages' sources (the
// `@reasonkit/source` export condition, as the tests use), and the testbed model directory
// (`packages/testbed/model`, committed) is served at `model/` by the dev and preview servers and
// copied into the build: no model file is duplicated in the repository.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { defaultClientConditions, defineConfig, type Connect, type Plugin } from 'vite';

/** Where the testbed model directory lives (resolved through the workspace package, not a path guess). */
export const testbedModelDir = join(dirname(createRequire(import.meta.url).resolve('@reasonkit/testbed/package.json')), 'model');

/** The files of a model directory the page fetches (core's web `loadModelDir`). */
export const MODEL_FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'] as const;

const MIME: Record<string, string> = { '.json': 'application/json', '.onnx': 'application/octet-stream' };

function serveModel(): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = (req.url ?? '').split('?')[0]!;
    const m = /^\/(?:.*\/)?model\/(.+)$/.exec(url);
    const rel = m ? normalize(decodeURIComponent(m[1]!)) : undefined;
    if (!rel || !(MODEL_FILES as readonly string[]).includes(rel.split(sep).join('/'))) return next();
    const file = join(testbedModelDir, rel);
    res.setHeader('Content-Type', MIME[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(statSync(file).size));
    createReadStream(file).pipe(res);
  };
}

/** Serves `model/*` from the testbed package in dev and preview, and emits it into the build. */
function testbedModel(): Plugin {
  return {
    name: 'reasonkit-testbed-model',
    configureServer(server) {
      server.middlewares.use(serveModel());
    },
    generateBundle() {
      for (const f of MODEL_FILES) this.emitFile({ type: 'asset', fileName: `model/${f}`, source: new Uint8Array(readFileSync(join(testbedModelDir, f))) });
    },
  };
}

export default defineConfig({
  // relative asset URLs: the built page works from any folder or sub-path
  base: './',
  plugins: [testbedModel()],
  resolve: {
    conditions: ['@reasonkit/source', ...defaultClientConditions],
    // core's web loader imports `onnxruntime-web` (its default bundle includes WebGPU); the demo
    // needs only the WebAssembly backend, whose single .wasm file the page points ORT at.
    alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' }],
  },
  // pre-bundling would move ORT away from its .wasm file in dev
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048, reportCompressedSize: false },
});
