import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { BatchReport, Callback, EpochReport } from '../contracts/callback.js';
import type { Model } from '../model/model.js';
import { atomicWriteFile } from '../util/atomic-write.js';

/** Gradient norms are sampled on at most this many evenly spaced steps per epoch, so the trace stays cheap. */
const GRAD_SAMPLES_PER_EPOCH = 32;

function l2(data: Float32Array): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i] * data[i];
  return Math.sqrt(s);
}

/** Keeps the first `lines` lines of a JSON-lines file (a resumed run redoes the epochs after its checkpoint). */
export function truncateLines(file: string, lines: number): void {
  if (!existsSync(file)) return;
  const kept = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, lines);
  atomicWriteFile(file, kept.map((l) => l + '\n').join(''));
}

/**
 * What reports draw besides the epoch metrics, written once per epoch as whole JSON lines:
 * `steps.jsonl` — the learning rate the optimizer was given and the batch loss, for every step;
 * `layers.jsonl` — per parameter tensor, the weight L2 norm at the end of the epoch and the gradient L2
 * norm (as the optimizer received it, after clipping) averaged and maximised over a sample of the
 * epoch's steps. Sampling bounds the cost at a few passes over the parameters per epoch.
 */
export class TrainingTrace implements Callback {
  private lr: number[] = [];
  private loss: number[] = [];
  private gradSum: number[] = [];
  private gradMax: number[] = [];
  private samples = 0;
  private every = 1;
  private firstStep: number;

  constructor(private readonly model: Model, private readonly files: { steps: string; layers: string }, startStep: number) {
    this.firstStep = startStep;
  }

  onTrainBegin(info: { batchesPerEpoch: number }): void {
    this.every = Math.max(1, Math.ceil(info.batchesPerEpoch / GRAD_SAMPLES_PER_EPOCH));
  }

  onBatchEnd(report: BatchReport): void {
    this.lr.push(report.lr);
    this.loss.push(report.loss);
    if (report.batch % this.every !== 0) return;
    this.model.parameters().forEach((p, i) => {
      const norm = p.value.grad ? l2(p.value.grad.data) : 0;
      this.gradSum[i] = (this.gradSum[i] ?? 0) + norm;
      this.gradMax[i] = Math.max(this.gradMax[i] ?? 0, norm);
    });
    this.samples++;
  }

  onEpochEnd({ epoch }: EpochReport): void {
    appendFileSync(this.files.steps, JSON.stringify({ epoch: epoch + 1, first_step: this.firstStep, lr: this.lr, loss: this.loss }) + '\n');
    const params = this.model.parameters().map((p, i) => ({
      name: p.name,
      shape: p.value.shape,
      weight_norm: l2(p.value.data),
      grad_norm: this.samples ? (this.gradSum[i] ?? 0) / this.samples : 0,
      grad_norm_max: this.gradMax[i] ?? 0,
    }));
    appendFileSync(this.files.layers, JSON.stringify({ epoch: epoch + 1, params }) + '\n');
    this.firstStep += this.lr.length;
    this.lr = [];
    this.loss = [];
    this.gradSum = [];
    this.gradMax = [];
    this.samples = 0;
  }
}
