/** bench/results/search-mo.json as written by run.ts. */
export interface SearchMoResults {
  date: string;
  trials: number;
  seeds: number;
  optuna: string | null;
  problems: { name: string; reference: number[]; maximum: number | null }[];
  summary: { problem: string; searcher: string; hypervolume: { mean: number; low: number; high: number; n: number }; ms_per_trial: number }[];
}

/** bench/results/ask-tell-overhead.json as written by ask-tell-overhead.ts. */
export interface AskTellResults {
  date: string;
  searcher: string;
  finished_before: number;
  timed: number;
  mean_ms: number;
  median_ms: number;
  p95_ms: number;
  cpu_ms: number;
}

const LABELS: Record<string, string> = {
  random: 'random', nsga2: 'nsga2', tpe: 'tpe', bayes: 'bayes',
  'optuna-random': 'Optuna random', 'optuna-nsga2': 'Optuna NSGA-II', 'optuna-tpe': 'Optuna TPE (multivariate)',
};
const ORDER = ['random', 'nsga2', 'tpe', 'bayes', 'optuna-random', 'optuna-nsga2', 'optuna-tpe'];
const fmt = (x: number) => (Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** The table of docs/search.md's "Several objectives" section. */
export function searchMoMarkdown(r: SearchMoResults): string {
  const searchers = ORDER.filter((s) => r.summary.some((x) => x.searcher === s));
  const head = `| searcher | ${r.problems.map((p) => `${p.name}${p.maximum ? ` (true front ${p.maximum})` : ''}`).join(' | ')} | ms per trial |`;
  const rows = searchers.map((s) => {
    const cells = r.problems.map((p) => {
      const h = r.summary.find((x) => x.problem === p.name && x.searcher === s)?.hypervolume;
      return h ? `${fmt(h.mean)} [${fmt(h.low)}, ${fmt(h.high)}]` : '—';
    });
    const times = r.summary.filter((x) => x.searcher === s);
    return `| ${LABELS[s] ?? s} | ${cells.join(' | ')} | ${ms(times.reduce((a, x) => a + x.ms_per_trial, 0) / times.length)} |`;
  });
  const refs = r.problems.map((p) => `${p.name} (${p.reference.join(', ')})`).join(', ');
  return [
    `${r.date.slice(0, 16).replace('T', ' ')} UTC; hypervolume of all trials after ${r.trials} trials, mean [95 % interval, Student's t] over ${r.seeds} seeds; reference points ${refs}${r.optuna ? `; Optuna ${r.optuna}` : ''}. ms per trial is the searcher's own time (Optuna's includes its in-memory storage).`,
    '',
    head,
    `|---|${r.problems.map(() => '---|').join('')}---|`,
    ...rows,
  ].join('\n');
}

/** The sentence of docs/search.md's ask-and-tell section. */
export function askTellMarkdown(r: AskTellResults): string {
  return `${r.date.slice(0, 16).replace('T', ' ')} UTC: ask + tell for \`${r.searcher}\` on SQLite from ${r.finished_before} to ${r.finished_before + r.timed} finished trials: mean ${r.mean_ms.toFixed(1)} ms, median ${r.median_ms.toFixed(1)} ms, 95th percentile ${r.p95_ms.toFixed(1)} ms of wall time; ${r.cpu_ms.toFixed(1)} ms of CPU per pair.`;
}
