import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli-helpers.js';
import { cli, exampleSpec, readStudies, searchOutput, writeSpec } from './search-helpers.js';

describe('a two-objective search on iris: validation accuracy against the number of parameters', () => {
  it('keeps a Pareto front of at least 3 trials, prints it, and writes a spec per member that retrains to the same values', async () => {
    const dir = tempDir();
    // examples/search-iris-pareto.yaml, shortened: 12 trials of 6 epochs, generations of 6. One trial at
    // a time, so the generations NSGA-II breeds from (and so the front) do not depend on timing.
    const spec = exampleSpec('search-iris-pareto.yaml');
    spec.train.epochs = 6;
    spec.search = { ...spec.search, trials: 12, parallel: 1, searcher: { type: 'nsga2', population_size: 6 } };
    const file = writeSpec(dir, 'iris-mo', spec);
    const r = cli(['search', file], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = searchOutput(r) as ReturnType<typeof searchOutput> & { pareto: { trial: number; values: number[] }[]; pareto_specs: string[] };
    expect(out).toMatchObject({ trials: 12, complete: 12, best: null });
    expect(out.pareto.length).toBeGreaterThanOrEqual(3);
    expect(r.stderr).toMatch(/Pareto front \(\d+ trials no other trial beats in every objective\):\nfront\s+trial\s+val_accuracy\s+parameters/);

    // The front is exactly the non-dominated feasible trials (accuracy up, parameters down, at most 1500).
    const [stored] = await readStudies(join(out.study_dir, 'study.db'));
    const feasible = stored.trials.filter((t) => t.values![1] <= 1500);
    expect(feasible.every((t) => t.constraints![0] === t.values![1] - 1500)).toBe(true);
    const dominated = (a: number[]) => feasible.some(({ values: [acc, size] }) => acc! >= a[0] && size! <= a[1] && (acc! > a[0] || size! < a[1]));
    expect(out.pareto.map((p) => p.trial).sort((a, b) => a - b)).toEqual(feasible.filter((t) => !dominated(t.values!)).map((t) => t.number));

    const summary = cli(['study', out.study_dir], dir);
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toMatch(/maximize val_accuracy, minimize parameters/);
    expect(summary.stdout).toMatch(/\d+ of 12 complete trials feasible/);
    expect(summary.stdout).toMatch(new RegExp(`Pareto front \\(${out.pareto.length} trials`));

    expect(out.pareto_specs).toHaveLength(out.pareto.length);
    for (const [i, spec] of out.pareto_specs.entries()) {
      expect(readFileSync(spec, 'utf8')).not.toMatch(/^search:/m);
      const train = cli(['train', spec, '--quiet'], dir);
      expect(train.code, train.stderr).toBe(0);
      const trained = JSON.parse(train.stdout.trim().split('\n').pop()!);
      // Each spec carries its trial's values and seed, so training it repeats the trial: the trial was
      // judged at its best epoch for val_accuracy (objectives[0].at defaults to best).
      const epochs = readFileSync(join(trained.run_dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).val_accuracy as number);
      expect(Math.max(...epochs)).toBe(out.pareto[i].values[0]);
      const report = JSON.parse(readFileSync(join(trained.run_dir, 'report.json'), 'utf8'));
      expect(report.parameters).toBe(out.pareto[i].values[1]);
    }
  });
});
