import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runFiles } from '@hyperspec/core/run';
import { lastPerEpoch, readJson, readJsonLines, readYaml } from '../read-files.js';

export type Spec = Record<string, unknown>;

export interface EpochMetrics {
  epoch: number;
  [metric: string]: number;
}

export interface StepLine {
  epoch: number;
  first_step: number;
  lr: number[];
  loss: number[];
}

export interface TensorStats {
  name: string;
  shape: number[];
  weight_norm: number;
  grad_norm: number;
  grad_norm_max: number;
}

export interface LayerLine {
  epoch: number;
  params: TensorStats[];
}

/** `report.json`, written when a run ends. */
export interface RunReportFile {
  name: string;
  epochs: number;
  stopped: boolean;
  reason?: string;
  final: Record<string, number>;
  parameters: number;
  layers: { type: string; description: string; output_shape: number[]; parameters: number; path: string }[];
  seconds: number;
}

/** Everything a run directory holds that a report shows; any file may be missing (a run still going, an older run). */
export interface RunData {
  dir: string;
  resolved?: Spec;
  /** The spec as its author wrote it: the run's `spec.yaml`, or a trial's study's `spec.yaml`. */
  written?: Spec;
  /** Spec paths a search set (a trial's search space). */
  searched: string[];
  /** Set when the run is a trial of a study (`<study>/trials/<n>`). */
  trial?: { studyDir: string; number: number };
  metrics: EpochMetrics[];
  steps: StepLine[];
  layers: LayerLine[];
  /** Wall time of each epoch, from the run's log. */
  epochSeconds: { epoch: number; seconds: number }[];
  report?: RunReportFile;
  /** `evaluation.json` from `hyperspec evaluate`, when it has been run. */
  evaluation?: Record<string, unknown>;
  /** The last error the log recorded, if the run failed. */
  failure?: string;
}

/** True when `dir` looks like a run directory (it has a resolved spec). */
export function isRunDirectory(dir: string): boolean {
  return existsSync(runFiles(dir).spec);
}

/** Reads a run directory as far as it has been written. */
export function loadRun(dir: string): RunData {
  const files = runFiles(dir);
  const resolved = readYaml<Spec>(files.spec);
  let written = readYaml<Spec>(join(dir, 'spec.yaml'));
  let searched: string[] = [];
  let trial: RunData['trial'];
  const parent = dirname(dir);
  if (basename(parent) === 'trials' && /^\d+$/.test(basename(dir))) {
    const studyDir = dirname(parent);
    trial = { studyDir, number: Number(basename(dir)) };
    const studySpec = readYaml<Spec>(join(studyDir, 'spec.yaml'));
    written ??= studySpec;
    const space = (studySpec?.search as { space?: Record<string, unknown> } | undefined)?.space;
    if (space) searched = Object.keys(space);
  }
  const log = readJsonLines<{ event?: string; epoch?: number; seconds?: number; error?: string }>(files.log);
  const epochSeconds = lastPerEpoch(
    log.filter((l): l is { event: string; epoch: number; seconds: number } => l.event === 'epoch' && typeof l.epoch === 'number' && typeof l.seconds === 'number'),
  ).map(({ epoch, seconds }) => ({ epoch, seconds }));
  const failed = [...log].reverse().find((l) => l.event === 'failed' || l.event === 'end');
  return {
    dir,
    resolved,
    written,
    searched,
    trial,
    metrics: lastPerEpoch(readJsonLines<EpochMetrics>(files.metrics)),
    steps: lastPerEpoch(readJsonLines<StepLine>(files.steps)),
    layers: lastPerEpoch(readJsonLines<LayerLine>(files.layers)),
    epochSeconds,
    report: readJson<RunReportFile>(files.report),
    evaluation: readJson<Record<string, unknown>>(join(dir, 'evaluation.json')),
    failure: failed?.event === 'failed' ? failed.error : undefined,
  };
}
