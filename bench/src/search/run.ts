import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { optunaAvailable, runOptuna } from './optuna-side-by-side.js';
import { formatReport, writeSearchSection, type SearchBenchResults } from './report.js';
import { runStudy } from './run-study.js';
import { SEARCHERS } from './searchers.js';
import { summarize } from './statistics.js';
import { timeSuggestion } from './suggestion-timing.js';
import { TEST_FUNCTIONS } from './test-functions.js';

/*
 * Search benchmark: every searcher on Branin, Hartmann6, Rosenbrock4 and Ackley5 for the largest
 * budget, reading the best value at each reported budget from the same run (the searchers do not
 * look at the budget), over many seeds; then suggestion time at several history sizes.
 *   node bench/dist/search/run.js [--seeds 20] [--budgets 50,100] [--searchers a,b] [--functions A,B]
 *                                 [--timing 100,200,500 | --no-timing] [--write-docs] [--render]
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const seeds = Number(arg('seeds', '20'));
const budgets = arg('budgets', '50,100').split(',').map(Number);
const searchers = arg('searchers', Object.keys(SEARCHERS).join(',')).split(',');
const functions = TEST_FUNCTIONS.filter((f) => arg('functions', TEST_FUNCTIONS.map((t) => t.name).join(',')).split(',').includes(f.name));
const timingSizes = process.argv.includes('--no-timing') ? [] : arg('timing', '100,200,500').split(',').map(Number);
const maxBudget = Math.max(...budgets);

const outDir = path.join(repoRoot, 'bench/results');
const render = process.argv.includes('--render');
// --render re-formats the last saved results (bench/results/search.json) without running anything.
const results: SearchBenchResults = render
  ? (JSON.parse(readFileSync(path.join(outDir, 'search.json'), 'utf8')) as SearchBenchResults)
  : runBench();

function runBench(): SearchBenchResults {
  const results: SearchBenchResults = {
    command: `pnpm --filter @hyperspec/bench run bench:search ${process.argv.slice(2).join(' ')}`.trim(),
    date: new Date().toISOString().slice(0, 10),
    machine: { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    seeds,
    budgets,
    best: {},
    timing: {},
    optuna: { measured: false },
  };

  for (const fn of functions) {
    results.best[fn.name] = Object.fromEntries(budgets.map((b) => [b, {}]));
    for (const name of searchers) {
      const started = Date.now();
      const curves = Array.from({ length: seeds }, (_, seed) => runStudy(SEARCHERS[name](), fn, maxBudget, seed));
      for (const b of budgets) results.best[fn.name][b][name] = summarize(curves.map((c) => c[b - 1]));
      const s = results.best[fn.name][budgets[0]][name];
      process.stderr.write(`${fn.name} ${name}: mean best@${budgets[0]} ${s.mean.toPrecision(4)} ± ${s.stderr.toPrecision(2)} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }
  }

  if (optunaAvailable()) {
    process.stderr.write('optuna found: running it side by side\n');
    const optuna = runOptuna(seeds, maxBudget);
    results.optuna = { measured: true, version: optuna.version };
    for (const [sampler, byFn] of Object.entries(optuna.results)) {
      for (const [fnName, curves] of Object.entries(byFn)) {
        if (!results.best[fnName]) continue;
        for (const b of budgets) results.best[fnName][b][sampler] = summarize(curves.map((c) => c[b - 1]));
      }
    }
  }

  for (const name of searchers) {
    results.timing[name] = {};
    for (const n of timingSizes) {
      results.timing[name][n] = timeSuggestion(SEARCHERS[name], n, name === 'bayes' ? 3 : 15);
      process.stderr.write(`timing ${name} @${n}: ${results.timing[name][n].toFixed(1)} ms\n`);
    }
  }
  return results;
}

const report = formatReport(results);
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'search.json'), JSON.stringify(results, null, 2));
writeFileSync(path.join(outDir, 'search.md'), report + '\n');
if (process.argv.includes('--write-docs')) writeSearchSection(path.join(repoRoot, 'docs/benchmarks.md'), report);
process.stdout.write(report + '\n');
