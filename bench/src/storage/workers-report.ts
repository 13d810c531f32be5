import type { StorageKind } from './storage-workload.js';
import type { ServerFloor } from './server-floor.js';
import type { WorkersRun } from './workers.js';

export interface WorkersRow {
  kind: StorageKind;
  workers: number;
  /** Median over the repeats. */
  trialsPerSecond: number;
  /** Wall time per trial: the study's time divided by its trials. */
  msPerTrial: number;
  /** `msPerTrial` minus memory's at the same number of workers: what the storage adds to each trial. */
  overheadMs: number;
}

/** bench/results/storage-workers.json, as run-workers.ts writes it. */
export interface StorageWorkersResults {
  trials: number;
  repeats: number;
  steps: number;
  machine: string;
  floor: ServerFloor;
  runs: WorkersRun[];
  summary: WorkersRow[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The medians per storage and worker count, and the markdown for docs/distributed-search.md. */
export function renderWorkers(runs: readonly WorkersRun[], about: { steps: number; repeats: number; machine: string; floor: ServerFloor }): { rows: WorkersRow[]; markdown: string } {
  const key = (r: { kind: string; workers: number }) => `${r.kind} ${r.workers}`;
  const groups = new Map<string, WorkersRun[]>();
  for (const r of runs) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const msOf = (kind: StorageKind, workers: number) => {
    const g = groups.get(key({ kind, workers })) ?? [];
    return median(g.map((r) => (r.seconds * 1000) / r.trials));
  };
  const rows: WorkersRow[] = [];
  for (const workers of [1, 2, 4]) {
    for (const kind of ['memory', 'sqlite', 'postgres'] as const) {
      if (!groups.has(key({ kind, workers }))) continue;
      const ms = msOf(kind, workers);
      rows.push({ kind, workers, trialsPerSecond: 1000 / ms, msPerTrial: ms, overheadMs: ms - msOf('memory', workers) });
    }
  }
  const trials = runs[0]?.trials ?? 0;
  const pg4 = rows.find((r) => r.kind === 'postgres' && r.workers === 4);
  const markdown = [
    `One study of ${trials} trivial trials (each: start, ${about.steps} epoch reports with their metrics, its host and folder recorded, final metrics, finish; the runner's own bookkeeping included) ` +
      `taken by 1, 2 and 4 worker processes at once, median of ${about.repeats} runs; ${about.machine}. PostgreSQL: a local server (loopback TCP, default settings, fsync on); ` +
      'memory cannot be shared by processes, so its workers are loops of one process. Overhead = ms per trial minus memory\'s with as many workers.',
    '',
    '| workers | storage | trials / s | ms / trial (wall) | overhead vs memory (ms / trial) |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.workers} | ${r.kind} | ${r.trialsPerSecond.toFixed(0)} | ${r.msPerTrial.toFixed(2)} | ${r.kind === 'memory' ? '—' : r.overheadMs.toFixed(2)} |`),
    '',
    `The server's floor on this machine, measured in the same run: a round trip (\`SELECT 1\`) ${about.floor.roundTripMs.toFixed(2)} ms; ` +
      `a one-row commit ${about.floor.durableCommitMs.toFixed(2)} ms with the WAL flushed, ${about.floor.fastCommitMs.toFixed(2)} ms with \`synchronous_commit = off\`. ` +
      'A trial makes about nine round trips and one flushed commit (its finish).',
    '',
    pg4 ? `Goal (issue 15): PostgreSQL storage overhead ≤ 5 ms per trial with 4 workers: ${pg4.overheadMs.toFixed(2)} ms (${pg4.overheadMs <= 5 ? 'met' : 'not met'}).` : '',
  ].join('\n');
  return { rows, markdown };
}

/** The `storage-workers` section of docs/distributed-search.md, from the committed results (bench/src/docs/render-docs.ts). */
export function storageWorkersMarkdown(results: StorageWorkersResults): string {
  return renderWorkers(results.runs, results).markdown;
}
