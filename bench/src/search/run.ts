#!/usr/bin/env node
// Search bench: node bench/dist/search/run.js [--seeds 10] [--trials 50] [--budgets 25,50]
//   [--functions A,B] [--searchers a,b] [--no-optuna] [--timing 100,200,500 | --no-timing] [--out file]
//   (options: ./options.ts)
// Runs our searchers and Optuna's samplers (in a Python child process, at the same time) on the
// development, tuning and held-out functions with the same seeds and trial counts, then times suggestions;
// writes bench/results/search.json and re-renders the docs from bench/results/ (bench/src/render.ts).
import os from 'node:os';
import { TPE_DEFAULTS } from '@hyperspec/searcher-tpe';
import { saveResults } from '../bench-results.js';
import { HELD_OUT_SET } from './held-out-functions.js';
import { parseOptions } from './options.js';
import { checkSameFunctions, probeOptuna, runOptuna } from './optuna-side-by-side.js';
import { runStudy } from './run-study.js';
import type { SearchResults } from './search-results.js';
import { SEARCHERS } from './searchers.js';
import { timeSuggestion } from './suggestion-timing.js';
import { DEVELOPMENT_SET } from './test-functions.js';
import { TUNING_SET } from './tuning-functions.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const loads = () => os.loadavg().map((l) => Number(l.toFixed(2)));
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const { seeds, trials, budgets, functions: wanted, searchers, optuna: withOptuna, timing: timingSizes, out: outArg } = parseOptions(argv);
  const pick = (set: typeof DEVELOPMENT_SET) => set.filter((f) => !wanted.length || wanted.includes(f.name));
  const functions = [...pick(DEVELOPMENT_SET), ...pick(TUNING_SET), ...pick(HELD_OUT_SET)];

  const results: SearchResults = {
    command: `node bench/dist/search/run.js ${argv.join(' ')}`.trim(),
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.availableParallelism(), node: process.version, loadAverageStart: loads(), loadAverageEnd: [] },
    seeds,
    budgets,
    sets: { development: pick(DEVELOPMENT_SET).map((f) => f.name), tuning: pick(TUNING_SET).map((f) => f.name), heldOut: pick(HELD_OUT_SET).map((f) => f.name) },
    functions: Object.fromEntries(functions.map((f) => [f.name, { dimensions: Object.keys(f.space).length, minimum: f.minimum }])),
    best: Object.fromEntries(functions.map((f) => [f.name, Object.fromEntries(budgets.map((b) => [b, {}]))])),
    searchers: Object.fromEntries(searchers.map((s) => [s, SEARCHERS[s].construction])),
    tpeDefaults: { ...TPE_DEFAULTS },
    optuna: { skipped: '--no-optuna' },
    timing: {},
  };

  // Optuna runs in its own process meanwhile: the two sides then share the 2 cores (values, not times, are compared).
  const probe = withOptuna ? probeOptuna() : { skipped: '--no-optuna' };
  let optuna: ReturnType<typeof runOptuna> | null = null;
  let checkedPoints = 0;
  if ('python' in probe) {
    checkedPoints = checkSameFunctions(probe.python, functions);
    log(`optuna ${probe.version} (${probe.python}): same function values as ours; running its samplers alongside`);
    optuna = runOptuna(probe.python, { seeds, trials, budgets, functions: functions.map((f) => f.name), samplers: Object.keys(probe.samplers) }, log);
  } else {
    results.optuna = probe;
    log(`optuna skipped: ${probe.skipped}`);
  }

  for (const fn of functions) {
    for (const name of searchers) {
      const started = Date.now();
      const curves = Array.from({ length: seeds }, (_, seed) => runStudy(SEARCHERS[name].make(), fn, trials, seed));
      for (const b of budgets) results.best[fn.name][b][name] = curves.map((c) => c[b - 1]);
      log(`${fn.name} ${name}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    // Yield so the Optuna child's output is read while we compute.
    await new Promise((r) => setImmediate(r));
  }

  if (optuna && 'python' in probe) {
    const run = await optuna;
    for (const [sampler, byFn] of Object.entries(run.results)) {
      for (const [fnName, byBudget] of Object.entries(byFn)) for (const b of budgets) results.best[fnName][b][sampler] = byBudget[b];
    }
    results.optuna = { version: probe.version, python: probe.python, samplers: probe.samplers, tpe: probe.tpe, seconds: run.seconds, checkedPoints };
  }

  for (const name of searchers) {
    results.timing[name] = {};
    for (const n of timingSizes) {
      results.timing[name][n] = timeSuggestion(SEARCHERS[name].make, n, name === 'bayes' ? 3 : 15);
      log(`timing ${name} @${n}: ${results.timing[name][n].toFixed(1)} ms`);
    }
  }
  results.machine.loadAverageEnd = loads();

  saveResults('search.json', results, { out: outArg });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
