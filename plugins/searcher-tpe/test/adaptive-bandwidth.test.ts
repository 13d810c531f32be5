import { type SearchSpace } from '@hyperspec/core';
import { flattenSpace } from '@hyperspec/core/search';
import { describe, expect, it } from 'vitest';
import { ADAPTIVE_CLAMP, PILOT_WINDOW, abramsonFactors } from '../src/adaptive-bandwidth.js';
import { ParzenEstimator } from '../src/parzen-estimator.js';

const ones = (n: number) => new Float64Array(n).fill(1);
const points = (...xs: number[][]) => xs.map((x) => Float64Array.from(x));

describe('adaptive bandwidths (Abramson)', () => {
  it('narrows kernels in a cluster and widens an isolated one, by the square-root law', () => {
    const obs = points([0.2, 0.2], [0.22, 0.21], [0.19, 0.23], [0.21, 0.18], [0.8, 0.7]);
    const h = 0.1;
    const f = abramsonFactors(obs, ones(5), [0, 1], h, 0.5)!;
    for (let k = 0; k < 4; k++) expect(f[k]).toBeLessThan(1);
    expect(f[4]).toBeGreaterThan(1);
    // Unclamped, λ_k = (f̃_k / G)^(−½) multiplies to 1 over the kernels: check against a direct pilot.
    const pilot = obs.map((x) => obs.reduce((s, y) => s + Math.exp(-((x[0] - y[0]) ** 2 + (x[1] - y[1]) ** 2) / (2 * h * h)), 0));
    const g = Math.exp(pilot.reduce((s, p) => s + Math.log(p), 0) / pilot.length);
    pilot.forEach((p, k) => expect(f[k]).toBeCloseTo(Math.min(ADAPTIVE_CLAMP, Math.max(1 / ADAPTIVE_CLAMP, (p / g) ** -0.5)), 10));
  });

  it('clamps the factors, ignores choice dimensions and needs three observations', () => {
    // Ten at 0.5 (different options of a choice in dimension 1) and one far off: unclamped, the loner's
    // factor would be (1 / 10^(10/11))^(−½) ≈ 2.85.
    const obs = [...Array.from({ length: 10 }, (_, i) => Float64Array.from([0.5, i % 3])), Float64Array.from([0.99, 2])];
    const f = abramsonFactors(obs, ones(11), [0], 0.01, 0.5)!;
    expect(f[10]).toBe(ADAPTIVE_CLAMP);
    for (let k = 0; k < 10; k++) expect(f[k]).toBeCloseTo(f[0], 12);
    expect(f[0]).toBeLessThan(1);
    expect(abramsonFactors(obs.slice(0, 2), ones(2), [0], 0.1, 0.5)).toBeUndefined();
    expect(abramsonFactors(obs, ones(11), [0], 0.1, 0)).toBeUndefined();
  });

  it('weights the pilot by the observation weights and sums it over the latest observations only', () => {
    const obs = points([0.1], [0.5], [0.9]);
    const f = abramsonFactors(obs, [1, 1, 10], [0], 0.05, 0.5)!;
    expect(f[2]).toBeLessThan(f[0]);
    // The 20 oldest keep the fixed width; the window's own pilot decides the rest (a loner at 0.95 widens).
    const many = Array.from({ length: PILOT_WINDOW + 20 }, (_, i) => Float64Array.from([i === PILOT_WINDOW + 19 ? 0.95 : 0.5 + (i % 10) / 100]));
    const g = abramsonFactors(many, ones(many.length), [0], 0.02, 0.5)!;
    for (let k = 0; k < 20; k++) expect(g[k]).toBe(1);
    expect(g[PILOT_WINDOW + 19]).toBe(ADAPTIVE_CLAMP);
    expect(g[25]).toBeLessThan(1);
    expect(Array.from(g.subarray(20))).toEqual(Array.from(abramsonFactors(many.slice(20), ones(PILOT_WINDOW), [0], 0.02, 0.5)!));
  });

  it('gives the multivariate estimator a normalised density with per-kernel widths', () => {
    const space: SearchSpace = { x: { type: 'uniform', low: 0, high: 1 }, y: { type: 'uniform', low: 0, high: 1 } };
    const params = flattenSpace(space);
    const obs = points([0.2, 0.2], [0.22, 0.21], [0.19, 0.23], [0.8, 0.7]);
    const base = { priorWeight: 1, magicClip: true, endpoints: false, multivariate: true, bandwidthFactor: 0.1, minBandwidth: 0 };
    const adaptive = new ParzenEstimator(params, obs, { ...base, adaptiveBandwidth: 0.5 });
    const fixed = new ParzenEstimator(params, obs, base);
    const m = 200;
    let integral = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) integral += Math.exp(adaptive.logPdf(Float64Array.from([(i + 0.5) / m, (j + 0.5) / m])));
    expect(integral / (m * m)).toBeCloseTo(1, 3);
    // Narrower kernels in the cluster put more density at its centre; the wider isolated kernel less at its own.
    expect(adaptive.logPdf(Float64Array.from([0.2, 0.21]))).toBeGreaterThan(fixed.logPdf(Float64Array.from([0.2, 0.21])));
    expect(adaptive.logPdf(Float64Array.from([0.8, 0.7]))).toBeLessThan(fixed.logPdf(Float64Array.from([0.8, 0.7])));
  });
});
