import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Attribute = number | number[] | string;

/**
 * Collects the nodes and constant tensors (initializers) of an ONNX graph, naming every intermediate
 * value uniquely. Attribute values: an integer → INT, a non-integer → FLOAT, a list of integers → INTS,
 * a string → STRING; `floats` names attributes to store as FLOAT even when integral (alpha, epsilon).
 */
export class GraphBuilder {
  readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private counter = 0;

  /** A fresh value name with a readable prefix. */
  name(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** Adds a float32 constant and returns its name. */
  floats(prefix: string, values: ArrayLike<number>, dims: readonly number[]): string {
    const name = this.name(prefix);
    this.initializers.push(onnx.TensorProto.create({ name, dataType: onnx.TensorProto.DataType.FLOAT, dims: [...dims], floatData: Array.from(values, Math.fround) }));
    return name;
  }

  /** Adds an int64 constant (shapes, slice bounds) and returns its name. */
  ints(prefix: string, values: readonly number[]): string {
    const name = this.name(prefix);
    this.initializers.push(onnx.TensorProto.create({ name, dataType: onnx.TensorProto.DataType.INT64, dims: [values.length], int64Data: [...values] }));
    return name;
  }

  /** Adds a node with one output and returns the output's name. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, Attribute> = {}, floatAttributes: readonly string[] = []): string {
    const output = this.name(opType.toLowerCase());
    this.nodes.push(onnx.NodeProto.create({
      opType,
      name: `${opType}_${this.nodes.length}`,
      input: [...inputs],
      output: [output],
      attribute: Object.entries(attributes).map(([name, v]) => attribute(name, v, floatAttributes.includes(name))),
    }));
    return output;
  }

  /** Renames the last node's output (so the graph's output has the promised name). */
  nameLastOutput(name: string): void {
    const last = this.nodes[this.nodes.length - 1];
    last.output = [name];
  }
}

function attribute(name: string, v: Attribute, asFloat: boolean) {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'string') return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(v) });
  if (Array.isArray(v)) return onnx.AttributeProto.create({ name, type: T.INTS, ints: v });
  if (asFloat || !Number.isInteger(v)) return onnx.AttributeProto.create({ name, type: T.FLOAT, f: v });
  return onnx.AttributeProto.create({ name, type: T.INT, i: v });
}
