import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineSystem, TrainResult, TrainWorkload } from '../workloads.js';

/** The repository root, from src/engine/systems or dist/engine/systems alike. */
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = path.join(REPO, 'packages/cli/dist/bin.js');

/**
 * A module preloaded into the CLI's process (`node --import`) that writes the process's peak resident
 * memory (KiB) to stderr as it exits, so the user's command itself is measured, unchanged.
 */
const PEAK_RSS_AT_EXIT = `data:text/javascript,process.on('exit',()=>process.stderr.write('hyperspec-bench-peak-rss-kib='+process.resourceUsage().maxRSS+'\\n'))`;

/** The committed specs equal to the workloads (bench/specs/w-mlp.yaml, w-cnn.yaml). */
export const specFor = (kind: 'mlp' | 'cnn'): string => path.join(REPO, 'bench/specs', `w-${kind}.yaml`);

/** One epoch line of a run's log.jsonl (written by core's trainer through the run's logger). */
interface EpochEvent {
  event: 'epoch';
  epoch: number;
  seconds: number;
}

/**
 * Epoch times of a finished run. metrics.jsonl holds only the metrics (it must be byte-identical
 * between a run and its resumed twin, so it carries no timings); the trainer logs each epoch's wall
 * time, measured around the batches of that epoch, in log.jsonl.
 */
export function epochSeconds(runDir: string): number[] {
  return readFileSync(path.join(runDir, 'log.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Partial<EpochEvent>)
    .filter((e): e is EpochEvent => e.event === 'epoch' && typeof e.seconds === 'number')
    .sort((a, b) => a.epoch - b.epoch)
    .map((e) => e.seconds);
}

/**
 * The user's path: `hyperspec train <spec>` through the built CLI (spec parsing, the dataset plugin,
 * sequential layers, the adam plugin, metrics, run directory), default backend. The spec trains
 * several epochs. The first, which pays warm-up (JIT tier-up, first touch of fresh memory) as the one
 * epoch of every other row does, is the one the report compares (comparableSeconds); the mean of the
 * later epochs is kept beside it.
 */
export class HyperspecTrainSystem implements EngineSystem {
  readonly name = 'hyperspec-train';
  // The CLI's default backend is wasm with its default of 2 threads.
  readonly threads = '2';

  async train(w: TrainWorkload): Promise<TrainResult> {
    const runDir = mkdtempSync(path.join(tmpdir(), `hyperspec-bench-${w.kind}-`));
    try {
      const run = spawnSync(process.execPath, ['--import', PEAK_RSS_AT_EXIT, CLI, 'train', specFor(w.kind), '--run-dir', runDir, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`hyperspec train exited with ${run.status ?? run.signal}: ${run.stderr}`);
      const peak = /hyperspec-bench-peak-rss-kib=(\d+)/.exec(run.stderr);
      const epochs = epochSeconds(runDir);
      if (epochs.length < 2) throw new Error(`${specFor(w.kind)} trained ${epochs.length} epoch(s); the bench needs at least 2`);
      const later = epochs.slice(1);
      const report = JSON.parse(readFileSync(path.join(runDir, 'report.json'), 'utf8')) as { final: { test_accuracy?: number } };
      return {
        seconds: later.reduce((a, b) => a + b, 0) / later.length,
        accuracy: report.final.test_accuracy ?? NaN,
        epochs: epochs.length,
        firstEpochSeconds: epochs[0],
        peakRssMb: peak ? Number(peak[1]) / 1024 : undefined,
      };
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  }

  async dispose(): Promise<void> {}
}
