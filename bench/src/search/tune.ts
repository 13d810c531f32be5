// Quick look while tuning defaults: mean best value at the end of a study for searcher settings, on
// the development and tuning sets only (never the held-out set, which would stop being held out).
// With `--off-centre`, every function runs on a narrowed box that moves a centred optimum away from the
// box centre (off-centre.ts): a change that only helps by leaning towards the centre shows there.
// Each cell is mean ± standard error over the seeds. Every setting after the first also gets one
// number for the whole set: the mean over functions of (its mean − the first setting's mean) divided
// by random search's regret there (random's mean − f*), in %; negative favours it. Two draws of one
// setting (other seeds) differ by about 1 % at 80 seeds, so smaller differences are noise.
import type { Searcher } from '@hyperspec/core';
import { BayesSearcher } from '@hyperspec/searcher-bayes';
import { RandomSearcher } from '@hyperspec/searcher-random';
import { TpeSearcher } from '@hyperspec/searcher-tpe';
import { benchArgs, nameList, positiveInt, usageError } from '../bench-args.js';
import { offCentre } from './off-centre.js';
import { runStudy } from './run-study.js';
import { summarize } from './statistics.js';
import { DEVELOPMENT_SET } from './test-functions.js';
import { TUNING_SET } from './tuning-functions.js';

const USAGE = `usage: node bench/dist/search/tune.js [--settings '{"label":{options},…}'] [--seeds 5] [--trials 50]
  [--searcher bayes|tpe] [--functions A,B] [--first-seed 0] [--off-centre]`;
const { values } = benchArgs(USAGE, {
  settings: { type: 'string' }, seeds: { type: 'string' }, trials: { type: 'string' }, searcher: { type: 'string' },
  functions: { type: 'string' }, 'first-seed': { type: 'string' }, 'off-centre': { type: 'boolean' },
});
const settings = parseSettings(values.settings ?? '{"default":{}}');
const seeds = positiveInt(USAGE, 'seeds', values.seeds, 5);
const trials = positiveInt(USAGE, 'trials', values.trials, 50);
const firstSeed = Number(values['first-seed'] ?? 0);
if (!Number.isInteger(firstSeed) || firstSeed < 0) usageError(USAGE, `--first-seed must be a non-negative integer (got ${values['first-seed']})`);
const searcherName = values.searcher ?? 'bayes';
if (searcherName !== 'tpe' && searcherName !== 'bayes') usageError(USAGE, `--searcher must be tpe or bayes (got ${JSON.stringify(searcherName)})`);
const make = (o: Record<string, unknown>): Searcher => (searcherName === 'tpe' ? new TpeSearcher(o) : new BayesSearcher(o));
const known = [...DEVELOPMENT_SET, ...TUNING_SET];
const wanted = nameList(USAGE, 'functions', 'function', values.functions, known.map((f) => f.name));
const functions = known.filter((f) => wanted.includes(f.name)).map((f) => (values['off-centre'] ? offCentre(f) : f));

function parseSettings(text: string): Record<string, Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, Record<string, unknown>>;
  } catch {
    // reported below
  }
  return usageError(USAGE, `--settings must be a JSON object of labelled option objects (got ${text})`);
}
const finalValues = (searcher: () => Searcher, fn: (typeof functions)[number]): number[] =>
  Array.from({ length: seeds }, (_, i) => runStudy(searcher(), fn, trials, firstSeed + i)[trials - 1]);
const randomRegret = functions.map((fn) => summarize(finalValues(() => new RandomSearcher({ sobol: false }), fn)).mean - fn.minimum);
let first: number[] | undefined;
for (const [label, options] of Object.entries(settings)) {
  const means = functions.map((fn) => summarize(finalValues(() => make(options), fn)));
  const cells = functions.map((fn, i) => `${fn.name} ${means[i].mean.toPrecision(4)} ± ${means[i].stderr.toPrecision(2)}`);
  let whole = '';
  if (first) {
    const shares = means.map((m, i) => (m.mean - first![i]) / randomRegret[i]);
    whole = ` | ${((100 * shares.reduce((a, b) => a + b, 0)) / shares.length).toFixed(2)} % of random's regret`;
  } else first = means.map((m) => m.mean);
  console.log(label.padEnd(16), cells.join('  ') + whole);
}
