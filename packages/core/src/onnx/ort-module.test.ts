import * as ortNode from 'onnxruntime-node';
import { afterEach, describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { type OrtModule, ortFlavor, resolveOrt, setOrtRuntime } from './ort-module.js';

const node = ortNode as unknown as OrtModule;
const key = Symbol.for('onnxruntime');

afterEach(() => {
  setOrtRuntime(undefined);
  delete (globalThis as Record<symbol, unknown>)[key];
});

describe('resolveOrt', () => {
  it('fails with a pointer to the node/web entry points when nothing is set', () => {
    try {
      resolveOrt();
      expect.unreachable();
    } catch (e) {
      expect(ReasonkitError.is(e, 'RUNTIME_UNAVAILABLE')).toBe(true);
      expect((e as Error).message).toContain('@reasonkit/core/node');
      expect((e as Error).message).toContain('@reasonkit/core/web');
    }
  });

  it('explicit beats global beats setOrtRuntime', () => {
    const fake = { Tensor: function T() {}, InferenceSession: { create: async () => ({}) }, env: {} } as unknown as OrtModule;
    setOrtRuntime(fake);
    expect(resolveOrt()).toBe(fake);
    (globalThis as Record<symbol, unknown>)[key] = node;
    expect(resolveOrt()).toBe(node);
    expect(resolveOrt(fake)).toBe(fake);
  });

  it('rejects non-modules and detects the flavour', () => {
    expect(() => resolveOrt({} as OrtModule)).toThrow(/onnxruntime module/);
    expect(ortFlavor(node)).toBe('node');
  });
});
