// Quick look while tuning defaults: mean hypervolume of searcher settings on the tuning problems only.
import type { Searcher } from '@hyperspec/core';
import { BayesSearcher } from '@hyperspec/searcher-bayes';
import { Nsga2Searcher } from '@hyperspec/searcher-nsga2';
import { TpeSearcher } from '@hyperspec/searcher-tpe';
import { MO_PROBLEMS } from './problems.js';
import { runMoStudy } from './run-mo-study.js';

const settings: Record<string, Record<string, unknown>> = JSON.parse(process.argv[2] ?? '{"default":{}}');
const seeds = Number(process.argv[3] ?? 6);
const which = process.argv[4] ?? 'tuning';
const make = (o: Record<string, unknown>): Searcher => (process.argv[5] === 'nsga2' ? new Nsga2Searcher(o) : process.argv[5] === 'bayes' ? new BayesSearcher(o) : new TpeSearcher(o));
for (const [label, options] of Object.entries(settings)) {
  const row: string[] = [];
  for (const p of MO_PROBLEMS.filter((x) => which === 'all' || x.set === which)) {
    let sum = 0;
    for (let s = 0; s < seeds; s++) sum += runMoStudy(make(options), p, 100, s).hypervolume;
    row.push(`${p.name} ${(sum / seeds).toFixed(3)}`);
  }
  console.log(label.padEnd(24), row.join('  '));
}
