/**
 * A minimal protobuf encoder and typed builders for the ONNX messages core writes (spec core §6).
 * Zero dependencies and browser-safe: field numbers come from `onnx.proto` (ONNX IR 8).
 */

/** Protobuf wire types. */
export const WireType = { VARINT: 0, I64: 1, LEN: 2, I32: 5 } as const;

/** ONNX `TensorProto.DataType` values. */
export const OnnxDataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
} as const;
/** An ONNX `TensorProto.DataType` code. */
export type OnnxDataTypeCode = number;

/** ONNX `AttributeProto.AttributeType` values. */
export const OnnxAttributeType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
} as const;

const textEncoder = new TextEncoder();

/** Bytes of a varint; negative numbers are written as 64-bit two's complement (10 bytes). */
export function encodeVarint(value: number | bigint): Uint8Array {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new RangeError(`varint: ${value} is not an integer`);
    if (value >= 0 && value < 2 ** 31) {
      const out: number[] = [];
      let v = value;
      while (v >= 0x80) {
        out.push((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      out.push(v);
      return Uint8Array.from(out);
    }
    value = BigInt(value);
  }
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}

/** Concatenates byte chunks. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const c of chunks) total += c.byteLength;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Appends protobuf fields to a growing list of chunks; `finish()` returns the message bytes. */
export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];

  private tag(field: number, wireType: number): void {
    this.chunks.push(encodeVarint(field * 8 + wireType));
  }

  /** int32/int64/uint64/bool/enum field (varint). */
  varint(field: number, value: number | bigint | boolean): this {
    this.tag(field, WireType.VARINT);
    this.chunks.push(encodeVarint(typeof value === 'boolean' ? (value ? 1 : 0) : value));
    return this;
  }

  /** float field (fixed32, little-endian). */
  float(field: number, value: number): this {
    this.tag(field, WireType.I32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.chunks.push(b);
    return this;
  }

  /** bytes / embedded message field (length-delimited). */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WireType.LEN);
    this.chunks.push(encodeVarint(value.byteLength), value);
    return this;
  }

  /** string field (UTF-8, length-delimited). */
  string(field: number, value: string): this {
    return this.bytes(field, textEncoder.encode(value));
  }

  /** Packed repeated varints. */
  packedVarints(field: number, values: Iterable<number | bigint>): this {
    const parts: Uint8Array[] = [];
    for (const v of values) parts.push(encodeVarint(v));
    return this.bytes(field, concatBytes(parts));
  }

  /** Packed repeated floats (fixed32). */
  packedFloats(field: number, values: ArrayLike<number>): this {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
    return this.bytes(field, b);
  }

  /** Returns the bytes written so far. */
  finish(): Uint8Array {
    return concatBytes(this.chunks);
  }
}

// ---------------------------------------------------------------------------------------------
// Typed ONNX messages as plain data.

/** `TensorProto`. Floats go to `rawData` (little-endian); small int64 constants to `int64Data`. */
export interface TensorProtoData {
  name?: string;
  dataType: OnnxDataTypeCode;
  dims: readonly number[];
  rawData?: Uint8Array;
  floatData?: ArrayLike<number>;
  int32Data?: ArrayLike<number>;
  int64Data?: readonly (number | bigint)[] | BigInt64Array;
}

/** An ONNX node attribute value to serialise. */
export type AttributeData =
  | { name: string; type: 'float'; value: number }
  | { name: string; type: 'int'; value: number | bigint }
  | { name: string; type: 'string'; value: string | Uint8Array }
  | { name: string; type: 'tensor'; value: TensorProtoData }
  | { name: string; type: 'floats'; value: readonly number[] }
  | { name: string; type: 'ints'; value: readonly (number | bigint)[] };

/** One ONNX graph node to serialise. */
export interface NodeData {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  domain?: string;
  attributes?: readonly AttributeData[];
}

/** A dimension: a fixed size (`dim_value`) or a symbolic name (`dim_param`). */
export type DimData = number | string;

/**
 * `ValueInfoProto`. Without `elemType` only the name is written (what `exposeOutputs` appends; ORT
 * infers type and shape). Without `dims` the shape is left unknown (any rank).
 */
export interface ValueInfoData {
  name: string;
  elemType?: OnnxDataTypeCode;
  dims?: readonly DimData[];
  docString?: string;
}

/** An ONNX graph to serialise (nodes, initialisers, inputs and outputs). */
export interface GraphData {
  name: string;
  nodes: readonly NodeData[];
  initializers: readonly TensorProtoData[];
  inputs: readonly ValueInfoData[];
  outputs: readonly ValueInfoData[];
  valueInfo?: readonly ValueInfoData[];
  docString?: string;
}

/** An ONNX opset import (domain and version). */
export interface OpsetImportData {
  domain: string;
  version: number;
}

/** An ONNX model to serialise (graph, opsets, metadata). */
export interface ModelData {
  irVersion: number;
  opsetImports: readonly OpsetImportData[];
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  graph: GraphData;
  /** `ModelProto.metadata_props` (key/value strings). */
  metadata?: Readonly<Record<string, string>>;
}

/** Encodes a `TensorProto`. */
export function encodeTensor(t: TensorProtoData): Uint8Array {
  const w = new ProtoWriter();
  for (const d of t.dims) w.varint(1, d); // dims (unpacked, as proto2 declares it)
  w.varint(2, t.dataType);
  if (t.floatData !== undefined) w.packedFloats(4, t.floatData);
  if (t.int32Data !== undefined) w.packedVarints(5, Array.from(t.int32Data));
  if (t.int64Data !== undefined) w.packedVarints(7, t.int64Data as Iterable<number | bigint>);
  if (t.name !== undefined) w.string(8, t.name);
  if (t.rawData !== undefined) w.bytes(9, t.rawData);
  return w.finish();
}

/** Encodes an `AttributeProto` (with its `type` field, required since IR 4). */
export function encodeAttribute(a: AttributeData): Uint8Array {
  const w = new ProtoWriter().string(1, a.name);
  switch (a.type) {
    case 'float':
      w.float(2, a.value).varint(20, OnnxAttributeType.FLOAT);
      break;
    case 'int':
      w.varint(3, a.value).varint(20, OnnxAttributeType.INT);
      break;
    case 'string':
      w.bytes(4, typeof a.value === 'string' ? textEncoder.encode(a.value) : a.value).varint(20, OnnxAttributeType.STRING);
      break;
    case 'tensor':
      w.bytes(5, encodeTensor(a.value)).varint(20, OnnxAttributeType.TENSOR);
      break;
    case 'floats':
      for (const f of a.value) w.float(7, f);
      w.varint(20, OnnxAttributeType.FLOATS);
      break;
    case 'ints':
      for (const i of a.value) w.varint(8, i);
      w.varint(20, OnnxAttributeType.INTS);
      break;
  }
  return w.finish();
}

/** Encodes a `NodeProto`. */
export function encodeNode(n: NodeData): Uint8Array {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name !== undefined) w.string(3, n.name);
  w.string(4, n.opType);
  for (const a of n.attributes ?? []) w.bytes(5, encodeAttribute(a));
  if (n.domain !== undefined && n.domain !== '') w.string(7, n.domain);
  return w.finish();
}

/** Encodes a `ValueInfoProto` (`TypeProto.tensor_type` with an optional `TensorShapeProto`). */
export function encodeValueInfo(v: ValueInfoData): Uint8Array {
  const w = new ProtoWriter().string(1, v.name);
  if (v.elemType !== undefined) {
    const tensorType = new ProtoWriter().varint(1, v.elemType);
    if (v.dims !== undefined) {
      const shape = new ProtoWriter();
      for (const d of v.dims) {
        const dim = new ProtoWriter();
        if (typeof d === 'number') dim.varint(1, d);
        else dim.string(2, d);
        shape.bytes(1, dim.finish());
      }
      tensorType.bytes(2, shape.finish());
    }
    w.bytes(2, new ProtoWriter().bytes(1, tensorType.finish()).finish());
  }
  if (v.docString !== undefined) w.string(3, v.docString);
  return w.finish();
}

/** Encodes a `GraphProto`. */
export function encodeGraph(g: GraphData): Uint8Array {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.bytes(1, encodeNode(n));
  w.string(2, g.name);
  for (const t of g.initializers) w.bytes(5, encodeTensor(t));
  if (g.docString !== undefined) w.string(10, g.docString);
  for (const v of g.inputs) w.bytes(11, encodeValueInfo(v));
  for (const v of g.outputs) w.bytes(12, encodeValueInfo(v));
  for (const v of g.valueInfo ?? []) w.bytes(13, encodeValueInfo(v));
  return w.finish();
}

/** Encodes a `ModelProto`. */
export function encodeModel(m: ModelData): Uint8Array {
  const w = new ProtoWriter().varint(1, m.irVersion);
  if (m.producerName !== undefined) w.string(2, m.producerName);
  if (m.producerVersion !== undefined) w.string(3, m.producerVersion);
  if (m.docString !== undefined) w.string(6, m.docString);
  w.bytes(7, encodeGraph(m.graph));
  for (const o of m.opsetImports) {
    const op = new ProtoWriter();
    if (o.domain !== '') op.string(1, o.domain);
    op.varint(2, o.version);
    w.bytes(8, op.finish());
  }
  for (const [key, value] of Object.entries(m.metadata ?? {})) {
    w.bytes(14, new ProtoWriter().string(1, key).string(2, value).finish());
  }
  return w.finish();
}

// ---------------------------------------------------------------------------------------------
// Tensor helpers.

/** A float32 `TensorProto` with little-endian `raw_data`. */
export function floatTensor(name: string, data: ArrayLike<number>, dims: readonly number[]): TensorProtoData {
  const raw = new Uint8Array(data.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return { name, dataType: OnnxDataType.FLOAT, dims, rawData: raw };
}

/** An int64 `TensorProto` with `int64_data` (for small constants such as shapes and axes). */
export function int64Tensor(name: string, data: readonly (number | bigint)[], dims: readonly number[]): TensorProtoData {
  return { name, dataType: OnnxDataType.INT64, dims, int64Data: data };
}
