import { Rng, type SearchSpace, type TrialRecord } from '@hyperspec/core';
import { FeatureLayout, flattenSpace } from '@hyperspec/core/search';
import { describe, expect, it } from 'vitest';
import { BayesSearcher, SCREEN_MASK, TRUST_REGION, maskToCentre, trustRegionBox, trustRegionLength } from '../src/index.js';

describe('trust region (TuRBO-1)', () => {
  it('replays successes and failures: halves after 4 failures in a row, doubles after 3 successes, restarts below the minimum', () => {
    const startUp = [5, 4, 3];
    // Nothing after the start-up trials: the initial side.
    expect(trustRegionLength(startUp, 3)).toBe(TRUST_REGION.initial);
    // 4 failures halve it; 3 failures do not.
    expect(trustRegionLength([...startUp, 9, 9, 9], 3)).toBe(TRUST_REGION.initial);
    expect(trustRegionLength([...startUp, 9, 9, 9, 9], 3)).toBe(TRUST_REGION.initial / 2);
    // The count restarts after a halving: 8 failures halve twice, 7 once.
    expect(trustRegionLength([...startUp, ...new Array(7).fill(9)], 3)).toBe(TRUST_REGION.initial / 2);
    expect(trustRegionLength([...startUp, ...new Array(8).fill(9)], 3)).toBe(TRUST_REGION.initial / 4);
    // Then 3 improvements in a row double it again (never above the maximum).
    expect(trustRegionLength([...startUp, 9, 9, 9, 9, 2, 1, 0.5], 3)).toBe(Math.min(TRUST_REGION.initial, TRUST_REGION.max));
    // An improvement smaller than 1e-3·|best| is a failure.
    expect(trustRegionLength([...startUp, 2.9999, 2.9998, 2.9997, 2.9996], 3)).toBe(TRUST_REGION.initial / 2);
    // Halving below 0.5⁷ restarts at the initial side.
    const halvings = Math.ceil(Math.log2(TRUST_REGION.initial / TRUST_REGION.min));
    const failures = new Array(4 * halvings).fill(9);
    expect(trustRegionLength([...startUp, ...failures.slice(0, -1)], 3)).toBeCloseTo(TRUST_REGION.initial / 2 ** (halvings - 1), 12);
    expect(trustRegionLength([...startUp, ...failures], 3)).toBe(TRUST_REGION.initial);
  });

  it('centres the box on the incumbent, scales each side by its length scale over their geometric mean, clips to the cube and spans every option of a choice', () => {
    const space: SearchSpace = { a: { type: 'uniform', low: 0, high: 1 }, b: { type: 'uniform', low: 0, high: 1 }, c: { type: 'choice', values: ['x', 'y'] } };
    const layout = new FeatureLayout(flattenSpace(space));
    const centre = layout.encode({ a: 0.5, b: 0.05, c: 'y' });
    const logLengthscales = new Float64Array(layout.width);
    const col = (name: string) => layout.columns.find((c) => c.def.name === name)!.offset;
    logLengthscales[col('a')] = Math.log(0.4);
    logLengthscales[col('b')] = Math.log(0.1);
    const box = trustRegionBox(layout, centre, logLengthscales, 0.2);
    // Geometric mean of 0.4 and 0.1 is 0.2: sides 0.2·2 = 0.4 and 0.2·0.5 = 0.1.
    expect(box.lower[col('a')]).toBeCloseTo(0.3, 12);
    expect(box.upper[col('a')]).toBeCloseTo(0.7, 12);
    expect(box.lower[col('b')]).toBe(0);
    expect(box.upper[col('b')]).toBeCloseTo(0.1, 12);
    for (let k = col('c'); k < col('c') + 2; k++) expect([box.lower[k], box.upper[k]]).toEqual([0, 1]);
  });

  it('masks screened points to the centre: about p·d coordinates move, always at least one, inside the box', () => {
    const d = 10;
    const centre = new Float64Array(d).fill(0.5);
    const box = { lower: new Float64Array(d).fill(0.4), upper: new Float64Array(d).fill(0.6) };
    const columns = Array.from({ length: d }, (_, i) => i);
    const rng = new Rng(7);
    const p = Math.min(1, SCREEN_MASK.coordinates / d);
    let total = 0;
    const rounds = 2000;
    for (let r = 0; r < rounds; r++) {
      // A point inside the box with no coordinate equal to the centre's.
      const x = Float64Array.from({ length: d }, () => 0.41 + 0.18 * rng.next());
      maskToCentre(x, centre, box, columns, p, rng);
      const moved = columns.filter((j) => x[j] !== centre[j]).length;
      expect(moved).toBeGreaterThanOrEqual(1);
      for (const v of x) expect(v >= 0.4 && v <= 0.6).toBe(true);
      total += moved;
    }
    // Binomial(d, p) with zero moved turned into one: mean d·p + (1 − p)^d (3.03 for p = 0.3).
    const expected = d * p + (1 - p) ** d;
    expect(Math.abs(total / rounds - expected)).toBeLessThan(0.15);
    // With p = 0 exactly one coordinate moves.
    const x = new Float64Array(d).fill(0.45);
    maskToCentre(x, centre, box, columns, 0, rng);
    expect(columns.filter((j) => x[j] !== centre[j]).length).toBe(1);
  });

  it('after many failures, suggests points near the best trial; without the trust region it searches wider', () => {
    // A needle at the corner the searcher never finds: every trial after the start-up is a failure.
    const space: SearchSpace = { x: { type: 'uniform', low: 0, high: 1 }, y: { type: 'uniform', low: 0, high: 1 } };
    const f = (x: number, y: number) => (Math.abs(x - 0.3) + Math.abs(y - 0.6) < 1e-3 ? -100 : Math.sin(13 * x) * Math.cos(11 * y) + (x - 0.3) ** 2);
    const distances = (trustRegion: boolean) => {
      const searcher = new BayesSearcher({ n_initial: 5, candidates: 256, local_starts: 2, fit_restarts: 0, trust_region: trustRegion });
      const trials: TrialRecord[] = [];
      const far: number[] = [];
      for (let i = 0; i < 40; i++) {
        const p = searcher.suggest(space, trials, new Rng(1000 + i), { direction: 'minimize', seed: 4 });
        if (i >= 30) {
          const best = trials.reduce((a, b) => (b.value! < a.value! ? b : a));
          far.push(Math.max(Math.abs(p.x - best.params.x), Math.abs(p.y - best.params.y)));
        }
        trials.push({ number: i, state: 'complete', params: p, value: f(p.x, p.y), intermediate: {} });
      }
      return Math.max(...far);
    };
    const inside = distances(true);
    expect(inside).toBeLessThan(0.25);
    expect(distances(false)).toBeGreaterThan(inside);
  });
});
