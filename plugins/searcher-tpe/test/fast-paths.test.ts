import { Rng, type Direction, type SearchSpace, type TrialRecord } from '@hyperspec/core';
import { constraintViolation, erfcx, flattenSpace, fromUnit, lastIntermediate, logNormalCdf, logNormalPdf, normalCdf, toLoss, unitCell, type ParamDef } from '@hyperspec/core/search';
import { describe, expect, it } from 'vitest';
import { ParzenEstimator, observationWeights } from '../src/parzen-estimator.js';
import { splitTrials } from '../src/split-trials.js';
import { TAIL_ETA, erfcxInterpolated, logNormalMass } from '../src/truncated-normal.js';

// The estimator and the split take shortcuts (kernels left unfinished, a partial selection instead of
// a sort) that promise the same bits as the plain computation. These tests hold them to it.

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log density of the multivariate mixture with one bandwidth for every data kernel (adaptive widths
 * off), computed plainly: every kernel's term in full, added in kernel order.
 */
function plainLogPdf(params: readonly ParamDef[], obs: readonly Float64Array[], bandwidthFactor: number, minBandwidth: number, x: Float64Array): number {
  const n = obs.length;
  const K = n + 1;
  const w = new Float64Array(K);
  w.set(observationWeights(n));
  w[n] = 1;
  const total = w.reduce((a, b) => a + b, 0);
  const scott = bandwidthFactor * Math.max(n, 1) ** (-1 / (params.length + 4));
  const mu = (k: number, j: number) => (k < n ? obs[k][j] : 0.5);
  const sigma = (k: number) => (k < n ? Math.min(1, Math.max(minBandwidth, scott)) : 1);
  const logZ = (k: number, j: number) => logNormalMass(-mu(k, j) / sigma(k), (1 - mu(k, j)) / sigma(k));
  const terms = Array.from({ length: K }, (_, k) => {
    let base = Math.log(w[k] / total);
    params.forEach((p, j) => {
      if (p.distribution.type === 'uniform' || p.distribution.type === 'loguniform') base -= Math.log(sigma(k)) + logZ(k, j) + LOG_SQRT_2PI;
    });
    let t = base;
    params.forEach((p, j) => {
      const d = p.distribution;
      if (d.type === 'choice') {
        const m = d.values.length;
        const row = new Float64Array(m).fill(1 / K);
        if (k < n) row[obs[k][j]] += 1;
        else row.fill(1 / m);
        const sum = row.reduce((a, b) => a + b, 0);
        t += Math.log(row[x[j]] / sum);
      } else if (d.type === 'int') {
        const [a, b] = unitCell(d, fromUnit(d, x[j]));
        t += logNormalMass((a - mu(k, j)) / sigma(k), (b - mu(k, j)) / sigma(k)) - logZ(k, j);
      } else {
        const z = (x[j] - mu(k, j)) / sigma(k);
        t -= 0.5 * z * z;
      }
    });
    return t;
  });
  const max = Math.max(...terms);
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return max + Math.log(sum);
}

describe('Parzen estimator shortcuts', () => {
  const settings = { priorWeight: 1, magicClip: true, endpoints: false, multivariate: true, bandwidthFactor: 0.1, minBandwidth: 0.01 };

  function check(space: SearchSpace, seed: number): number {
    const params = flattenSpace(space);
    const rng = new Rng(seed);
    // Half the observations in a tight cluster, half anywhere: far kernels are left unfinished at the
    // points near the cluster, and at points far from it the cluster's kernels are.
    const draw = (k: number) =>
      Float64Array.from(params, (p) => {
        const d = p.distribution;
        if (d.type === 'choice') return Math.floor(rng.next() * d.values.length);
        const u = k % 2 ? rng.next() : 0.3 + 0.05 * rng.next();
        return d.type === 'int' ? roundToCell(d, u) : u;
      });
    const obs = Array.from({ length: 400 }, (_, k) => draw(k));
    const pe = new ParzenEstimator(params, obs, settings);
    let checked = 0;
    for (let i = 0; i < 200; i++) {
      const x = i % 2 ? draw(i) : pe.sample(rng, 1)[0];
      expect(pe.logPdf(x)).toBe(plainLogPdf(params, obs, settings.bandwidthFactor, settings.minBandwidth, x));
      checked++;
    }
    return checked;
  }

  const roundToCell = (d: ParamDef['distribution'], u: number) => {
    if (d.type !== 'int') return u;
    const [a, b] = unitCell(d, fromUnit(d, u));
    return (a + b) / 2;
  };

  it('gives bit for bit the plain log-sum-exp over every kernel (continuous parameters)', () => {
    const space: SearchSpace = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`x${i}`, { type: 'uniform', low: 0, high: 1 }]));
    expect(check(space, 1)).toBe(200);
    expect(check(space, 2)).toBe(200);
  });

  it('gives bit for bit the plain log-sum-exp with ints and choices among the parameters', () => {
    const space: SearchSpace = {
      a: { type: 'uniform', low: 0, high: 1 },
      n: { type: 'int', low: 1, high: 40 },
      c: { type: 'choice', values: ['p', 'q', 'r'] },
      b: { type: 'loguniform', low: 1e-3, high: 1 },
    };
    expect(check(space, 3)).toBe(200);
  });
});

/** The split as a full sort: complete trials by (violation, loss, number), then pruned ones, running ones bad. */
function sortedSplit(trials: readonly TrialRecord[], nGood: number, direction: Direction, constantLiar: boolean) {
  const complete = trials.filter((t) => t.state === 'complete' && typeof t.value === 'number' && Number.isFinite(t.value));
  const pruned = trials.filter((t) => t.state === 'pruned');
  const running = trials.filter((t) => t.state === 'running' && constantLiar);
  const key = (t: TrialRecord) => [constraintViolation(t.constraints), toLoss(t.value!, direction)];
  complete.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1] || a.number - b.number);
  const progress = (t: TrialRecord) => {
    const last = lastIntermediate(t);
    return last ? [last.step, toLoss(last.value, direction)] : [-Infinity, Infinity];
  };
  pruned.sort((a, b) => progress(b)[0] - progress(a)[0] || progress(a)[1] - progress(b)[1] || a.number - b.number);
  const ranked = [...complete, ...pruned];
  const byNumber = (a: TrialRecord, b: TrialRecord) => a.number - b.number;
  return { good: ranked.slice(0, nGood).sort(byNumber), bad: [...ranked.slice(nGood), ...running].sort(byNumber) };
}

describe('good/bad split by partial selection', () => {
  it('matches a full sort on mixed, shuffled, constrained trials with ties', () => {
    const rng = new Rng(7);
    for (let round = 0; round < 40; round++) {
      const n = 1 + Math.floor(rng.next() * 200);
      const trials: TrialRecord[] = Array.from({ length: n }, (_, number) => {
        const r = rng.next();
        // Values from a few levels, so losses tie and the trial number decides.
        const value = Math.floor(rng.next() * 8);
        if (r < 0.6) return { number, state: 'complete', params: {}, value, intermediate: {}, ...(round % 3 === 0 ? { constraints: [rng.next() - 0.7, rng.next() < 0.1 ? Number.NaN : -1] } : {}) };
        if (r < 0.8) return { number, state: 'pruned', params: {}, intermediate: rng.next() < 0.2 ? {} : { [Math.floor(rng.next() * 3)]: value } };
        if (r < 0.9) return { number, state: 'running', params: {}, intermediate: {} };
        return { number, state: 'failed', params: {}, intermediate: {} };
      });
      // Shuffled input half the time: the result is in number order either way.
      if (round % 2) for (let i = trials.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [trials[i], trials[j]] = [trials[j], trials[i]];
      }
      const nGood = Math.floor(rng.next() * (n + 5));
      for (const direction of ['minimize', 'maximize'] as const) {
        for (const liar of [true, false]) {
          const got = splitTrials(trials, nGood, direction, liar);
          const want = sortedSplit(trials, nGood, direction, liar);
          expect(got.good.map((t) => t.number)).toEqual(want.good.map((t) => t.number));
          expect(got.bad.map((t) => t.number)).toEqual(want.bad.map((t) => t.number));
        }
      }
    }
  });
});

/** logNormalMass as written before its fast path: the direct difference of core's normalCdf. */
function plainLogNormalMass(za: number, zb: number): number {
  if (za <= 0 && zb >= 0 && zb - za > 1e-3) return Math.log((zb > 8.5 ? 1 : normalCdf(zb)) - (za < -8.5 ? 0 : normalCdf(za)));
  if (za > 0) return plainLogNormalMass(-zb, -za);
  const lb = logNormalCdf(zb);
  const la = logNormalCdf(za);
  const mass = lb + Math.log1p(-Math.exp(la - lb));
  if (Number.isFinite(mass)) return mass;
  return logNormalPdf((za + zb) / 2) + Math.log(zb - za);
}

describe('truncation masses by the interpolated tail', () => {
  it('interpolates erfcx on [2.5, 6.02] within a quarter of the error bound the fast path assumes', () => {
    let worst = 0;
    const m = 200000;
    for (let i = 0; i <= m; i++) {
      const x = 2.5 + (3.52 * i) / m + 1e-7 * Math.sin(i);
      if (x > 6.02) continue;
      worst = Math.max(worst, Math.abs(erfcxInterpolated(x) / erfcx(x) - 1));
    }
    expect(worst).toBeLessThan(TAIL_ETA / 4);
  });

  it('gives the plain computation bit for bit, for kernels of every centre and width', () => {
    const rng = new Rng(11);
    const differ: [number, number][] = [];
    const check = (za: number, zb: number) => {
      if (!Object.is(logNormalMass(za, zb), plainLogNormalMass(za, zb))) differ.push([za, zb]);
    };
    for (let i = 0; i < 300000; i++) {
      // A kernel in [0, 1] as the estimator makes them (σ from 1e-3 to 1), and cells of ints inside it.
      const mu = i % 10 === 0 ? Math.round(rng.next() * 40) / 40 : rng.next();
      const sigma = 10 ** (-3 + 3 * rng.next());
      const [a, b] = i % 3 === 0 ? [0, 1] : [rng.next(), rng.next()].sort((p, q) => p - q);
      check((a - mu) / sigma, (b - mu) / sigma);
    }
    // The band the fast path serves, densely: one tail's z from −8.5 to −2.5·√2, the other end beyond 8.5.
    for (let i = 0; i <= 200000; i++) {
      const z = -8.5 + ((8.5 - 2.5 * Math.SQRT2) * i) / 200000;
      check(z, 9 + (i % 7));
      check(-9 - (i % 5), -z);
    }
    expect(differ.slice(0, 5)).toEqual([]);
  });
});
