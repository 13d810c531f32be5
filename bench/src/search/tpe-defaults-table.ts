import type { SearchResults } from './search-results.js';

/**
 * Our TPE defaults beside Optuna's TPESampler defaults, both read when the bench ran (TPE_DEFAULTS and
 * Optuna's constructor signature, default_gamma, SIGMA0_MAGNITUDE): the rows say where they differ.
 */
export function tpeDefaultsTable(r: SearchResults): string[] {
  if (!('version' in r.optuna)) return [];
  const o = r.optuna.tpe;
  const t = r.tpeDefaults;
  // Results written before the option existed were measured with equal weights.
  const goodWeights = t.good_weights ?? 'uniform';
  const ns = (o['gamma(n) at n = 10, 50, 100, 300'] as number[] | undefined) ?? [];
  const ourGamma = [10, 50, 100, 300].map((n) => Math.min(Math.ceil(t.gamma * n), t.gamma_max));
  const rows: [string, string, string, string, boolean][] = [
    ['multivariate (one kernel over all parameters)', `multivariate: ${t.multivariate}`, 'multivariate', String(o.multivariate), t.multivariate === o.multivariate],
    ['constant liar (running trials count as bad)', `constant_liar: ${t.constant_liar}`, 'constant_liar', String(o.constant_liar), t.constant_liar === o.constant_liar],
    ['random start-up trials', `n_startup_trials: ${t.n_startup_trials}`, 'n_startup_trials', String(o.n_startup_trials), t.n_startup_trials === o.n_startup_trials],
    ['candidates per suggestion', `n_ei_candidates: ${t.n_ei_candidates}`, 'n_ei_candidates', String(o.n_ei_candidates), t.n_ei_candidates === o.n_ei_candidates],
    ['size of the good group at n = 10, 50, 100, 300 trials', `min(⌈${t.gamma}·n⌉, ${t.gamma_max}) = ${ourGamma.join(', ')}`, 'gamma(n)', ns.join(', '), ourGamma.join() === ns.join()],
    ['prior kernel weight', `prior_weight: ${t.prior_weight}`, 'consider_prior, prior_weight', `${String(o.consider_prior)}, ${String(o.prior_weight)}`, o.consider_prior === t.prior_weight > 0 && t.prior_weight === o.prior_weight],
    ['multivariate bandwidth factor c in c·n^(−1/(d+4))·range', `bandwidth_factor: ${t.bandwidth_factor}`, 'SIGMA0_MAGNITUDE', String(o.SIGMA0_MAGNITUDE), t.bandwidth_factor === o.SIGMA0_MAGNITUDE],
    ['bandwidth floor', `min_bandwidth: ${t.min_bandwidth}·range; magic clip (magic_clip: ${t.magic_clip}) in univariate mode only (plugins/searcher-tpe/src/parzen-estimator.ts)`, 'consider_magic_clip', String(o.consider_magic_clip), false],
    ['weights of the good group\'s kernels (one objective)', `good_weights: ${goodWeights}`, 'weights', 'default_weights (equal up to 25 trials)', goodWeights === 'uniform'],
    ['endpoints widen the outer kernels', `endpoints: ${t.endpoints}`, 'consider_endpoints', String(o.consider_endpoints), t.endpoints === o.consider_endpoints],
  ];
  // Results written before the option existed were measured with one width for every kernel: no row.
  const adaptive = (t as Partial<typeof t>).adaptive_bandwidth;
  if (adaptive !== undefined) rows.push(['per-kernel multivariate bandwidths from a pilot density (Abramson)', `adaptive_bandwidth: ${adaptive}`, '—', 'one width for every kernel', adaptive === 0]);
  // Results written before the option existed were measured with the joint kernels alone: no row.
  const stackG = (t as Partial<typeof t>).stack_share_g;
  if (stackG !== undefined) rows.push(['g(x) stacked with per-parameter mixtures of the latest 50 bad trials (share)', `stack_share_g: ${stackG}`, '—', 'joint kernels only (multivariate)', stackG === 0]);
  const differ = rows.filter((row) => !row[4]).map(([what]) => what);
  return [
    `### TPE: our defaults against Optuna ${r.optuna.version}'s TPESampler`,
    '',
    `Both columns are read from the code when the bench ran (\`TPE_DEFAULTS\` of @hyperspec/searcher-tpe; the TPESampler constructor's defaults, \`default_gamma\` and \`SIGMA0_MAGNITUDE\` of Optuna). The \`tpe\` column of the tables above is our TPE in these defaults; \`optuna-tpe\` is TPESampler in its defaults and \`optuna-tpe-multivariate\` adds \`multivariate=True\`.`,
    '',
    '| what | hyperspec `tpe` | Optuna option | Optuna default |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.slice(0, 4).join(' | ')} |`),
    '',
    `Where they differ: ${differ.length ? differ.join('; ') : 'nowhere'}. The studies above run one trial at a time, so no trial is running when a suggestion is made and \`constant_liar\` changes nothing in them.`,
    '',
  ];
}
