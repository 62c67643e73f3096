import { describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy } from './npy.js';

describe('NPY v1.0 float32', () => {
  it('writes the magic, version 1.0, a <f4 C-order header padded to 64 bytes, then little-endian data', () => {
    const data = Float32Array.from([1, -2.5, 0.1, 3e-8, 65504, -0]);
    const bytes = encodeNpy(data, [2, 3]);
    expect([...bytes.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLen = bytes[8]! | (bytes[9]! << 8);
    expect((10 + headerLen) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLen));
    // hand-written expectation: the dict numpy writes, space padding, newline last
    expect(header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    expect(header.endsWith('\n')).toBe(true);
    expect(bytes.length).toBe(10 + headerLen + 24);
    // 1.0f = 0x3f800000 little-endian
    expect([...bytes.subarray(10 + headerLen, 14 + headerLen)]).toEqual([0x00, 0x00, 0x80, 0x3f]);
  });

  it('reads back what it writes, including 1-D and empty shapes', () => {
    const data = Float32Array.from({ length: 35 }, (_, i) => Math.fround(Math.sin(i) * 100));
    expect(decodeNpy(encodeNpy(data, [5, 7]))).toEqual({ data, shape: [5, 7] });
    expect(decodeNpy(encodeNpy(data, [35]))).toEqual({ data, shape: [35] });
    expect(new TextDecoder().decode(encodeNpy(data, [35]).subarray(10, 80))).toContain("'shape': (35,)");
    expect(decodeNpy(encodeNpy(new Float32Array(0), [0, 4]))).toEqual({ data: new Float32Array(0), shape: [0, 4] });
  });

  it('rejects a shape that does not match and files that are not float32 NPY v1.0', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow(/does not match 5 values/);
    const good = encodeNpy(new Float32Array(6), [2, 3]);
    const wrongMagic = good.slice();
    wrongMagic[1] = 0;
    expect(() => decodeNpy(wrongMagic, 'x.npy')).toThrow(/x\.npy: not a float32 NPY v1\.0 file \(bad magic\)/);
    const f8 = good.slice();
    f8.set(new TextEncoder().encode("'<f8'"), 10 + 9);
    expect(() => decodeNpy(f8)).toThrow(/descr is not <f4/);
    expect(() => decodeNpy(good.subarray(0, good.length - 4))).toThrow(/20 data bytes/);
  });
});
