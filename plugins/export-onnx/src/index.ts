import { definePlugin, type ComponentDescriptor, type Exporter } from '@hyperspec/core';
import { OnnxExporter } from './onnx-exporter.js';

export { OnnxExporter, onnxModelOf, ONNX_OPSET } from './onnx-exporter.js';

const onnxExporter: ComponentDescriptor<Exporter> = {
  kind: 'exporter',
  type: 'onnx',
  description: 'ONNX (opset 13): one file, preprocessing inside the graph, input "input", output "probabilities" or "prediction"',
  schema: { $id: 'hyperspec:exporter/onnx', type: 'object', properties: {}, additionalProperties: false },
  create: () => new OnnxExporter(),
};

export default definePlugin('@hyperspec/export-onnx', [onnxExporter]);
