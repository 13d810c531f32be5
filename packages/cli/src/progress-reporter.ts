import type { BatchReport, Callback, EpochReport } from '@hyperspec/core';

export interface ProgressOptions {
  /** Where to write (default process.stderr). */
  stream?: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Force the plain (one line per epoch) format even on a terminal. */
  plain?: boolean;
}

function formatMetrics(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .filter(([k]) => k !== 'lr')
    .map(([k, v]) => `${k} ${Math.abs(v) >= 1000 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4)}`)
    .join('  ');
}

/**
 * Shows training progress: a bar redrawn in place on a terminal, one plain line per epoch otherwise
 * (logs and CI). Redraws are throttled so a fast loop is not slowed by the terminal.
 */
export class ProgressReporter implements Callback {
  private readonly stream: NonNullable<ProgressOptions['stream']>;
  private readonly tty: boolean;
  private lastDraw = 0;
  private epochs = 0;

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.tty = !options.plain && Boolean(this.stream.isTTY);
  }

  onTrainBegin(info: { epochs: number; batchesPerEpoch: number; samples: number }): void {
    this.epochs = info.epochs;
    this.stream.write(`training on ${info.samples} samples, ${info.batchesPerEpoch} batches per epoch, ${info.epochs} epochs\n`);
  }

  onBatchEnd(r: BatchReport): void {
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && r.batch + 1 < r.batches) return;
    this.lastDraw = now;
    const width = 30;
    const done = Math.round(((r.batch + 1) / r.batches) * width);
    this.stream.write(`\r\x1b[2Kepoch ${r.epoch + 1}/${this.epochs} [${'='.repeat(done)}${' '.repeat(width - done)}] ${r.batch + 1}/${r.batches}  loss ${r.loss.toFixed(4)}`);
  }

  onEpochEnd(r: EpochReport): void {
    const line = `epoch ${r.epoch + 1}/${r.epochs}  ${formatMetrics(r.metrics)}  (${r.seconds.toFixed(1)}s)`;
    this.stream.write(this.tty ? `\r\x1b[2K${line}\n` : `${line}\n`);
  }
}
