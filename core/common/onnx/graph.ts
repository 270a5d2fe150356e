// A small builder for an ONNX graph: nodes with typed attributes, constant tensors as
// initializers, fresh value names, and the typed inputs and outputs.
import {
  AttributeType,
  DataType,
  type AttributeMessage,
  type DataTypeCode,
  type NodeMessage,
  type TensorMessage,
  type ValueInfoMessage,
} from './proto.js';

export const ML_DOMAIN = 'ai.onnx.ml';

/** An attribute value: its ONNX type is chosen by the helpers below. */
export type Attr =
  | { float: number }
  | { int: number }
  | { string: string }
  | { floats: ArrayLike<number> }
  | { ints: ArrayLike<number> }
  | { strings: readonly string[] }
  | { tensor: TensorMessage };

/** UTF-8 bytes of a string (core/common has no TextEncoder type: it is a DOM/Node global). */
function utf8Bytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

function toAttribute(name: string, a: Attr): AttributeMessage {
  if ('float' in a) return { name, type: AttributeType.FLOAT, f: a.float };
  if ('int' in a) return { name, type: AttributeType.INT, i: a.int };
  if ('string' in a) return { name, type: AttributeType.STRING, s: utf8Bytes(a.string) };
  if ('floats' in a) return { name, type: AttributeType.FLOATS, floats: Array.from(a.floats) };
  if ('ints' in a) return { name, type: AttributeType.INTS, ints: Array.from(a.ints) };
  if ('strings' in a)
    return { name, type: AttributeType.STRINGS, strings: a.strings.map((s) => utf8Bytes(s)) };
  return { name, type: AttributeType.TENSOR, t: a.tensor };
}

/** Little-endian bytes of a typed array (ONNX raw_data is little-endian on every host). */
function littleEndian(
  values: ArrayLike<number>,
  type: 'float' | 'double' | 'int64' | 'bool',
): Uint8Array {
  const width = type === 'bool' ? 1 : type === 'float' ? 4 : 8;
  const out = new Uint8Array(values.length * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (type === 'float') view.setFloat32(i * 4, v, true);
    else if (type === 'double') view.setFloat64(i * 8, v, true);
    else if (type === 'int64') view.setBigInt64(i * 8, BigInt(v), true);
    else view.setUint8(i, v ? 1 : 0);
  }
  return out;
}

const TYPE_CODE = {
  float: DataType.FLOAT,
  double: DataType.DOUBLE,
  int64: DataType.INT64,
  bool: DataType.BOOL,
} as const;

export type NumericType = keyof typeof TYPE_CODE;

/** A constant tensor message (name filled in by the graph). */
export function tensor(
  type: NumericType,
  dims: readonly number[],
  values: ArrayLike<number>,
  name = '',
): TensorMessage {
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== values.length)
    throw new RangeError(`tensor ${name}: ${values.length} values for shape [${dims.join(', ')}]`);
  return { name, dims: [...dims], dataType: TYPE_CODE[type], rawData: littleEndian(values, type) };
}

export function stringTensor(dims: readonly number[], values: readonly string[]): TensorMessage {
  return {
    name: '',
    dims: [...dims],
    dataType: DataType.STRING,
    stringData: values.map((s) => utf8Bytes(s)),
  };
}

export class GraphBuilder {
  readonly nodes: NodeMessage[] = [];
  readonly initializers: TensorMessage[] = [];
  readonly inputs: ValueInfoMessage[] = [];
  readonly outputs: ValueInfoMessage[] = [];
  private readonly used = new Set<string>();

  /** A value name not used yet, based on `hint`. */
  fresh(hint: string): string {
    let name = hint;
    for (let k = 1; this.used.has(name); k++) name = `${hint}_${k}`;
    this.used.add(name);
    return name;
  }

  /** Adds a node; returns its output names (one fresh name per `outputs` hint). */
  node(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, Attr> = {},
    opts: { domain?: string; outputs?: readonly string[] } = {},
  ): string[] {
    const outputs = (opts.outputs ?? [opType.toLowerCase()]).map((h) => this.fresh(h));
    this.nodes.push({
      name: this.fresh(`node_${opType}`),
      opType,
      domain: opts.domain ?? '',
      input: [...inputs],
      output: outputs,
      attribute: Object.entries(attrs).map(([k, v]) => toAttribute(k, v)),
    });
    return outputs;
  }

  /** One-output node, its output name. */
  op(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, Attr> = {},
    domain?: string,
  ): string {
    return this.node(opType, inputs, attrs, domain ? { domain } : {})[0]!;
  }

  /** A constant initializer; returns its name. */
  constant(hint: string, t: TensorMessage): string {
    const name = this.fresh(hint);
    this.initializers.push({ ...t, name });
    return name;
  }

  /** A double constant of shape `dims`. */
  doubles(hint: string, dims: readonly number[], values: ArrayLike<number>): string {
    return this.constant(hint, tensor('double', dims, values));
  }

  int64s(hint: string, dims: readonly number[], values: ArrayLike<number>): string {
    return this.constant(hint, tensor('int64', dims, values));
  }

  /** A graph input or output with a dynamic first dimension N. */
  declare(
    list: 'inputs' | 'outputs',
    name: string,
    elemType: DataTypeCode,
    width: number,
    doc?: string,
  ): void {
    this.used.add(name);
    this[list].push({
      name,
      type: {
        tensorType: { elemType, shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] } },
      },
      ...(doc ? { docString: doc } : {}),
    });
  }

  /** Copies `value` to the graph output `name` (Identity), then declares the output. */
  output(name: string, value: string, elemType: DataTypeCode, width: number, doc?: string): void {
    if (this.used.has(name))
      throw new Error(`the ONNX output name ${JSON.stringify(name)} is taken by an input column`);
    this.node('Identity', [value], {}, { outputs: [name] });
    this.declare('outputs', name, elemType, width, doc);
  }
}
