export type { DType, DataTypeMap, Tensor, TensorData } from './tensor.js';
export { sizeOf, tensor } from './create-tensor.js';
