import {
  closeMatches,
  concatBytes,
  encodeNode,
  encodeValueInfo,
  encodeVarint,
  fieldString,
  iterateFields,
  listValueNames,
  locateGraph,
  OnnxDataType,
  ProtoWriter,
} from '@reasonkit/core';
import { ProbeError } from '../errors/probe-error.js';

/** One tensor to make patchable: a site name (`resid.3`) and the graph tensor it names. */
export interface PatchSite {
  site: string;
  tensor: string;
  /** Size of the last axis (the hidden size). */
  width: number;
}

/** Graph input names of a patch site (spec §4.5). */
export function patchInputNames(site: string): { mask: string; value: string } {
  return { mask: `patch.${site}.mask`, value: `patch.${site}.value` };
}

const NODE = 1;
const NODE_INPUT = 1;
const NODE_OUTPUT = 2;
const GRAPH_INPUT = 11;

/**
 * Graph surgery (spec §4.5): for each site tensor X `[B, T, d]` adds the graph inputs
 * `patch.<site>.mask` `[B, T, 1]` and `patch.<site>.value` `[B, T, d]` and the nodes
 * `X' = X + mask · (value − X)` (`Sub`, `Mul`, `Add`) right after X's producer, and rewires every
 * other consumer of X (including graph outputs that are Identity copies of it) to X'. X itself
 * stays a value of the graph, so it can still be exposed as an output (the unpatched value).
 * Every other byte of the model (initializers, attributes, metadata) is copied unchanged; only
 * `NodeProto.input` strings that name a site are rewritten.
 *
 * A tensor that is not a value of the graph throws `unknown-site` naming it and close matches.
 */
export function makePatchable(modelBytes: Uint8Array, sites: readonly PatchSite[]): Uint8Array {
  if (sites.length === 0) return modelBytes;
  const values = listValueNames(modelBytes);
  const valueSet = new Set(values);
  const byTensor = new Map<string, PatchSite>();
  for (const s of sites) {
    if (!valueSet.has(s.tensor)) {
      const near = closeMatches(s.tensor, values);
      throw new ProbeError('unknown-site', `makePatchable: site ${s.site} names "${s.tensor}", which is not a value of the graph${near.length ? `; close matches: ${near.join(', ')}` : ''}`, {
        tensor: s.tensor,
        field: s.site,
      });
    }
    byTensor.set(s.tensor, s);
  }
  const patchedName = (tensor: string): string => `${tensor}/patched`;
  const graph = locateGraph(modelBytes);
  const chunks: Uint8Array[] = [];
  const emitted = new Set<string>();
  const emitPatch = (s: PatchSite): void => {
    const { mask, value } = patchInputNames(s.site);
    const base = `/knowledge_probe/patch/${s.site}`;
    const nodes = [
      encodeNode({ opType: 'Sub', inputs: [value, s.tensor], outputs: [`${base}/diff`], name: `${base}/Sub` }),
      encodeNode({ opType: 'Mul', inputs: [mask, `${base}/diff`], outputs: [`${base}/scaled`], name: `${base}/Mul` }),
      encodeNode({ opType: 'Add', inputs: [s.tensor, `${base}/scaled`], outputs: [patchedName(s.tensor)], name: `${base}/Add` }),
    ];
    for (const n of nodes) chunks.push(field(NODE, n));
    emitted.add(s.tensor);
  };
  for (const f of iterateFields(modelBytes, graph.start, graph.end, 'GraphProto')) {
    if (f.field !== NODE) {
      chunks.push(modelBytes.subarray(f.tagStart, f.end));
      continue;
    }
    // Rewrite inputs naming a site; note outputs producing one.
    const produced: PatchSite[] = [];
    let changed = false;
    const parts: Uint8Array[] = [];
    for (const nf of iterateFields(modelBytes, f.start, f.end, 'NodeProto')) {
      if (nf.field === NODE_INPUT) {
        const name = fieldString(modelBytes, nf);
        if (byTensor.has(name)) {
          parts.push(new ProtoWriter().string(NODE_INPUT, patchedName(name)).finish());
          changed = true;
          continue;
        }
      } else if (nf.field === NODE_OUTPUT) {
        const s = byTensor.get(fieldString(modelBytes, nf));
        if (s) produced.push(s);
      }
      parts.push(modelBytes.subarray(nf.tagStart, nf.end));
    }
    chunks.push(changed ? field(NODE, concatBytes(parts)) : modelBytes.subarray(f.tagStart, f.end));
    for (const s of produced) emitPatch(s);
  }
  // Sites that are graph inputs or initializers have no producer node: patch them up front.
  const front: Uint8Array[] = [];
  for (const s of sites) {
    if (emitted.has(s.tensor)) continue;
    const before = chunks.length;
    emitPatch(s);
    front.push(...chunks.splice(before));
  }
  for (const s of sites) {
    const { mask, value } = patchInputNames(s.site);
    chunks.push(field(GRAPH_INPUT, encodeValueInfo({ name: mask, elemType: OnnxDataType.FLOAT, dims: ['batch_size', 'sequence_length', 1] })));
    chunks.push(field(GRAPH_INPUT, encodeValueInfo({ name: value, elemType: OnnxDataType.FLOAT, dims: ['batch_size', 'sequence_length', s.width] })));
  }
  const body = concatBytes([...front, ...chunks]);
  return concatBytes([
    modelBytes.subarray(0, graph.tagStart),
    encodeVarint(7 * 8 + 2),
    encodeVarint(body.byteLength),
    body,
    modelBytes.subarray(graph.end),
  ]);
}

function field(number: number, payload: Uint8Array): Uint8Array {
  return concatBytes([encodeVarint(number * 8 + 2), encodeVarint(payload.byteLength), payload]);
}
