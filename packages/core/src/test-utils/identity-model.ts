// Test-only: a hand-encoded ONNX model with one Identity node per dtype (`x_<dtype>` -> `y_<dtype>`,
// rank unknown), so ORT round-trips can run through a real session. Minimal protobuf writer.

const ELEM_TYPE = { float32: 1, uint8: 2, int8: 3, int32: 6, int64: 7, bool: 9, float16: 10, float64: 11 } as const;
export type IdentityDtype = keyof typeof ELEM_TYPE;

const utf8 = new TextEncoder();

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

const fieldVarint = (field: number, v: number): number[] => [...varint(field << 3), ...varint(v)];
const fieldBytes = (field: number, bytes: readonly number[] | Uint8Array): number[] => [
  ...varint((field << 3) | 2),
  ...varint(bytes.length),
  ...bytes,
];
const fieldString = (field: number, s: string): number[] => fieldBytes(field, utf8.encode(s));

function valueInfo(name: string, elemType: number): number[] {
  const tensorType = fieldVarint(1, elemType); // TypeProto.Tensor.elem_type, no shape
  const typeProto = fieldBytes(1, tensorType); // TypeProto.tensor_type
  return [...fieldString(1, name), ...fieldBytes(2, typeProto)];
}

/** ONNX bytes of a model mapping `x_<dtype>` to `y_<dtype>` through Identity for each dtype. */
export function identityModel(dtypes: readonly IdentityDtype[]): Uint8Array {
  const graph: number[] = [];
  for (const d of dtypes) {
    graph.push(...fieldBytes(1, [...fieldString(1, `x_${d}`), ...fieldString(2, `y_${d}`), ...fieldString(4, 'Identity')]));
  }
  graph.push(...fieldString(2, 'identity'));
  for (const d of dtypes) graph.push(...fieldBytes(11, valueInfo(`x_${d}`, ELEM_TYPE[d])));
  for (const d of dtypes) graph.push(...fieldBytes(12, valueInfo(`y_${d}`, ELEM_TYPE[d])));
  const opset = [...fieldString(1, ''), ...fieldVarint(2, 17)];
  return Uint8Array.from([...fieldVarint(1, 8), ...fieldBytes(7, graph), ...fieldBytes(8, opset)]);
}
