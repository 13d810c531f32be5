import { readFileSync, writeFileSync } from 'node:fs';
import { OPTUNA_QUOTED_50 } from './optuna-side-by-side.js';
import type { Summary } from './statistics.js';

export interface SearchBenchResults {
  command: string;
  date: string;
  machine: { nproc: number; cpu: string; node: string };
  seeds: number;
  budgets: number[];
  /** function → budget → searcher → summary of the best value. */
  best: Record<string, Record<number, Record<string, Summary>>>;
  /** searcher → finished trials → ms per suggestion. */
  timing: Record<string, Record<number, number>>;
  optuna: { measured: boolean; version?: string };
}

/** Bars the issue sets for the bayes searcher (mean best of 20 seeds at 50 trials). */
export const BAYES_BARS: Record<string, number> = { Branin: 0.4, Hartmann6: -3.15, Rosenbrock4: 300, Ackley5: 9.0 };

const fmt = (v: number): string => {
  const a = Math.abs(v);
  if (a > 0 && a < 0.001) return v.toExponential(1);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(3);
};

export function formatReport(r: SearchBenchResults): string {
  const ours = Object.keys(Object.values(Object.values(r.best)[0] ?? {})[0] ?? {}).filter((s) => !s.startsWith('optuna'));
  const optuna = ['optuna-random', 'optuna-tpe', 'optuna-tpe-multivariate', 'optuna-cmaes'];
  const lines: string[] = [];
  lines.push(`Run: \`npx tsc -b bench && ${r.command}\` on ${r.date}, ${r.machine.nproc} cores (${r.machine.cpu}), Node ${r.machine.node}.`);
  lines.push('');
  lines.push(`Best value found, mean ± standard error (median) over ${r.seeds} seeds; lower is better.`);
  lines.push(
    r.optuna.measured
      ? `Optuna ${r.optuna.version} ran side by side in the same invocation.`
      : 'Optuna is not installable on this machine (no PyPI access), so its columns are **quoted from the issue** (Optuna 3.1 on this machine type, mean best of 20 seeds, 50 trials only) — not measured here.',
  );
  lines.push('');
  const header = ['function', 'trials', ...ours, ...optuna.map((o) => (r.optuna.measured ? o : `${o} (quoted)`))];
  lines.push(`| ${header.join(' | ')} |`);
  lines.push(`|${header.map(() => '---').join('|')}|`);
  for (const [fn, byBudget] of Object.entries(r.best)) {
    for (const budget of r.budgets) {
      const row = byBudget[budget];
      const cells = ours.map((s) => (row?.[s] ? `${fmt(row[s].mean)} ± ${fmt(row[s].stderr)} (${fmt(row[s].median)})` : '—'));
      const optunaCells = optuna.map((o) => {
        if (r.optuna.measured) return row?.[o] ? `${fmt(row[o].mean)} ± ${fmt(row[o].stderr)} (${fmt(row[o].median)})` : '—';
        return budget === 50 ? fmt(OPTUNA_QUOTED_50[fn]?.[o] ?? NaN) : '—';
      });
      lines.push(`| ${fn} | ${budget} | ${[...cells, ...optunaCells].join(' | ')} |`);
    }
  }
  lines.push('');
  lines.push('Bars for `bayes` (mean best at 50 trials):');
  lines.push('');
  lines.push('| function | bar | bayes | met |');
  lines.push('|---|---|---|---|');
  for (const [fn, bar] of Object.entries(BAYES_BARS)) {
    const s = r.best[fn]?.[50]?.bayes;
    lines.push(`| ${fn} | ≤ ${bar} | ${s ? fmt(s.mean) : '—'} | ${s ? (s.mean <= bar ? 'yes' : '**no**') : '—'} |`);
  }
  lines.push('');
  lines.push(`\`tpe\` against Optuna's TPE (${r.optuna.measured ? 'measured' : 'quoted'}) and against our random search, 50 trials: "as good" means mean − 1 s.e. ≤ Optuna's mean.`);
  lines.push('');
  lines.push('| function | tpe | optuna-tpe | optuna-tpe-multivariate | as good as optuna-tpe | as good as multivariate | better than random |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const fn of Object.keys(BAYES_BARS)) {
    const row = r.best[fn]?.[50];
    const tpe = row?.tpe;
    if (!tpe) continue;
    const optunaMean = (o: string) => (r.optuna.measured ? row?.[o]?.mean : OPTUNA_QUOTED_50[fn]?.[o]) ?? NaN;
    const ok = (o: string) => (tpe.mean - tpe.stderr <= optunaMean(o) ? 'yes' : '**no**');
    const random = row?.random;
    lines.push(`| ${fn} | ${fmt(tpe.mean)} ± ${fmt(tpe.stderr)} | ${fmt(optunaMean('optuna-tpe'))} | ${fmt(optunaMean('optuna-tpe-multivariate'))} | ${ok('optuna-tpe')} | ${ok('optuna-tpe-multivariate')} | ${random ? (tpe.mean < random.mean ? 'yes' : '**no**') : '—'} |`);
  }
  lines.push('');
  const sizes = [...new Set(Object.values(r.timing).flatMap((t) => Object.keys(t).map(Number)))].sort((a, b) => a - b);
  if (sizes.length > 0) {
    lines.push('Time per suggestion (median, ms) with N finished trials in the 6-d Hartmann space:');
    lines.push('');
    lines.push(`| searcher | ${sizes.map((n) => `N = ${n}`).join(' | ')} |`);
    lines.push(`|---|${sizes.map(() => '---').join('|')}|`);
    for (const [s, t] of Object.entries(r.timing)) lines.push(`| ${s} | ${sizes.map((n) => (t[n] === undefined ? '—' : t[n].toFixed(t[n] < 10 ? 2 : 0))).join(' | ')} |`);
    lines.push('');
    const at200 = (s: string) => r.timing[s]?.[200];
    const bar = (s: string, limit: number) => (at200(s) === undefined ? '—' : `${at200(s)!.toFixed(1)} ms (${at200(s)! <= limit ? 'met' : '**not met**'})`);
    lines.push(`Bars at N = 200: bayes ≤ 1000 ms: ${bar('bayes', 1000)}; tpe ≤ 20 ms: ${bar('tpe', 20)}.`);
  }
  return lines.join('\n');
}

/** Replaces the text between `<!-- search:start -->` and `<!-- search:end -->` in the benchmarks page. */
export function writeSearchSection(path: string, body: string): void {
  const text = readFileSync(path, 'utf8');
  const start = '<!-- search:start -->';
  const end = '<!-- search:end -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${path} has no ${start} … ${end} markers`);
  writeFileSync(path, `${text.slice(0, i + start.length)}\n## Hyperparameter search\n\n${body}\n${text.slice(j)}`);
}
