import type { Callback } from '../contracts/callback.js';
import type { ComposedRun } from '../run/compose-run.js';
import type { Engine } from '../tensor/engine.js';
import { gatherBatch } from '../train/batcher.js';

/**
 * Milliseconds per sample of the trained model's forward pass (no gradients, inference mode): the
 * median of `repeats` timed passes over one batch of up to `samples` validation samples (training
 * samples when there is no validation split), after one untimed pass.
 */
export function measureInference(run: ComposedRun, samples = 256, repeats = 5): number {
  const split = run.data.validation && run.data.validation.count > 0 ? run.data.validation : run.data.train;
  const n = Math.min(samples, split.count);
  if (n === 0) return NaN;
  const { engine, model } = run;
  const times: number[] = [];
  engine.noGrad(() =>
    engine.scope(() => {
      const { x } = gatherBatch(engine, split, run.sampleShape, run.targetShape, null, 0, n);
      for (let r = 0; r <= repeats; r++) {
        const started = performance.now();
        engine.scope(() => model.forward(x, { training: false }).data[0]);
        if (r > 0) times.push(performance.now() - started);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] / n;
}

/**
 * Measures what a study's objectives and constraints name besides metrics, while one trial trains:
 * `parameters` (trainable numbers), `epoch_seconds` (mean seconds per epoch this run trained),
 * `inference_ms` (see `measureInference`) and `peak_memory_mb` (the most bytes live tensors held
 * during the trial — parameters, optimizer state, activations, gradients, batches — in MiB).
 */
export class TrialMeter {
  private readonly epochSeconds: number[] = [];
  private inferenceMs = NaN;

  constructor(private readonly measure: readonly string[], private readonly engine: Engine) {
    engine.resetPeakMemory();
  }

  /** Add to the run's callbacks: records each epoch's duration. */
  readonly callback: Callback = { onEpochEnd: ({ seconds }) => void this.epochSeconds.push(seconds) };

  /** Pass as `runTraining`'s `inspect`: times inference on the trained model when asked for. */
  readonly inspect = (run: ComposedRun): void => {
    if (this.measure.includes('inference_ms')) this.inferenceMs = measureInference(run);
  };

  /** The measured quantities asked for, once training ended; `parameters` comes from the run's result. */
  result(parameters: number): Record<string, number> {
    const all: Record<string, number> = {
      parameters,
      epoch_seconds: this.epochSeconds.length ? this.epochSeconds.reduce((a, b) => a + b, 0) / this.epochSeconds.length : NaN,
      inference_ms: this.inferenceMs,
      peak_memory_mb: this.engine.memory().peakBytes / 2 ** 20,
    };
    return Object.fromEntries(this.measure.map((m) => [m, all[m]]));
  }
}
