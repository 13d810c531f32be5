import { type ModelBundle } from '@hyperspec/core/bundle';
import { type PreprocessingStep } from '@hyperspec/core/data';

function numbers(v: number | number[]): string {
  return typeof v === 'number' ? String(v) : `the ${v.length} per-feature values in preprocessing.json`;
}

function describeStep(s: PreprocessingStep, i: number): string {
  switch (s.op) {
    case 'affine':
      return `${i + 1}. affine: x = (x - subtract) / divide, subtract = ${numbers(s.subtract)}, divide = ${numbers(s.divide)}`;
    case 'one_hot':
      return `${i + 1}. one_hot: columns ${s.columns.map((c) => `${c.column} (${c.categories} categories)`).join(', ')} hold a category index and become that many 0/1 columns; other columns pass through in order`;
    case 'binarize':
      return `${i + 1}. binarize: x = 1 where x > 0, else 0`;
    case 'l2_normalize':
      return `${i + 1}. l2_normalize: each sample divided by its Euclidean length (a zero sample stays zero)`;
  }
}

/** README.md written beside a TF.js export: what the model takes and how raw inputs become that. */
export function preprocessingReadme(bundle: ModelBundle): string {
  const p = bundle.preprocessing;
  const lines = [
    `# ${bundle.name}: TensorFlow.js layers model`,
    '',
    "Exported by `hyperspec export --format tfjs`. Serve the folder and load it with",
    "`tf.loadLayersModel('https://.../model.json')` (in Node with @tensorflow/tfjs-node, a `file://` URL works too).",
    '',
    `- Input: float32 [N, ${bundle.input_shape.join(', ')}], the model input **after** the preprocessing below (NCHW for images).`,
    bundle.task === 'classification'
      ? `- Output: class probabilities [N, ${bundle.labels!.length}] over ${JSON.stringify(bundle.labels)}.`
      : `- Output: the predicted values [N, ${bundle.output.size}].`,
    `- Parameters from epoch ${bundle.parameters.epoch} of ${bundle.parameters.epochs} (${bundle.parameters.selected}).`,
    '',
    '## Preprocessing (not in the model)',
    '',
  ];
  if (!p) lines.push('The dataset gave no preprocessing: inputs are used as they are.');
  else {
    lines.push(
      `A raw input is read as the \`${p.input.type}\` reader of hyperspec describes (its fitted state is \`input\` in`,
      `preprocessing.json) into a float32 vector of shape [${p.raw_shape.join(', ')}]; then, in order:`,
      '',
      ...(p.steps.length ? p.steps.map(describeStep) : ['(no steps: the raw values are the model input)']),
      '',
      'The same steps, with every number, are in preprocessing.json; the ONNX export',
      '(`hyperspec export --format onnx`) has them inside its graph instead.',
    );
  }
  return lines.join('\n') + '\n';
}
