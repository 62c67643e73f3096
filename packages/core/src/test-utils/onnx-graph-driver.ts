// Test-only helper (not exported): drives a §5.2 decoder graph directly on ORT-node or ORT-web,
// one thread, so graph tests do not depend on the runtime adapter.
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';

export type OrtFlavor = 'node' | 'web';

export interface PlainTensor {
  data: Float32Array;
  dims: number[];
}

export interface DriverSession {
  flavor: OrtFlavor;
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, { type: 'int64' | 'float32'; data: BigInt64Array | Float32Array; dims: number[] }>, outputs?: string[]): Promise<Record<string, PlainTensor>>;
  release(): Promise<void>;
}

export async function createDriverSession(flavor: OrtFlavor, model: Uint8Array): Promise<DriverSession> {
  if (flavor === 'node') {
    const s = await ortNode.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    return wrap(flavor, s, (t, d, dims) => new ortNode.Tensor(t, d, dims));
  }
  ortWeb.env.wasm.numThreads = 1;
  ortWeb.env.wasm.proxy = false;
  const s = await ortWeb.InferenceSession.create(model, { executionProviders: ['wasm'] });
  return wrap(flavor, s, (t, d, dims) => new ortWeb.Tensor(t, d, dims));
}

type AnySession = ortNode.InferenceSession | ortWeb.InferenceSession;

function wrap(
  flavor: OrtFlavor,
  s: AnySession,
  make: (type: 'int64' | 'float32', data: BigInt64Array | Float32Array, dims: number[]) => unknown,
): DriverSession {
  return {
    flavor,
    inputNames: s.inputNames,
    outputNames: s.outputNames,
    async run(feeds, outputs) {
      const ortFeeds: Record<string, unknown> = {};
      for (const [name, f] of Object.entries(feeds)) ortFeeds[name] = make(f.type, f.data, f.dims);
      const result = (await (outputs
        ? (s.run as (f: unknown, o: string[]) => Promise<unknown>)(ortFeeds, outputs)
        : (s.run as (f: unknown) => Promise<unknown>)(ortFeeds))) as Record<string, { data: unknown; dims: readonly number[] }>;
      const out: Record<string, PlainTensor> = {};
      for (const [name, t] of Object.entries(result)) {
        out[name] = { data: new Float32Array(t.data as Float32Array), dims: [...t.dims] };
      }
      return out;
    },
    release: () => s.release(),
  };
}

export interface DecoderState {
  past: Record<string, PlainTensor>;
  /** Attention mask so far (cache length). */
  mask: number[];
  nextPosition: number;
}

/** An empty past `[1, kvHeads, 0, headDim]` for `layers` layers. */
export function emptyDecoderState(layers: number, kvHeads: number, headDim: number): DecoderState {
  const past: Record<string, PlainTensor> = {};
  for (let l = 0; l < layers; l++) {
    for (const kind of ['key', 'value']) past[`past_key_values.${l}.${kind}`] = { data: new Float32Array(0), dims: [1, kvHeads, 0, headDim] };
  }
  return { past, mask: [], nextPosition: 0 };
}

const i64 = (xs: readonly number[]): BigInt64Array => BigInt64Array.from(xs.map((x) => BigInt(x)));

/**
 * Feeds `ids` (batch 1) after `state`, with positions continuing from `state.nextPosition` unless
 * given, and returns all outputs plus the next state (present → past, mask extended with ones).
 */
export async function decoderStep(
  session: DriverSession,
  state: DecoderState,
  ids: readonly number[],
  positions?: readonly number[],
): Promise<{ outputs: Record<string, PlainTensor>; state: DecoderState }> {
  const pos = positions ?? ids.map((_, i) => state.nextPosition + i);
  const mask = [...state.mask, ...ids.map(() => 1)];
  const feeds: Parameters<DriverSession['run']>[0] = {
    input_ids: { type: 'int64', data: i64(ids), dims: [1, ids.length] },
    attention_mask: { type: 'int64', data: i64(mask), dims: [1, mask.length] },
  };
  if (session.inputNames.includes('position_ids')) feeds.position_ids = { type: 'int64', data: i64(pos), dims: [1, ids.length] };
  for (const [name, t] of Object.entries(state.past)) feeds[name] = { type: 'float32', data: t.data, dims: t.dims };
  const outputs = await session.run(feeds);
  const past: Record<string, PlainTensor> = {};
  for (const name of Object.keys(state.past)) past[name] = outputs[name.replace('past_key_values.', 'present.')]!;
  return { outputs, state: { past, mask, nextPosition: pos[pos.length - 1]! + 1 } };
}

export { maxAbsDiff } from './max-abs-diff.js';

/** Row `row` of a `[1, S, V]`-shaped logits tensor. */
export function logitsRow(t: PlainTensor, row: number): Float32Array {
  const v = t.dims[t.dims.length - 1]!;
  return t.data.subarray(row * v, (row + 1) * v);
}

/** Argmax with ties to the lowest index. */
export function argmax(xs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[best]!) best = i;
  return best;
}
