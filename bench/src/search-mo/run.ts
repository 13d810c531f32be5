// Multi-objective search bench (issue 17): hypervolume of all trials after 100 trials on ZDT1, ZDT2 and
// DTLZ2 (6 variables in [0, 1]), hyperspec's searchers and Optuna 3.1's side by side, ≥ 10 seeds,
// 95 % intervals. Raw results go to bench/results/search-mo.json; a markdown table to stdout.
// Then re-renders the docs from bench/results/ (docs/search.md's table).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Searcher } from '@hyperspec/core';
import { BayesSearcher } from '@hyperspec/searcher-bayes';
import { Nsga2Searcher } from '@hyperspec/searcher-nsga2';
import { RandomSearcher } from '@hyperspec/searcher-random';
import { TpeSearcher } from '@hyperspec/searcher-tpe';
import { benchArgs, nameList, positiveInt } from '../bench-args.js';
import { saveResults } from '../bench-results.js';
import { meanInterval } from './interval.js';
import { MO_PROBLEMS } from './problems.js';
import { runMoStudy } from './run-mo-study.js';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = `usage: node bench/dist/search-mo/run.js [--seeds 10] [--trials 100] [--no-optuna] [--problems ZDT1,ZDT2,DTLZ2]
    [--searchers random,nsga2,tpe,bayes] [--update] [--out file.json]
  --update: rerun only these searchers, keep the other runs of bench/results/search-mo.json`;
const { values: args } = benchArgs(USAGE, {
  seeds: { type: 'string' }, trials: { type: 'string' }, 'no-optuna': { type: 'boolean' },
  problems: { type: 'string' }, searchers: { type: 'string' }, update: { type: 'boolean' }, out: { type: 'string' },
});
const seeds = positiveInt(USAGE, 'seeds', args.seeds, 10);
const trials = positiveInt(USAGE, 'trials', args.trials, 100);
const problemNames = nameList(USAGE, 'problems', 'problem', args.problems, MO_PROBLEMS.map((p) => p.name), ['ZDT1', 'ZDT2', 'DTLZ2']);
const problems = MO_PROBLEMS.filter((p) => problemNames.includes(p.name));

const allSearchers: Record<string, () => Searcher> = {
  random: () => new RandomSearcher(),
  nsga2: () => new Nsga2Searcher(),
  tpe: () => new TpeSearcher(),
  bayes: () => new BayesSearcher(),
};
const searcherNames = nameList(USAGE, 'searchers', 'searcher', args.searchers, Object.keys(allSearchers));
const searchers = Object.fromEntries(Object.entries(allSearchers).filter(([name]) => searcherNames.includes(name)));
const resultsFile = join(benchDir, 'results', 'search-mo.json');

interface Run { searcher: string; problem: string; seed: number; hypervolume: number; ms_per_trial: number }
const runs: Run[] = [];
for (const p of problems) {
  for (const [name, make] of Object.entries(searchers)) {
    for (let seed = 0; seed < seeds; seed++) {
      const r = runMoStudy(make(), p, trials, seed);
      runs.push({ searcher: name, problem: p.name, seed, hypervolume: r.hypervolume, ms_per_trial: r.msPerSuggestion });
    }
    process.stderr.write(`${p.name} ${name} done\n`);
  }
}

let optuna: { optuna: string; runs: Run[] } | undefined;
const python = '/usr/bin/python3';
if (args.update) {
  // Keep every run of the results file except those of the searchers just run.
  const previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as { optuna: string | null; runs: Run[] };
  runs.push(...previous.runs.filter((r) => !(r.searcher in searchers) && !r.searcher.startsWith('optuna-')));
  optuna = previous.optuna ? { optuna: previous.optuna, runs: previous.runs.filter((r) => r.searcher.startsWith('optuna-')) } : undefined;
} else if (!args['no-optuna'] && existsSync(python)) {
  const out = join(mkdtempSync(join(tmpdir(), 'hs-search-mo-')), 'optuna.json');
  const r = spawnSync(python, [join(benchDir, 'search_mo_optuna.py'), '--seeds', String(seeds), '--trials', String(trials), '--problems', problems.map((p) => p.name).join(','), '--out', out], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status === 0) optuna = JSON.parse(readFileSync(out, 'utf8'));
  else process.stderr.write('Optuna side by side skipped: the Python script failed\n');
}

const all = [...runs, ...(optuna?.runs ?? [])];
const summary = problems.flatMap((p) =>
  [...new Set(all.filter((r) => r.problem === p.name).map((r) => r.searcher))].map((searcher) => {
    const rs = all.filter((r) => r.problem === p.name && r.searcher === searcher);
    return { problem: p.name, searcher, hypervolume: meanInterval(rs.map((r) => r.hypervolume)), ms_per_trial: rs.reduce((a, r) => a + r.ms_per_trial, 0) / rs.length };
  }),
);
const record = {
  bench: 'search-mo', date: new Date().toISOString(), trials, seeds, optuna: optuna?.optuna ?? null,
  problems: problems.map((p) => ({ name: p.name, reference: p.reference, maximum: p.maximum ?? null })),
  summary, runs: all,
};
saveResults('search-mo.json', record, { out: args.out });

const fmt = (x: number) => (Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
const lines = [`| searcher | ${problems.map((p) => `${p.name} (true front ${p.maximum})`).join(' | ')} | ms per trial |`, `|---|${problems.map(() => '---|').join('')}---|`];
for (const searcher of [...new Set(summary.map((s) => s.searcher))].sort()) {
  const cells = problems.map((p) => {
    const s = summary.find((x) => x.problem === p.name && x.searcher === searcher)!.hypervolume;
    return `${fmt(s.mean)} [${fmt(s.low)}, ${fmt(s.high)}]`;
  });
  const ms = summary.filter((s) => s.searcher === searcher).reduce((a, s) => a + s.ms_per_trial, 0) / problems.length;
  lines.push(`| ${searcher} | ${cells.join(' | ')} | ${ms.toFixed(1)} |`);
}
process.stdout.write(`Hypervolume after ${trials} trials, mean [95 % interval] over ${seeds} seeds:\n\n${lines.join('\n')}\n`);
