import { applyPreprocessing, checkPreprocessingStep, type Preprocessing, type PreprocessingStep } from '@hyperspec/core/data';
import { type Engine, type Tensor } from '@hyperspec/core/tensor';

/** An affine step's operands as kept tensors (null: subtract 0 / divide by 1, skipped). */
interface AffineOperands {
  subtract: Tensor | null;
  divide: Tensor | null;
}

/**
 * Makes the model's input tensor from raw samples (the input reader's output), a block of rows at a
 * time: the fitted preprocessing steps of the bundle, applied on the engine's backend. The leading
 * `affine` steps — standardisation, min–max, pixels ÷ 255: every step of the image models and of
 * most table models — run as the backend's `sub` and `div` kernels on the input tensor itself, in
 * float32 as the exported ONNX graph's Sub and Div do: one copy of the raw rows into the backend's
 * memory and a SIMD pass or two, where applyPreprocessing's float64 loop over a copy had cost about a
 * fifth of the MNIST MLP's prediction time. Any other step (one-hot, binarize, l2) and those after it
 * run on the host through applyPreprocessing, the function that built the training splits.
 */
export class ModelInput {
  private readonly affine: AffineOperands[] = [];
  private readonly hostSteps: PreprocessingStep[];
  private readonly rawSize: number;

  constructor(private readonly engine: Engine, preprocessing: Preprocessing, private readonly inputShape: readonly number[]) {
    this.rawSize = preprocessing.raw_shape.reduce((a, d) => a * d, 1);
    const steps = preprocessing.steps;
    let i = 0;
    for (; i < steps.length; i++) {
      const step = steps[i];
      if (step.op !== 'affine') break;
      checkPreprocessingStep(step, this.rawSize, i);
      const operand = (v: number | number[], identity: number) =>
        typeof v === 'number' ? (v === identity ? null : engine.tensor([v], [1]).keep()) : engine.tensor(v, [this.rawSize]).keep();
      this.affine.push({ subtract: operand(step.subtract, 0), divide: operand(step.divide, 1) });
    }
    this.hostSteps = steps.slice(i);
  }

  /** The input tensor [end − start, ...input_shape] of raw rows start..end of `raw`; made in the caller's scope. */
  rows(raw: Float32Array, start: number, end: number): Tensor {
    const count = end - start;
    const e = this.engine;
    const x = e.empty([count, ...this.inputShape]);
    const values = raw.subarray(start * this.rawSize, end * this.rawSize);
    if (!this.hostSteps.length) x.data.set(values);
    const shape = [count, this.rawSize];
    const kernels = e.backend.kernels;
    const through = this.hostSteps.length ? e.empty(shape) : x;
    if (through !== x) through.data.set(values);
    for (const { subtract, divide } of this.affine) {
      if (subtract) kernels.binary('sub', through.data, shape, subtract.data, [1, subtract.size], through.data, shape);
      if (divide) kernels.binary('div', through.data, shape, divide.data, [1, divide.size], through.data, shape);
    }
    if (through !== x) x.data.set(applyPreprocessing(this.hostSteps, through.data, count, this.rawSize));
    return x;
  }

  dispose(): void {
    for (const { subtract, divide } of this.affine) {
      subtract?.dispose();
      divide?.dispose();
    }
  }
}
