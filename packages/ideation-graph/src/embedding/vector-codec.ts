import { IdeationGraphError } from '../errors/ideation-graph-error.js';

/** Stored vector encodings (spec §9.2): float32, or int8 with a per-vector scale max|v| / 127. */
export type VectorCodec = 'f32' | 'int8';

/** Encodes a vector for storage: raw float32, or int8 with a per-vector scale max|v| / 127 (spec §9.2). */
export function encodeVector(v: Float32Array, codec: VectorCodec): Uint8Array {
  if (codec === 'f32') return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  const scale = max / 127 || 1;
  const out = new Uint8Array(4 + v.length);
  new DataView(out.buffer).setFloat32(0, scale, true);
  for (let i = 0; i < v.length; i++) out[4 + i] = Math.round((v[i] as number) / scale) & 0xff;
  return out;
}

/** Decodes a stored vector (`f32` or `int8`), checking its byte length against `dim` (`EMBEDDING_MISMATCH`). */
export function decodeVector(bytes: Uint8Array, codec: VectorCodec, dim: number, record = ''): Float32Array {
  if (codec === 'f32') {
    if (bytes.byteLength !== dim * 4) throw new IdeationGraphError('EMBEDDING_MISMATCH', `stored vector ${record} has ${bytes.byteLength} bytes, expected ${dim * 4}`, { record, field: 'vec' });
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  if (bytes.byteLength !== dim + 4) throw new IdeationGraphError('EMBEDDING_MISMATCH', `stored int8 vector ${record} has ${bytes.byteLength} bytes, expected ${dim + 4}`, { record, field: 'vec' });
  const scale = new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i++) {
    const b = bytes[4 + i] as number;
    out[i] = (b > 127 ? b - 256 : b) * scale;
  }
  return out;
}
