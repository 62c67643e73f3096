/** Element types core understands. `float16` is stored as raw IEEE half bits in a Uint16Array. */
export type DType = 'float32' | 'float16' | 'int8' | 'uint8' | 'bool' | 'int32' | 'int64';

/** Maps each tensor `DType` to the typed array that holds its data. */
export interface DataTypeMap {
  float32: Float32Array;
  float16: Uint16Array;
  int8: Int8Array;
  uint8: Uint8Array;
  bool: Uint8Array;
  int32: Int32Array;
  int64: BigInt64Array;
}

/** The typed array that holds a tensor of dtype `D`. */
export type TensorData<D extends DType = DType> = DataTypeMap[D];

/**
 * An ORT-independent, dtype-tagged dense tensor in row-major order. Invariant (checked by
 * `tensor()`): `data.length === product(dims)`. Views share `data` where possible.
 */
export interface Tensor<D extends DType = DType> {
  readonly dtype: D;
  readonly dims: readonly number[];
  readonly data: DataTypeMap[D];
}
