/**
 * Minimal structural types for the parts of an ONNX Runtime module core's tensor layer touches.
 * Both `onnxruntime-node` and `onnxruntime-web` satisfy them, so the browser-safe root never
 * imports either package.
 */

/** ORT element type names core converts (a subset of ORT's `Tensor.Type`, same spelling). */
export type OrtTensorType = 'float32' | 'float16' | 'int8' | 'uint8' | 'bool' | 'int32' | 'int64';

/** The fields of an ORT tensor core reads. `data` is only valid when `location` is CPU. */
export interface OrtTensorLike {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
  readonly location?: string;
}

/** Constructor shape of `ort.Tensor` used by {@link toOrt}: `new ort.Tensor(type, data, dims)`. */
export type OrtTensorConstructorLike<T extends OrtTensorLike = OrtTensorLike> = new (
  type: OrtTensorType,
  data: Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array,
  dims: readonly number[],
) => T;

/** An ONNX Runtime module (`import * as ort from 'onnxruntime-node' | 'onnxruntime-web'`). */
export interface OrtModuleLike<T extends OrtTensorLike = OrtTensorLike> {
  readonly Tensor: OrtTensorConstructorLike<T>;
}
