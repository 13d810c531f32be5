import { HyperspecError, type ExportSource, type Exporter } from '@hyperspec/core';
import { atomicWriteFile } from '@hyperspec/core/run';
import onnxProto from 'onnx-proto';
import { GraphBuilder } from './graph-builder.js';
import { layerNodes } from './layer-nodes.js';
import { preprocessingNodes } from './preprocessing-nodes.js';

const { onnx } = onnxProto;

/** The opset the graphs use: every operator here has had its current form since opset 13. */
export const ONNX_OPSET = 13;

function tensorType(shape: readonly (number | string)[]) {
  return onnx.TypeProto.create({
    tensorType: {
      elemType: onnx.TensorProto.DataType.FLOAT,
      shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  });
}

/**
 * The ONNX model of a bundle: one float32 input `input` [N, ...raw_shape] taking the same raw values as
 * `hyperspec predict` (the fitted preprocessing is in the graph), the layers, and one output —
 * `probabilities` [N, classes] for classification (softmax, or [1 − σ, σ] for a binary logit) or
 * `prediction` [N, outputs] for regression. Built with onnx-proto's generated protobuf classes.
 */
export function onnxModelOf(source: ExportSource): Uint8Array {
  const { bundle, arrays } = source;
  const g = new GraphBuilder();
  const rawShape = bundle.preprocessing?.raw_shape ?? bundle.input_shape;
  let x = bundle.preprocessing ? preprocessingNodes(g, 'input', bundle.preprocessing, bundle.input_shape) : 'input';
  let shape: readonly number[] = bundle.input_shape;
  bundle.layers.forEach((layer, i) => {
    x = layerNodes(g, x, layer, shape, (name) => {
      const a = arrays[`${i}.${name}`] ?? arrays[`buffer:${i}.${name}`];
      if (!a) throw new HyperspecError('data', `ONNX export: the parameters of ${source.dir} have no "${i}.${name}" for layer ${i} (${layer.type})`);
      return a;
    }, i);
    shape = layer.output_shape;
  });
  const { activation, size } = bundle.output;
  const classification = bundle.task === 'classification';
  let outputName = classification ? 'probabilities' : 'prediction';
  let outputWidth = size;
  if (activation === 'softmax') x = g.op('Softmax', [x], { axis: -1 });
  else if (activation === 'sigmoid' && classification && size === 1) {
    const p = g.op('Sigmoid', [x]);
    x = g.op('Concat', [g.op('Sub', [g.floats('one', [1], []), p]), p], { axis: 1 });
    outputWidth = 2;
  } else if (activation === 'sigmoid') {
    x = g.op('Sigmoid', [x]);
    outputName = 'prediction';
  } else x = g.op('Identity', [x]);
  g.nameLastOutput(outputName);

  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'hyperspec',
    producerVersion: '0.1.0',
    docString: `${bundle.name}: ${bundle.task}; input: raw samples [N, ${rawShape.join(', ')}] (preprocessing in the graph); output: ${outputName}${bundle.labels ? ` over ${JSON.stringify(bundle.labels)}` : ''}`,
    graph: {
      name: bundle.name,
      node: g.nodes,
      initializer: g.initializers,
      input: [{ name: 'input', type: tensorType(['N', ...rawShape]) }],
      output: [{ name: outputName, type: tensorType(['N', outputWidth]) }],
    },
    metadataProps: [
      { key: 'labels', value: JSON.stringify(bundle.labels ?? null) },
      { key: 'parameters_epoch', value: String(bundle.parameters.epoch) },
    ],
  });
  return onnx.ModelProto.encode(model).finish();
}

/** `hyperspec export --format onnx`. */
export class OnnxExporter implements Exporter {
  async export(source: ExportSource, out: string): Promise<string[]> {
    const bytes = onnxModelOf(source);
    atomicWriteFile(out, bytes);
    return [out];
  }
}
