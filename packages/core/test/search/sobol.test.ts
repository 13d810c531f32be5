import { describe, expect, it } from 'vitest';
import { SobolSequence } from '../../src/search/sobol.js';

describe('SobolSequence', () => {
  it('matches the Joe–Kuo Sobol points (reference: scipy.stats.qmc.Sobol, scramble=False)', () => {
    const sobol = new SobolSequence(32);
    const dims = [0, 1, 5, 13, 20, 31];
    const want: Record<number, number[]> = {
      1: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
      2: [0.75, 0.25, 0.75, 0.25, 0.25, 0.25],
      5: [0.875, 0.875, 0.625, 0.125, 0.625, 0.625],
      100: [0.4140625, 0.2578125, 0.7421875, 0.8515625, 0.7578125, 0.4140625],
      1023: [0.0009765625, 0.7529296875, 0.4384765625, 0.6650390625, 0.8662109375, 0.6142578125],
    };
    for (const [index, values] of Object.entries(want)) {
      const p = sobol.point(Number(index));
      dims.forEach((d, j) => expect(p[d]).toBeCloseTo(values[j], 8));
    }
  });

  it('scrambled points stay a net: each of 2^k elementary intervals holds one of the first 2^k points', () => {
    const sobol = new SobolSequence(4, 1234);
    for (let d = 0; d < 4; d++) {
      const seen = new Set<number>();
      for (let i = 0; i < 64; i++) seen.add(Math.floor(sobol.point(i)[d] * 64));
      expect(seen.size).toBe(64);
    }
    // Pairs of dimensions: 16 points fill a 4×4 grid exactly once (t = 0 for the first dimensions).
    const cells = new Set<number>();
    for (let i = 0; i < 16; i++) {
      const p = sobol.point(i);
      cells.add(Math.floor(p[0] * 4) * 4 + Math.floor(p[1] * 4));
    }
    expect(cells.size).toBe(16);
  });

  it('is deterministic by seed and differs between seeds', () => {
    const a = new SobolSequence(3, 7).point(5);
    const b = new SobolSequence(3, 7).point(5);
    const c = new SobolSequence(3, 8).point(5);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    for (const x of a) expect(x > 0 && x < 1).toBe(true);
  });

  it('fills dimensions past the table with values in (0, 1)', () => {
    const p = new SobolSequence(40, 3).point(9);
    for (const x of p) expect(x > 0 && x < 1).toBe(true);
  });
});
