// Quick look while tuning defaults: mean best value at the end of a study for searcher settings, on
// the development and tuning sets only (never the held-out set, which would stop being held out).
// node bench/dist/search/tune.js '{"label":{options}}' [seeds=5] [trials=50] [tpe|bayes] [functions A,B] [first seed=0]
import type { Searcher } from '@hyperspec/core';
import { BayesSearcher } from '@hyperspec/searcher-bayes';
import { TpeSearcher } from '@hyperspec/searcher-tpe';
import { runStudy } from './run-study.js';
import { DEVELOPMENT_SET } from './test-functions.js';
import { TUNING_SET } from './tuning-functions.js';

const settings: Record<string, Record<string, unknown>> = JSON.parse(process.argv[2] ?? '{"default":{}}');
const seeds = Number(process.argv[3] ?? 5);
const firstSeed = Number(process.argv[7] ?? 0);
const trials = Number(process.argv[4] ?? 50);
const make = (o: Record<string, unknown>): Searcher => (process.argv[5] === 'tpe' ? new TpeSearcher(o) : new BayesSearcher(o));
const wanted = (process.argv[6] ?? '').split(',').filter(Boolean);
const functions = [...DEVELOPMENT_SET, ...TUNING_SET].filter((f) => !wanted.length || wanted.includes(f.name));
for (const [label, options] of Object.entries(settings)) {
  const row: string[] = [];
  for (const fn of functions) {
    let sum = 0;
    for (let s = firstSeed; s < firstSeed + seeds; s++) sum += runStudy(make(options), fn, trials, s)[trials - 1];
    row.push(`${fn.name} ${(sum / seeds).toPrecision(4)}`);
  }
  console.log(label.padEnd(16), row.join('  '));
}
