import { definePlugin, type ComponentDescriptor, type Exporter } from '@hyperspec/core';
import { TfjsExporter } from './tfjs-exporter.js';

export { TfjsExporter, tfjsModelOf } from './tfjs-exporter.js';

const tfjsExporter: ComponentDescriptor<Exporter> = {
  kind: 'exporter',
  type: 'tfjs',
  description: 'TensorFlow.js layers model (a directory: model.json, weights.bin), preprocessing documented beside it',
  schema: { $id: 'hyperspec:exporter/tfjs', type: 'object', properties: {}, additionalProperties: false },
  create: () => new TfjsExporter(),
};

export default definePlugin('@hyperspec/export-tfjs', [tfjsExporter]);
