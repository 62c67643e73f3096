// Test-only helpers (not exported): stories260K as probe models on onnxruntime-node and -web.
import { Llama2cReferenceModel, parseLlama2cCheckpoint, parseLlama2cTokenizer, setOrtRuntime, type OrtModule } from '@reasonkit/core';
import { locateReferenceModel } from '@reasonkit/core/testing/node';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { createLlama2cProbeModel } from '../model/llama2c-probe-model.js';
import type { ProbeModel } from '../model/probe-model.js';

export const ref = locateReferenceModel();
export const haveStories = ref.available;
export const skipMessage = ref.skipMessage;
if (!haveStories) console.warn(`knowledge-probe: ${skipMessage} (needs ../shared/models/stories260K.bin)`);

setOrtRuntime(ortNode as unknown as OrtModule);

export const RUNTIMES = { node: ortNode as unknown as OrtModule, web: ortWeb as unknown as OrtModule } as const;
export type RuntimeName = keyof typeof RUNTIMES;

const cache = new Map<string, Promise<ProbeModel>>();
/** stories260K as a probe model on one runtime (one per runtime per test file). */
export function storiesProbe(runtime: RuntimeName = 'node', attentions = true): Promise<ProbeModel> {
  const key = `${runtime}:${attentions}`;
  let m = cache.get(key);
  if (!m) {
    m = createLlama2cProbeModel({ checkpoint: ref.readCheckpoint(), tokenizer: ref.readTokenizer(), id: 'stories260K', ort: RUNTIMES[runtime], threads: 1, attentions });
    cache.set(key, m);
  }
  return m;
}

/** The TS reference model and tokenizer (an independent oracle for the ONNX path). */
export function storiesReference(): { model: Llama2cReferenceModel; tokenizer: ReturnType<typeof parseLlama2cTokenizer> } {
  const ck = parseLlama2cCheckpoint(ref.readCheckpoint());
  return { model: new Llama2cReferenceModel(ck), tokenizer: parseLlama2cTokenizer(ref.readTokenizer(), ck.config.vocabSize) };
}

export const P1 = 'Once upon a time';
export const P2 = 'Once upon a time, there was a little girl named';
