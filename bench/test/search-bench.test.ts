import { BayesSearcher } from '@hyperspec/searcher-bayes';
import { TPE_DEFAULTS } from '@hyperspec/searcher-tpe';
import { describe, expect, it } from 'vitest';
import { HELD_OUT_SET } from '../src/search/held-out-functions.js';
import { parseOptions } from '../src/search/options.js';
import { searchMarkdown } from '../src/search/report.js';
import { runStudy } from '../src/search/run-study.js';
import type { SearchResults } from '../src/search/search-results.js';
import { SEARCHERS } from '../src/search/searchers.js';
import { summarize, welch } from '../src/search/statistics.js';
import { timeSuggestion } from '../src/search/suggestion-timing.js';
import { DEVELOPMENT_SET } from '../src/search/test-functions.js';
import { TUNING_SET } from '../src/search/tuning-functions.js';

describe('search bench (smoke, tiny budgets)', () => {
  it('every test function takes its known global minimum at its known minimiser', () => {
    expect(HELD_OUT_SET.length).toBeGreaterThanOrEqual(6);
    for (const fn of [...DEVELOPMENT_SET, ...TUNING_SET, ...HELD_OUT_SET]) {
      // The library gives minimisers and minima to 4–6 significant digits.
      expect(Math.abs(fn.evaluate(fn.minimiser) - fn.minimum), fn.name).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(fn.minimum)));
    }
  });

  it('held-out functions span 2 to 10 dimensions and differ from the development and tuning sets', () => {
    const dims = HELD_OUT_SET.map((f) => Object.keys(f.space).length);
    expect(Math.min(...dims)).toBe(2);
    expect(Math.max(...dims)).toBe(10);
    const tunedOn = new Set([...DEVELOPMENT_SET, ...TUNING_SET].map((f) => f.name));
    expect(tunedOn.size).toBe(DEVELOPMENT_SET.length + TUNING_SET.length);
    for (const f of HELD_OUT_SET) expect(tunedOn.has(f.name)).toBe(false);
  });

  it('reads its command line: defaults, lists, and budgets within --trials', () => {
    const d = parseOptions([]);
    expect(d).toMatchObject({ seeds: 10, trials: 50, budgets: [50], functions: [], optuna: true, timing: [100, 200, 500] });
    expect(d.searchers).toEqual(Object.keys(SEARCHERS));
    expect(parseOptions(['--', '--seeds', '3', '--trials', '20', '--budgets', '10,20', '--functions', 'Branin,Salomon6', '--searchers', 'tpe', '--no-optuna', '--no-timing', '--out', 'x.json']))
      .toEqual({ seeds: 3, trials: 20, budgets: [10, 20], functions: ['Branin', 'Salomon6'], searchers: ['tpe'], optuna: false, timing: [], out: 'x.json' });
  });

  it('runs every searcher on every function and tracks the best value so far', () => {
    for (const fn of [...DEVELOPMENT_SET, ...TUNING_SET, ...HELD_OUT_SET]) {
      for (const [name, { make }] of Object.entries(SEARCHERS)) {
        const searcher = name === 'bayes' ? new BayesSearcher({ n_initial: 3, candidates: 64, local_starts: 1, fit_restarts: 0 }) : make();
        const curve = runStudy(searcher, fn, 5, 1);
        expect(curve.length).toBe(5);
        for (let i = 1; i < 5; i++) expect(curve[i]).toBeLessThanOrEqual(curve[i - 1]);
        expect(curve[4]).toBeGreaterThanOrEqual(fn.minimum - 1e-3 * Math.max(1, Math.abs(fn.minimum)));
      }
    }
  });

  it('summarises a sample with a t interval and compares two with Welch', () => {
    const s = summarize([1, 2, 3, 10]);
    expect(s.mean).toBe(4);
    expect(s.median).toBe(2.5);
    expect(s.stderr).toBeCloseTo(Math.sqrt(((9 + 4 + 1 + 36) / 3) / 4), 12);
    // t(0.975, 3) = 3.182446
    expect(s.ci95).toBeCloseTo(3.182446 * s.stderr, 5);
    const w = welch(summarize([1, 2, 3, 4, 5]), summarize([6, 7, 8, 9, 10]));
    expect(w.difference).toBe(-5);
    expect(w.df).toBeCloseTo(8, 10);
    // t = −5 with 8 df: two-sided p = 0.001052
    expect(w.p).toBeCloseTo(0.001052, 5);
    expect(w.high).toBeLessThan(0);
  });

  it('times a suggestion', () => {
    expect(timeSuggestion(SEARCHERS.random.make, 5, 1)).toBeGreaterThanOrEqual(0);
  });

  it('renders both sets, the comparisons and the TPE defaults from results', () => {
    const seeds = [0, 1, 2];
    const best: SearchResults['best'] = {};
    for (const fn of ['Branin', 'Levy5']) {
      best[fn] = { 5: { random: [3, 4, 5], tpe: [1, 1.1, 1.2], 'optuna-random': [3, 4, 5.5], 'optuna-tpe': [2, 2.1, 2.2], 'optuna-tpe-multivariate': [1, 1.1, 1.2] } };
    }
    const r: SearchResults = {
      command: 'node bench/dist/search/run.js --seeds 3', date: '2000-01-01T00:00:00.000Z',
      machine: { cpu: 'cpu', cores: 2, node: 'v20', loadAverageStart: [1, 1, 1], loadAverageEnd: [2, 2, 2] },
      seeds: seeds.length, budgets: [5], sets: { development: ['Branin'], heldOut: ['Levy5'] },
      functions: { Branin: { dimensions: 2, minimum: 0.397887 }, Levy5: { dimensions: 5, minimum: 0 } },
      best, searchers: { random: 'r', tpe: 't' }, tpeDefaults: TPE_DEFAULTS,
      optuna: { version: '3.1.0', python: 'py', samplers: { 'optuna-tpe': 'TPESampler(seed=seed)' }, seconds: {}, checkedPoints: 21,
        tpe: { multivariate: false, constant_liar: false, n_startup_trials: 10, n_ei_candidates: 24, consider_prior: true, prior_weight: 1, consider_magic_clip: true, consider_endpoints: false, SIGMA0_MAGNITUDE: 0.2, 'gamma(n) at n = 10, 50, 100, 300': [1, 5, 10, 25] } },
      timing: {},
    };
    const md = searchMarkdown(r);
    expect(md).toContain('### Development set');
    expect(md).toContain('### Held-out set');
    expect(md).toMatch(/\| Levy5 \| \*\*better\*\*: -1.00 /);
    expect(md).toContain('| multivariate (one kernel over all parameters) | multivariate: true | multivariate | false |');
    expect(md).toMatch(/Where they differ: multivariate[^;]*; constant liar/);
  });
});
