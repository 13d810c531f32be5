import os from 'node:os';
import { missingFeatures } from '@hyperspec/backend-wasm';
import { IsolatedSystem } from './isolated-system.js';
import { createSystem, JS_SYSTEMS } from './system-factory.js';
import { machineInfo, type MachineInfo } from './machine.js';
import { loadMnist, type Mnist } from './mnist.js';
import type { BenchOptions } from './options.js';
import { summarize, type Summary } from './stats.js';
import { HyperspecSystem, type AllocationCounters } from './systems/hyperspec-system.js';
import { probeTfjs, type TfjsProbe } from './tfjs-probe.js';
import { HyperspecTrainSystem } from './systems/hyperspec-train-system.js';
import { PYTORCH_CONFIGS } from './systems/pytorch-configs.js';
import { probeTorch, PytorchSystem, type TorchProbe } from './systems/pytorch-system.js';
import { workloads, type EngineSystem } from './workloads.js';

export interface TrainSummary {
  seconds: Summary;
  accuracy: Summary;
  /** Set when runs were cut short by the budget: epoch times are extrapolated from these steps. */
  extrapolatedFrom?: { steps: number; of: number };
  /** Set when the system cannot run the workload (e.g. a kernel it lacks). */
  failed?: string;
  /** hyperspec-train: epochs per run (seconds are the mean of epochs 2…N, accuracy after N). */
  epochs?: number;
  /** hyperspec-train: the first epoch's time (warm-up included), the one compared with the other rows (see comparableSeconds). */
  firstEpoch?: Summary;
  /** Peak resident memory of the measuring process, MiB (see TrainResult.peakRssMb). */
  peakRssMb?: Summary;
}

/**
 * The epoch time a row is compared by: every other system's is the one epoch of a fresh process,
 * warm-up included (JIT, thread start, first touch of memory; PyTorch's allocator and thread pool), so
 * hyperspec-train's is its first epoch too. The mean of its later epochs, without warm-up, is shown beside
 * it: taking that for the ratio favoured hyperspec by the warm-up only it was spared (1.54 s against
 * an epoch 1 of 1.71 s in one W-MLP run).
 */
export function comparableSeconds(s: TrainSummary): Summary {
  return s.firstEpoch ?? s.seconds;
}

/** Everything one invocation measured, as written to bench/results/*.json. */
export interface EngineResults {
  date: string;
  smoke: boolean;
  runs: number;
  /** The command-line arguments of the invocation (for re-rendering the report). */
  argv?: string[];
  /** Whether each JavaScript measurement ran in its own process. */
  isolated: boolean;
  machine: MachineInfo;
  /** 1-, 5- and 15-minute load averages when the measuring ended (the start is in `machine`). */
  loadAverageEnd?: number[];
  torch: TorchProbe;
  tfjs?: TfjsProbe;
  /** Systems in table order, with the threads each computes on; `default` is hyperspec's default backend. */
  systems: { name: string; threads: string }[];
  defaultSystem: string;
  skipped: string[];
  /** GFLOP/s per size and system. */
  sgemm: Record<string, Record<string, Summary>>;
  mlp: Record<string, TrainSummary>;
  cnn: Record<string, TrainSummary>;
  alloc: Record<string, AllocationCounters>;
}

async function makeSystems(options: BenchOptions, skipped: string[], torch: TorchProbe): Promise<EngineSystem[]> {
  const systems: EngineSystem[] = [];
  const missing = missingFeatures();
  for (const { name, threads } of JS_SYSTEMS) {
    if (name === 'hyperspec-wasm' && missing.length) {
      skipped.push(`hyperspec-wasm: ${missing.join('; ')}`);
      continue;
    }
    if (options.isolate) systems.push(new IsolatedSystem(name, threads, options.smoke));
    else systems.push(await createSystem(name));
  }
  if ('python' in torch) for (const config of PYTORCH_CONFIGS) systems.push(new PytorchSystem(torch.python, config));
  else skipped.push(`pytorch: ${torch.skipped}`);
  // The CLI path trains the committed full-size specs, so it has no smoke size.
  if (options.smoke) skipped.push('hyperspec-train: not in --smoke (it trains the committed full-size specs)');
  else systems.push(new HyperspecTrainSystem());
  const wanted = options.systems;
  return wanted.length ? systems.filter((s) => wanted.some((w) => s.name.includes(w))) : systems;
}

/** Rotates the order every run, so no system always runs right after the same neighbour. */
export function rotated<T>(items: readonly T[], by: number): T[] {
  const k = items.length ? by % items.length : 0;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * Runs the selected workloads on every system, alternating systems inside each run, and returns
 * medians / min / max. `log` receives progress lines.
 */
export async function runEngineBench(options: BenchOptions, log: (line: string) => void): Promise<EngineResults> {
  const w = workloads(options.smoke);
  const skipped: string[] = [];
  const torch = probeTorch();
  const systems = await makeSystems(options, skipped, torch);
  const results: EngineResults = {
    date: new Date().toISOString(),
    smoke: options.smoke,
    runs: options.runs,
    isolated: options.isolate,
    machine: machineInfo(),
    torch,
    tfjs: await probeTfjs(),
    systems: systems.map((s) => ({ name: s.name, threads: s.threads })),
    defaultSystem: systems.find((s) => s.name === 'hyperspec-wasm')?.name ?? 'hyperspec-cpu',
    skipped,
    sgemm: {},
    mlp: {},
    cnn: {},
    alloc: {},
  };
  // Loaded on first use: isolated systems and PyTorch read the data in their own processes.
  let mnist: Mnist | null = null;
  const data = (): Mnist => (mnist ??= loadMnist(Math.max(w.mlp.trainImages, w.cnn.trainImages), Math.max(w.mlp.testImages, w.cnn.testImages)));

  if (options.workloads.has('sgemm')) {
    for (const n of w.sgemmSizes) {
      const samples = new Map<string, number[]>();
      for (let run = 0; run < options.runs; run++) {
        for (const s of rotated(systems, run)) {
          if (!s.sgemm) continue;
          const seconds = await s.sgemm(n);
          const gflops = (2 * n ** 3) / seconds / 1e9;
          samples.set(s.name, [...(samples.get(s.name) ?? []), gflops]);
          log(`sgemm n=${n} run ${run + 1} ${s.name}: ${gflops.toFixed(1)} GFLOP/s`);
        }
      }
      results.sgemm[n] = Object.fromEntries([...samples].map(([k, v]) => [k, summarize(v)]));
    }
  }
  for (const kind of ['mlp', 'cnn'] as const) {
    if (!options.workloads.has(kind)) continue;
    const seconds = new Map<string, number[]>();
    const accuracy = new Map<string, number[]>();
    const first = new Map<string, number[]>();
    const peak = new Map<string, number[]>();
    const rows: Record<string, TrainSummary> = {};
    for (let run = 0; run < options.runs; run++) {
      for (const s of rotated(systems, run)) {
        // A system that cannot finish within the budget is measured once: its time is an estimate anyway.
        if (rows[s.name]?.failed || rows[s.name]?.extrapolatedFrom) continue;
        try {
          const r = await s.train(w[kind], data);
          seconds.set(s.name, [...(seconds.get(s.name) ?? []), r.seconds]);
          accuracy.set(s.name, [...(accuracy.get(s.name) ?? []), r.accuracy]);
          rows[s.name] = { seconds: summarize(seconds.get(s.name)!), accuracy: summarize(accuracy.get(s.name)!), extrapolatedFrom: r.extrapolatedFrom };
          if (r.peakRssMb !== undefined) {
            peak.set(s.name, [...(peak.get(s.name) ?? []), r.peakRssMb]);
            rows[s.name].peakRssMb = summarize(peak.get(s.name)!);
          }
          if (r.firstEpochSeconds !== undefined) {
            first.set(s.name, [...(first.get(s.name) ?? []), r.firstEpochSeconds]);
            rows[s.name] = { ...rows[s.name], epochs: r.epochs, firstEpoch: summarize(first.get(s.name)!) };
          }
          const note = r.extrapolatedFrom ? ` (extrapolated from ${r.extrapolatedFrom.steps} of ${r.extrapolatedFrom.of} steps)` : `, accuracy ${(r.accuracy * 100).toFixed(2)}%`;
          log(`${kind} run ${run + 1} ${s.name}: ${r.seconds.toFixed(2)} s${note}`);
        } catch (e) {
          const reason = (e as Error).message.split('\n')[0];
          rows[s.name] = { seconds: summarize([]), accuracy: summarize([]), failed: reason };
          log(`${kind} ${s.name} failed: ${reason}`);
        }
      }
    }
    results[kind] = rows;
  }
  if (options.workloads.has('alloc')) {
    for (const s of systems) {
      if (!(s instanceof HyperspecSystem || (s instanceof IsolatedSystem && s.name.startsWith('hyperspec-')))) continue;
      results.alloc[s.name] = s instanceof HyperspecSystem ? s.allocationCounters(w.mlp, data(), w.allocSteps) : s.allocationCounters();
      log(`alloc ${s.name}: ${JSON.stringify(results.alloc[s.name])}`);
    }
  }
  for (const s of systems) await s.dispose();
  results.loadAverageEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
  return results;
}
