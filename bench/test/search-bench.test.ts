import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BayesSearcher } from '@hyperspec/searcher-bayes';
import { describe, expect, it } from 'vitest';
import { formatReport, writeSearchSection, type SearchBenchResults } from '../src/search/report.js';
import { runStudy } from '../src/search/run-study.js';
import { SEARCHERS } from '../src/search/searchers.js';
import { summarize } from '../src/search/statistics.js';
import { timeSuggestion } from '../src/search/suggestion-timing.js';
import { ackley5, branin, hartmann6, rosenbrock4, TEST_FUNCTIONS } from '../src/search/test-functions.js';

describe('search bench (smoke, tiny budgets)', () => {
  it('test functions take their known minima at the known minimisers', () => {
    expect(branin.evaluate({ x0: Math.PI, x1: 2.275 })).toBeCloseTo(0.397887, 5);
    expect(hartmann6.evaluate({ x0: 0.20169, x1: 0.150011, x2: 0.476874, x3: 0.275332, x4: 0.311652, x5: 0.6573 })).toBeCloseTo(-3.32237, 4);
    expect(rosenbrock4.evaluate({ x0: 1, x1: 1, x2: 1, x3: 1 })).toBe(0);
    expect(ackley5.evaluate({ x0: 0, x1: 0, x2: 0, x3: 0, x4: 0 })).toBeCloseTo(0, 12);
  });

  it('runs every searcher on every function and tracks the best value so far', () => {
    for (const fn of TEST_FUNCTIONS) {
      for (const [name, make] of Object.entries(SEARCHERS)) {
        const searcher = name === 'bayes' ? new BayesSearcher({ n_initial: 3, candidates: 64, local_starts: 1, fit_restarts: 0 }) : make();
        const curve = runStudy(searcher, fn, 5, 1);
        expect(curve.length).toBe(5);
        for (let i = 1; i < 5; i++) expect(curve[i]).toBeLessThanOrEqual(curve[i - 1]);
        expect(curve[4]).toBeGreaterThanOrEqual(fn.minimum - 1e-4);
      }
    }
  });

  it('summarises a sample', () => {
    const s = summarize([1, 2, 3, 10]);
    expect(s.mean).toBe(4);
    expect(s.median).toBe(2.5);
    expect(s.stderr).toBeCloseTo(Math.sqrt(((9 + 4 + 1 + 36) / 3) / 4), 12);
  });

  it('times a suggestion', () => {
    expect(timeSuggestion(SEARCHERS.random, 5, 1)).toBeGreaterThanOrEqual(0);
  });

  it('formats the report and replaces only the search section of the benchmarks page', () => {
    const best: SearchBenchResults['best'] = {};
    for (const fn of ['Branin', 'Hartmann6', 'Rosenbrock4', 'Ackley5']) best[fn] = { 50: { random: summarize([1, 2]), bayes: summarize([0.398, 0.399]) } };
    const results: SearchBenchResults = {
      command: 'test', date: '2000-01-01', machine: { nproc: 2, cpu: 'cpu', node: 'v20' }, seeds: 2, budgets: [50], best,
      timing: { random: { 100: 0.01 } }, optuna: { measured: false },
    };
    const report = formatReport(results);
    expect(report).toContain('quoted from the issue');
    expect(report).toMatch(/\| Branin \| 50 \| 1.50 ± 0.500 \(1.50\) \| 0.399/);
    expect(report).toContain('0.583');
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-'));
    const page = path.join(dir, 'benchmarks.md');
    writeFileSync(page, '# B\n<!-- engine:start -->\nengine\n<!-- engine:end -->\n<!-- search:start -->\nold\n<!-- search:end -->\ntail\n');
    writeSearchSection(page, report);
    const text = readFileSync(page, 'utf8');
    expect(text).toContain('<!-- engine:start -->\nengine\n<!-- engine:end -->');
    expect(text).not.toContain('old');
    expect(text).toContain('## Hyperparameter search');
    expect(text.endsWith('<!-- search:end -->\ntail\n')).toBe(true);
  });
});
