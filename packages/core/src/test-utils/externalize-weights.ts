// Test-only: moves the raw_data of a model's large initializers to an external data file, the
// way Optimum externalises weights above 2 GB (TensorProto.external_data + data_location).
import { iterateFields } from '../onnx/proto-reader.js';
import { concatBytes, ProtoWriter } from '../onnx/proto-writer.js';

function copyField(w: ProtoWriter, bytes: Uint8Array, f: { field: number; wireType: number; start: number; end: number; value: number }): void {
  if (f.wireType === 2) w.bytes(f.field, bytes.subarray(f.start, f.end));
  else if (f.wireType === 0) w.varint(f.field, f.value);
  else throw new Error(`externalizeWeights: unsupported wire type ${f.wireType} for field ${f.field}`);
}

/** Returns the rewritten model and the external data for `location` (initializers ≥ `minBytes`). */
export function externalizeWeights(model: Uint8Array, location: string, minBytes = 64): { model: Uint8Array; data: Uint8Array } {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const rewriteTensor = (bytes: Uint8Array, start: number, end: number): Uint8Array => {
    const fields = [...iterateFields(bytes, start, end, 'TensorProto')];
    const raw = fields.find((f) => f.field === 9);
    if (!raw || raw.end - raw.start < minBytes) return bytes.slice(start, end);
    const w = new ProtoWriter();
    for (const f of fields) if (f.field !== 9) copyField(w, bytes, f);
    const length = raw.end - raw.start;
    chunks.push(bytes.slice(raw.start, raw.end));
    for (const [k, v] of [
      ['location', location],
      ['offset', String(offset)],
      ['length', String(length)],
    ] as const) {
      w.bytes(13, new ProtoWriter().string(1, k).string(2, v).finish());
    }
    w.varint(14, 1); // data_location = EXTERNAL
    offset += length;
    return w.finish();
  };
  const rewriteGraph = (bytes: Uint8Array, start: number, end: number): Uint8Array => {
    const w = new ProtoWriter();
    for (const f of iterateFields(bytes, start, end, 'GraphProto')) {
      if (f.field === 5) w.bytes(5, rewriteTensor(bytes, f.start, f.end));
      else copyField(w, bytes, f);
    }
    return w.finish();
  };
  const w = new ProtoWriter();
  for (const f of iterateFields(model, 0, model.byteLength, 'ModelProto')) {
    if (f.field === 7) w.bytes(7, rewriteGraph(model, f.start, f.end));
    else copyField(w, model, f);
  }
  return { model: w.finish(), data: concatBytes(chunks) };
}
