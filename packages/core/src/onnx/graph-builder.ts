import { ReasonkitError } from '../errors/reasonkit-error.js';
import {
  encodeModel,
  floatTensor,
  int64Tensor,
  type AttributeData,
  type DimData,
  type NodeData,
  type OnnxDataTypeCode,
  type TensorProtoData,
  type ValueInfoData,
} from './proto-writer.js';

/** Attribute values accepted by `GraphBuilder.op`; the ONNX attribute type is inferred. */
export type AttributeValue = number | bigint | string | readonly number[] | TensorProtoData | { float: number };

/** Options of one operator added with the graph builder. */
export interface OpOptions {
  /** Node name; default `<scope>/<OpType>_<n>`. */
  name?: string;
  /** Output names; default `<nodeName>_output_<k>` for `outputCount` outputs (1). */
  outputs?: readonly string[];
  outputCount?: number;
  domain?: string;
}

/** Options for turning a built graph into an ONNX model. */
export interface ToModelOptions {
  /** Default opset of the `''` (ai.onnx) domain; default 17 (our choice). */
  opset?: number;
  /** Default 8 (ONNX 1.10+, accepted by ORT 1.30; our choice). */
  irVersion?: number;
  /** Opsets of other domains the graph uses, e.g. `{ 'com.microsoft': 1 }` for ONNX Runtime's contrib ops. */
  domainOpsets?: Readonly<Record<string, number>>;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  metadata?: Readonly<Record<string, string>>;
}

/**
 * A small DSL for building ONNX graphs:
 *
 * ```ts
 * const g = new GraphBuilder('tiny');
 * const x = g.input('x', OnnxDataType.FLOAT, ['batch_size', 4]);
 * const w = g.initializer(floatTensor('w', data, [4, 2]));
 * g.output(g.op('MatMul', [x, w], {}, { outputs: ['y'] }), OnnxDataType.FLOAT, ['batch_size', 2]);
 * const bytes = g.toModel({ opset: 17, irVersion: 8 });
 * ```
 *
 * Integer attribute values are written as INT, non-integers as FLOAT (`{ float: 1 }` forces a
 * float), arrays as INTS when all integers else FLOATS. `withScope(prefix, fn)` names nodes
 * `<prefix>/<OpType>_<n>` and their outputs `<node>_output_0`, like exporter-generated names.
 */
export class GraphBuilder {
  readonly name: string;
  private readonly nodes: NodeData[] = [];
  private readonly initializers: TensorProtoData[] = [];
  private readonly inputs: ValueInfoData[] = [];
  private readonly outputs: ValueInfoData[] = [];
  private readonly names = new Set<string>();
  private readonly opCounters = new Map<string, number>();
  private readonly constCache = new Map<string, string>();
  private scope = '';

  constructor(name = 'graph') {
    this.name = name;
  }

  private claim(name: string): string {
    if (this.names.has(name)) {
      throw new ReasonkitError('INVALID_ARGUMENT', `GraphBuilder: value name "${name}" is already defined`, { tensor: name });
    }
    this.names.add(name);
    return name;
  }

  /** Declares a graph input and returns its name. */
  input(name: string, elemType: OnnxDataTypeCode, dims: readonly DimData[]): string {
    this.inputs.push({ name: this.claim(name), elemType, dims });
    return name;
  }

  /** Declares a graph output (an existing value). Without `elemType`, ORT infers type and shape. */
  output(name: string, elemType?: OnnxDataTypeCode, dims?: readonly DimData[]): string {
    if (!this.names.has(name)) {
      throw new ReasonkitError('INVALID_ARGUMENT', `GraphBuilder: output "${name}" is not a defined value`, { tensor: name });
    }
    const v: ValueInfoData = { name };
    this.outputs.push(elemType === undefined ? v : dims === undefined ? { name, elemType } : { name, elemType, dims });
    return name;
  }

  /** Adds an initializer (it must have a name) and returns its name. */
  initializer(tensor: TensorProtoData): string {
    if (tensor.name === undefined) throw new ReasonkitError('INVALID_ARGUMENT', 'GraphBuilder: initializer without a name');
    this.claim(tensor.name);
    this.initializers.push(tensor);
    return tensor.name;
  }

  /** A float32 initializer. */
  floatInit(name: string, data: ArrayLike<number>, dims: readonly number[]): string {
    return this.initializer(floatTensor(name, data, dims));
  }

  /** A shared int64 constant (deduplicated by value); a scalar when `dims` is `[]`. */
  constInt64(values: readonly (number | bigint)[], dims: readonly number[] = [values.length]): string {
    const key = `i64:${dims.join('x')}:${values.join(',')}`;
    const cached = this.constCache.get(key);
    if (cached !== undefined) return cached;
    const name = this.claim(`/const/int64_${dims.length === 0 ? 'scalar_' : ''}${values.join('_').replace(/-/g, 'm')}`);
    this.initializers.push(int64Tensor(name, values, dims));
    this.constCache.set(key, name);
    return name;
  }

  /** A shared float32 constant (deduplicated by value); a scalar when `dims` is `[]`. */
  constFloat(values: readonly number[], dims: readonly number[] = []): string {
    const key = `f32:${dims.join('x')}:${values.join(',')}`;
    const cached = this.constCache.get(key);
    if (cached !== undefined) return cached;
    const name = this.claim(`/const/float_${this.constCache.size}`);
    this.initializers.push(floatTensor(name, values, dims));
    this.constCache.set(key, name);
    return name;
  }

  /** Runs `fn` with node names prefixed by `prefix` (e.g. `/model/layers.3/attn`). */
  withScope<T>(prefix: string, fn: () => T): T {
    const saved = this.scope;
    this.scope = prefix;
    try {
      return fn();
    } finally {
      this.scope = saved;
    }
  }

  /** Adds a node and returns its first output name. */
  op(opType: string, inputs: readonly string[], attrs: Readonly<Record<string, AttributeValue>> = {}, options: OpOptions = {}): string {
    return this.opMulti(opType, inputs, attrs, options)[0]!;
  }

  /** Adds a node and returns all its output names. */
  opMulti(
    opType: string,
    inputs: readonly string[],
    attrs: Readonly<Record<string, AttributeValue>> = {},
    options: OpOptions = {},
  ): string[] {
    for (const i of inputs) {
      if (i !== '' && !this.names.has(i)) {
        throw new ReasonkitError('INVALID_ARGUMENT', `GraphBuilder: ${opType} input "${i}" is not a defined value`, { tensor: i });
      }
    }
    const n = (this.opCounters.get(`${this.scope}|${opType}`) ?? 0) + 1;
    this.opCounters.set(`${this.scope}|${opType}`, n);
    const nodeName = options.name ?? `${this.scope}/${opType}${n === 1 ? '' : `_${n - 1}`}`;
    const outputs =
      options.outputs ?? Array.from({ length: options.outputCount ?? 1 }, (_, k) => `${nodeName}_output_${k}`);
    for (const o of outputs) if (o !== '') this.claim(o); // '' = an optional output left out
    const attributes = Object.entries(attrs).map(([name, value]) => toAttribute(name, value));
    const node: NodeData = { opType, inputs, outputs, name: nodeName, attributes };
    this.nodes.push(options.domain === undefined ? node : { ...node, domain: options.domain });
    return [...outputs];
  }

  /** Serialises the graph as an ONNX `ModelProto`. */
  toModel(options: ToModelOptions = {}): Uint8Array {
    return encodeModel({
      irVersion: options.irVersion ?? 8,
      opsetImports: [
        { domain: '', version: options.opset ?? 17 },
        ...Object.entries(options.domainOpsets ?? {}).map(([domain, version]) => ({ domain, version })),
      ],
      producerName: options.producerName ?? 'reasonkit',
      ...(options.producerVersion !== undefined ? { producerVersion: options.producerVersion } : {}),
      ...(options.docString !== undefined ? { docString: options.docString } : {}),
      ...(options.metadata !== undefined ? { metadata: options.metadata } : {}),
      graph: {
        name: this.name,
        nodes: this.nodes,
        initializers: this.initializers,
        inputs: this.inputs,
        outputs: this.outputs,
      },
    });
  }
}

function toAttribute(name: string, value: AttributeValue): AttributeData {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { name, type: 'int', value } : { name, type: 'float', value };
  }
  if (typeof value === 'bigint') return { name, type: 'int', value };
  if (typeof value === 'string') return { name, type: 'string', value };
  if (Array.isArray(value)) {
    const nums = value as readonly number[];
    return nums.every((v) => Number.isInteger(v)) ? { name, type: 'ints', value: nums } : { name, type: 'floats', value: nums };
  }
  if ('float' in value) return { name, type: 'float', value: value.float };
  return { name, type: 'tensor', value: value as TensorProtoData };
}


