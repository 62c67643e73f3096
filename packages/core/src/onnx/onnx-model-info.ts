import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { DType } from '../tensor/tensor.js';
import { expectWireType, fieldString, iterateFields, type ProtoField } from './proto-reader.js';
import { WireType } from './proto-writer.js';

/** Element types as named by core (`DType`) plus the other ONNX types, so callers can reject them. */
export type OnnxElemType =
  | DType
  | 'uint16'
  | 'int16'
  | 'uint32'
  | 'uint64'
  | 'float64'
  | 'string'
  | 'complex64'
  | 'complex128'
  | 'bfloat16'
  | 'float8e4m3fn'
  | 'float8e4m3fnuz'
  | 'float8e5m2'
  | 'float8e5m2fnuz'
  | 'uint4'
  | 'int4'
  | 'float4e2m1'
  | 'undefined'
  | `onnx-type-${number}`;

const ELEM_TYPES: Record<number, OnnxElemType> = {
  0: 'undefined',
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
  23: 'float4e2m1',
};

/** Name of an ONNX `TensorProto.DataType` code. */
export function onnxElemTypeName(code: number): OnnxElemType {
  return ELEM_TYPES[code] ?? `onnx-type-${code}`;
}

/**
 * A graph input or output. `elemType` is undefined when the value info carries no tensor type
 * (e.g. a name-only output added by `exposeOutputs`); `dims` is undefined when the shape is
 * unknown; an individual dimension with neither value nor name reads as `'?'`.
 */
export interface OnnxValueInfo {
  name: string;
  elemType: OnnxElemType | undefined;
  dims: (number | string)[] | undefined;
}

/** Summary of an ONNX model file (inputs, outputs, opsets, metadata). */
export interface OnnxModelInfo {
  irVersion: number;
  producerName: string;
  opsetImports: { domain: string; version: number }[];
  graphName: string;
  /** Graph inputs that are not initializers (what a runtime must feed). */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  initializerNames: string[];
  nodeCount: number;
  /** `ModelProto.metadata_props`. */
  metadata: Record<string, string>;
}

/** Location of `ModelProto.graph` (field 7) in a model's bytes. */
export interface GraphLocation {
  tagStart: number;
  start: number;
  end: number;
}

/** Finds `ModelProto.graph` (field 7); throws `ONNX_INVALID` when absent or malformed. */
export function locateGraph(bytes: Uint8Array): GraphLocation {
  let found: ProtoField | undefined;
  for (const f of iterateFields(bytes, 0, bytes.byteLength, 'ModelProto')) {
    if (f.field === 7) {
      expectWireType(f, WireType.LEN, 'ModelProto.graph');
      if (found !== undefined) {
        throw new ReasonkitError('ONNX_INVALID', `ONNX protobuf: ModelProto has a second graph field (7) at byte ${f.tagStart}`, {
          field: 'ModelProto.graph',
          record: f.tagStart,
        });
      }
      found = f;
    }
  }
  if (found === undefined) {
    throw new ReasonkitError('ONNX_INVALID', `ONNX protobuf: ModelProto (${bytes.byteLength} bytes) has no graph field (7)`, {
      field: 'ModelProto.graph',
    });
  }
  return { tagStart: found.tagStart, start: found.start, end: found.end };
}

function readDims(bytes: Uint8Array, shape: ProtoField, context: string): (number | string)[] {
  const dims: (number | string)[] = [];
  for (const d of iterateFields(bytes, shape.start, shape.end, `${context}.shape`)) {
    if (d.field !== 1) continue;
    let dim: number | string = '?';
    for (const f of iterateFields(bytes, d.start, d.end, `${context}.shape.dim`)) {
      if (f.field === 1 && f.wireType === WireType.VARINT) dim = f.value;
      else if (f.field === 2 && f.wireType === WireType.LEN) dim = fieldString(bytes, f);
    }
    dims.push(dim);
  }
  return dims;
}

/** Reads a `ValueInfoProto`. */
export function readValueInfo(bytes: Uint8Array, v: ProtoField, context: string): OnnxValueInfo {
  let name = '';
  let elemType: OnnxElemType | undefined;
  let dims: (number | string)[] | undefined;
  for (const f of iterateFields(bytes, v.start, v.end, context)) {
    if (f.field === 1) {
      expectWireType(f, WireType.LEN, `${context}.name`);
      name = fieldString(bytes, f);
    } else if (f.field === 2) {
      expectWireType(f, WireType.LEN, `${context}.type`);
      for (const t of iterateFields(bytes, f.start, f.end, `${context}.type`)) {
        if (t.field !== 1 || t.wireType !== WireType.LEN) continue; // only tensor_type
        for (const tt of iterateFields(bytes, t.start, t.end, `${context}.type.tensor_type`)) {
          if (tt.field === 1 && tt.wireType === WireType.VARINT) elemType = onnxElemTypeName(tt.value);
          else if (tt.field === 2 && tt.wireType === WireType.LEN) dims = readDims(bytes, tt, `${context}.type.tensor_type`);
        }
      }
    }
  }
  return { name, elemType, dims };
}

/** Names of `NodeProto.output` (field 2) entries of one node. */
function nodeOutputs(bytes: Uint8Array, n: ProtoField, context: string): string[] {
  const out: string[] = [];
  for (const f of iterateFields(bytes, n.start, n.end, context)) {
    if (f.field === 2) {
      expectWireType(f, WireType.LEN, `${context}.output`);
      out.push(fieldString(bytes, f));
    }
  }
  return out;
}

function tensorName(bytes: Uint8Array, t: ProtoField, context: string): string {
  let name = '';
  for (const f of iterateFields(bytes, t.start, t.end, context)) {
    if (f.field === 8 && f.wireType === WireType.LEN) name = fieldString(bytes, f);
  }
  return name;
}

interface GraphScan {
  graphName: string;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  initializerNames: string[];
  nodeOutputNames: string[];
  nodeCount: number;
}

function scanGraph(bytes: Uint8Array, graph: GraphLocation, withNodeOutputs: boolean): GraphScan {
  const scan: GraphScan = { graphName: '', inputs: [], outputs: [], initializerNames: [], nodeOutputNames: [], nodeCount: 0 };
  for (const f of iterateFields(bytes, graph.start, graph.end, 'ModelProto.graph')) {
    switch (f.field) {
      case 1:
        expectWireType(f, WireType.LEN, 'GraphProto.node');
        if (withNodeOutputs) scan.nodeOutputNames.push(...nodeOutputs(bytes, f, `GraphProto.node[${scan.nodeCount}]`));
        scan.nodeCount++;
        break;
      case 2:
        expectWireType(f, WireType.LEN, 'GraphProto.name');
        scan.graphName = fieldString(bytes, f);
        break;
      case 5:
        expectWireType(f, WireType.LEN, 'GraphProto.initializer');
        scan.initializerNames.push(tensorName(bytes, f, `GraphProto.initializer[${scan.initializerNames.length}]`));
        break;
      case 11:
        expectWireType(f, WireType.LEN, 'GraphProto.input');
        scan.inputs.push(readValueInfo(bytes, f, `GraphProto.input[${scan.inputs.length}]`));
        break;
      case 12:
        expectWireType(f, WireType.LEN, 'GraphProto.output');
        scan.outputs.push(readValueInfo(bytes, f, `GraphProto.output[${scan.outputs.length}]`));
        break;
      default:
        break;
    }
  }
  return scan;
}

/**
 * Reads a model's interface without a runtime: IR version, opset imports, graph inputs (minus
 * initializers) and outputs with element types and fixed/symbolic dims, initializer names and node
 * count. Malformed bytes throw `ONNX_INVALID` naming the message and byte offset.
 */
export function readOnnxModelInfo(bytes: Uint8Array): OnnxModelInfo {
  let irVersion = 0;
  let producerName = '';
  const opsetImports: { domain: string; version: number }[] = [];
  const metadata: Record<string, string> = {};
  for (const f of iterateFields(bytes, 0, bytes.byteLength, 'ModelProto')) {
    if (f.field === 1 && f.wireType === WireType.VARINT) irVersion = f.value;
    else if (f.field === 2 && f.wireType === WireType.LEN) producerName = fieldString(bytes, f);
    else if (f.field === 8) {
      expectWireType(f, WireType.LEN, 'ModelProto.opset_import');
      let domain = '';
      let version = 0;
      for (const o of iterateFields(bytes, f.start, f.end, 'ModelProto.opset_import')) {
        if (o.field === 1 && o.wireType === WireType.LEN) domain = fieldString(bytes, o);
        else if (o.field === 2 && o.wireType === WireType.VARINT) version = o.value;
      }
      opsetImports.push({ domain, version });
    } else if (f.field === 14 && f.wireType === WireType.LEN) {
      let key = '';
      let value = '';
      for (const e of iterateFields(bytes, f.start, f.end, 'ModelProto.metadata_props')) {
        if (e.field === 1 && e.wireType === WireType.LEN) key = fieldString(bytes, e);
        else if (e.field === 2 && e.wireType === WireType.LEN) value = fieldString(bytes, e);
      }
      metadata[key] = value;
    }
  }
  const scan = scanGraph(bytes, locateGraph(bytes), false);
  const inits = new Set(scan.initializerNames);
  return {
    irVersion,
    producerName,
    opsetImports,
    graphName: scan.graphName,
    inputs: scan.inputs.filter((i) => !inits.has(i.name)),
    outputs: scan.outputs,
    initializerNames: scan.initializerNames,
    nodeCount: scan.nodeCount,
    metadata,
  };
}

/**
 * Every value name of a model's main graph, for discovering what `exposeOutputs` can expose:
 * graph inputs, initializers, then every node output in node order (deduplicated; empty optional
 * output names skipped). Subgraphs (If/Loop bodies) are not descended into.
 */
export function listValueNames(bytes: Uint8Array): string[] {
  const scan = scanGraph(bytes, locateGraph(bytes), true);
  const names = new Set<string>();
  for (const n of [...scan.inputs.map((i) => i.name), ...scan.initializerNames, ...scan.nodeOutputNames]) {
    if (n !== '') names.add(n);
  }
  return [...names];
}

/** Graph output names plus node-output names (what ORT can return), used by `exposeOutputs`. */
export function scanGraphNames(bytes: Uint8Array): { outputs: string[]; values: string[]; graph: GraphLocation } {
  const graph = locateGraph(bytes);
  const scan = scanGraph(bytes, graph, true);
  const values = new Set<string>();
  for (const n of [...scan.inputs.map((i) => i.name), ...scan.initializerNames, ...scan.nodeOutputNames]) {
    if (n !== '') values.add(n);
  }
  return { outputs: scan.outputs.map((o) => o.name), values: [...values], graph };
}

