/** One run of an example spec through the CLI, as written to bench/results/examples.json. */
export interface ExampleRun {
  /** The spec, relative to the repository root. */
  spec: string;
  backend: string;
  /** Training samples, as the CLI reports them ("training on N samples"). */
  trainSamples: number;
  epochs: number;
  testAccuracy: number;
  /** Wall time of the whole command: Node start, data loading, training, evaluation, writing the run. */
  wallSeconds: number;
}

export interface ExamplesResults {
  command: string;
  date: string;
  machine: { cpu: string; cores: number; node: string; loadAverageStart: number[]; loadAverageEnd: number[] };
  runs: ExampleRun[];
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - 60 * m)} s`;
}

/** The "Measured results" table of the README. */
export function examplesMarkdown(r: ExamplesResults): string {
  const loads = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
  return [
    `Full runs of the example specs, each once through the CLI (\`${r.command}\`, ${r.date.slice(0, 10)}) on ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}; load average (1 / 5 / 15 min) ${loads(r.machine.loadAverageStart)} at the start and ${loads(r.machine.loadAverageEnd)} at the end${Math.max(r.machine.loadAverageStart[0], r.machine.loadAverageEnd[0]) > r.machine.cores / 2 ? ' (other jobs shared the machine)' : ''}. Wall time is the whole command, data loading included.`,
    '',
    '| spec | backend | training samples | result | wall time | command |',
    '|---|---|---|---|---|---|',
    ...r.runs.map((x) => `| \`${x.spec}\` | ${x.backend} | ${x.trainSamples.toLocaleString('en')} | test accuracy **${(x.testAccuracy * 100).toFixed(2)}%** | ${duration(x.wallSeconds)} (${x.epochs} epochs) | \`pnpm hyperspec train ${x.spec}\` |`),
  ].join('\n');
}
