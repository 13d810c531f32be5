import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { missingFeatures } from '@hyperspec/backend-wasm';
import { machineInfo, type MachineInfo } from '../engine/machine.js';
import { rotated } from '../engine/run-engine-bench.js';
import { summarize, type Summary } from '../engine/stats.js';
import { PYTORCH_CONFIGS } from '../engine/systems/pytorch-configs.js';
import { probeTorch, PytorchSystem, type TorchProbe } from '../engine/systems/pytorch-system.js';
import { hyperspecPoints, type PointTimes } from './hyperspec-points.js';
import { flopsPerSample, mlpSizes, SAMPLES_PER_EPOCH, sweeps, type ScalingPoint } from './sweeps.js';

/** dist/scaling/measure.js (this file's sibling once built). */
const MEASURE = fileURLToPath(new URL('./measure.js', import.meta.url));

/** The PyTorch configurations of "PyTorch best" in issue 16: one thread, and two with OMP_WAIT_POLICY=PASSIVE. */
const PYTORCH_SCALING = PYTORCH_CONFIGS.filter((c) => c.name === 'pytorch-1t' || c.name === 'pytorch-2t-passive');

export interface ScalingOptions {
  smoke: boolean;
  runs: number;
  /** hyperspec-wasm in this process instead of a fresh Node process per run (for the test: no build needed). */
  inProcess: boolean;
}

/** One point's measurements: seconds per MNIST epoch (SAMPLES_PER_EPOCH samples) for each system. */
export interface PointResult extends ScalingPoint {
  flopsPerSample: number;
  systems: Record<string, { seconds: Summary; failed?: string }>;
}

/** Everything one invocation measured, as written to bench/results/scaling.json. */
export interface ScalingResults {
  date: string;
  smoke: boolean;
  runs: number;
  argv?: string[];
  inProcess: boolean;
  machine: MachineInfo;
  /** 1-, 5- and 15-minute load averages when the measuring ended (the start is in `machine`). */
  loadAverageEnd?: number[];
  torch: TorchProbe;
  systems: { name: string; threads: string }[];
  skipped: string[];
  trainImages: number;
  lr: number;
  seed: number;
  samplesPerEpoch: number;
  batchSweep: { hidden: number; points: PointResult[] };
  widthSweep: { batch: number; points: PointResult[] };
}

/** A system that times every point in one process per run. */
interface PointSystem {
  readonly name: string;
  threads: string;
  times(points: readonly ScalingPoint[]): Promise<number[]>;
}

function hyperspecSystem(options: ScalingOptions, trainImages: number, lr: number, seed: number): PointSystem {
  const system: PointSystem = {
    name: 'hyperspec-wasm',
    threads: 'default',
    async times(points) {
      let t: PointTimes | { error: string };
      if (options.inProcess) t = await hyperspecPoints(points, trainImages, lr, seed);
      else {
        const out = execFileSync(process.execPath, [MEASURE, String(trainImages), String(lr), String(seed), JSON.stringify(points)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        t = JSON.parse(out.trim().split('\n').pop()!) as PointTimes | { error: string };
      }
      if ('error' in t) throw new Error(t.error);
      system.threads = String(t.threads);
      return t.seconds;
    },
  };
  return system;
}

/**
 * Times every point of both sweeps on hyperspec-wasm and on PyTorch's two fastest configurations,
 * `runs` times; the systems take turns inside each run (the order rotates every run). `log` gets progress.
 */
export async function runScalingBench(options: ScalingOptions, log: (line: string) => void): Promise<ScalingResults> {
  const sw = sweeps(options.smoke);
  const skipped: string[] = [];
  const torch = probeTorch();
  const systems: PointSystem[] = [];
  const missing = missingFeatures();
  if (missing.length) skipped.push(`hyperspec-wasm: ${missing.join('; ')}`);
  else systems.push(hyperspecSystem(options, sw.trainImages, sw.lr, sw.seed));
  if ('python' in torch) {
    for (const config of PYTORCH_SCALING) {
      const py = new PytorchSystem(torch.python, config);
      systems.push({ name: py.name, threads: py.threads, times: async (points) => py.mlpScaling(points, sw.trainImages, sw.lr, sw.seed) });
    }
  } else skipped.push(`pytorch: ${torch.skipped}`);

  const machine = machineInfo();
  const points = [...sw.batch.points, ...sw.width.points];
  const epochs = points.map(() => new Map<string, number[]>());
  const failed = new Map<string, string>();
  for (let run = 0; run < options.runs; run++) {
    for (const s of rotated(systems, run)) {
      if (failed.has(s.name)) continue;
      const t0 = performance.now();
      try {
        const seconds = await s.times(points);
        seconds.forEach((sec, i) => epochs[i].set(s.name, [...(epochs[i].get(s.name) ?? []), (sec / (points[i].steps * points[i].batch)) * SAMPLES_PER_EPOCH]));
        log(`run ${run + 1} ${s.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s for ${points.length} points`);
      } catch (e) {
        failed.set(s.name, (e as Error).message.split('\n')[0]);
        log(`run ${run + 1} ${s.name} failed: ${failed.get(s.name)}`);
      }
    }
  }
  const result = (i: number): PointResult => ({
    ...points[i],
    flopsPerSample: flopsPerSample(mlpSizes(points[i].hidden)),
    systems: Object.fromEntries(systems.map((s) => [s.name, { seconds: summarize(epochs[i].get(s.name) ?? []), ...(failed.has(s.name) ? { failed: failed.get(s.name) } : {}) }])),
  });
  const batchCount = sw.batch.points.length;
  return {
    date: new Date().toISOString(),
    smoke: options.smoke,
    runs: options.runs,
    inProcess: options.inProcess,
    machine,
    loadAverageEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    torch,
    systems: systems.map((s) => ({ name: s.name, threads: s.threads })),
    skipped,
    trainImages: sw.trainImages,
    lr: sw.lr,
    seed: sw.seed,
    samplesPerEpoch: SAMPLES_PER_EPOCH,
    batchSweep: { hidden: sw.batch.hidden, points: points.slice(0, batchCount).map((_, i) => result(i)) },
    widthSweep: { batch: sw.width.batch, points: points.slice(batchCount).map((_, i) => result(batchCount + i)) },
  };
}
