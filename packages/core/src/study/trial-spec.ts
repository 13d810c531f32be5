import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ParamValues } from '../contracts/search-space.js';
import { hash32 } from '../search/sobol.js';
import { applyParams } from '../spec/apply-params.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import { Rng } from '../util/rng.js';

/**
 * A trial's own seed: the spec's seed plus the trial number. Trial 0 therefore trains exactly like the
 * spec without search (wrapping past 2^32 − 1 to 0), and every trial has different initial weights, shuffling and dropout masks —
 * so a study also samples the seed's noise, which is why `best.yaml` keeps the best trial's seed.
 */
export function trialSeed(specSeed: number, number: number): number {
  // Wrapped into [0, 2^32 − 1], the range of a spec's seed, so a trial near the top stays a valid spec.
  return (specSeed + number) % 2 ** 32;
}

/**
 * The random stream a searcher gets for trial `number`: a function of (spec seed, trial number) only,
 * so the same spec suggests the same trials in any order, after a crash, or in another process.
 */
export function trialRng(specSeed: number, number: number): Rng {
  return new Rng(hash32((hash32(specSeed >>> 0) + number) >>> 0));
}

const PATH_KEY = /(^|_)(path|file|dir|directory|root)$/i;

/**
 * Relative file paths in the data node made absolute against the spec's directory, so a spec written
 * elsewhere (a trial's run directory, the study's best.yaml) still finds its data. Only string options
 * named like paths (`path`, `train_file`, `dir`, ...) that name an existing file are changed.
 */
export function anchorDataPaths<T>(node: T, baseDir: string): T {
  if (Array.isArray(node)) return node.map((n) => anchorDataPaths(n, baseDir)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const anchored = typeof v === 'string' && PATH_KEY.test(k) && !isAbsolute(v) && existsSync(resolve(baseDir, v));
    out[k] = anchored ? resolve(baseDir, v as string) : anchorDataPaths(v, baseDir);
  }
  return out as T;
}

/**
 * The spec a trial trains: the base spec with the trial's values written at their paths, the trial's
 * seed, data paths anchored to the spec's directory and no `search:` block. The same function makes
 * `best.yaml` from the best trial, so training that file repeats the best trial.
 */
export function trialSpec(base: ResolvedSpec, params: ParamValues, number: number, baseDir: string): ResolvedSpec {
  if (!base.search) throw new Error('trialSpec needs a spec with a search block');
  const applied = applyParams(base, base.search.space, params) as ResolvedSpec & { search?: unknown };
  delete applied.search;
  applied.seed = trialSeed(base.seed, number);
  applied.data = anchorDataPaths(applied.data, baseDir);
  return applied;
}
