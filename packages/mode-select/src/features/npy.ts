import { ModeSelectError } from '../errors/mode-select-error.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * A row-major float32 matrix as NPY v1.0 bytes (`<f4`, C order): magic, version 1.0, a little-endian
 * u16 header length, then the header dict padded with spaces and a final `\n` so that the data
 * starts at a multiple of 64 bytes (the NumPy format spec).
 */
export function encodeNpy(data: Float32Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (shape.some((s) => !Number.isInteger(s) || s < 0) || count !== data.length) {
    throw new ModeSelectError('config', `encodeNpy: shape [${shape.join(', ')}] does not match ${data.length} values`, { field: 'shape' });
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
  const headerLen = dict.length + 1 + ((64 - (unpadded % 64)) % 64);
  const header = dict.padEnd(headerLen - 1, ' ') + '\n';
  const out = new Uint8Array(10 + headerLen + data.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, headerLen, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, 10 + headerLen);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return out;
}

/** Reads NPY v1.0 `<f4` C-order bytes (what `encodeNpy` and `numpy.save` of a float32 array write). */
export function decodeNpy(bytes: Uint8Array, file = 'array.npy'): { data: Float32Array; shape: number[] } {
  const bad = (why: string) => new ModeSelectError('config', `${file}: not a float32 NPY v1.0 file (${why})`, { file });
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw bad('bad magic');
  if (bytes[6] !== 1 || bytes[7] !== 0) throw bad(`version ${bytes[6]}.${bytes[7]}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = dv.getUint16(8, true);
  const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLen));
  if (!/'descr':\s*'<f4'/.test(header)) throw bad('descr is not <f4');
  if (!/'fortran_order':\s*False/.test(header)) throw bad('fortran_order is not False');
  const m = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!m) throw bad('no shape');
  const shape = m[1]!.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = 10 + headerLen;
  if (bytes.length - start !== count * 4) throw bad(`${bytes.length - start} data bytes for shape [${shape.join(', ')}]`);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = dv.getFloat32(start + i * 4, true);
  return { data, shape };
}
