import { JOE_KUO_DIRECTIONS, SOBOL_MAX_DIMENSIONS } from './sobol-directions.js';

const BITS = 32;

/** Direction numbers V_1..V_32 (scaled by 2^32) of one dimension, by the recurrence of Bratley & Fox (1988). */
function directionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let i = 0; i < BITS; i++) v[i] = (1 << (31 - i)) >>> 0;
    return v;
  }
  const row = JOE_KUO_DIRECTIONS[dimension - 1];
  const s = row[0];
  const a = row[1];
  for (let i = 0; i < Math.min(s, BITS); i++) v[i] = (row[2 + i] << (31 - i)) >>> 0;
  for (let i = s; i < BITS; i++) {
    let x = (v[i - s] ^ (v[i - s] >>> s)) >>> 0;
    for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x = (x ^ v[i - k]) >>> 0;
    v[i] = x;
  }
  return v;
}

function reverseBits(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return ((x >>> 16) | (x << 16)) >>> 0;
}

/**
 * Owen-style nested uniform scrambling by hashing, after B. Burley, "Practical Hash-based Owen
 * Scrambling", JCGT 9(4), 2020 (the Laine–Karras permutation on bit-reversed values with his
 * improved constants): each output bit is flipped by a pseudo-random function of the bits above it,
 * which is what Owen's scrambling does, and keeps the point set a (t, m, s)-net.
 */
function owenScramble(x: number, seed: number): number {
  let y = reverseBits(x);
  y = (y + seed) >>> 0;
  y = (y ^ Math.imul(y, 0x6c50b47c)) >>> 0;
  y = (y ^ Math.imul(y, 0xb82f1e52)) >>> 0;
  y = (y ^ Math.imul(y, 0xc7afe638)) >>> 0;
  y = (y ^ Math.imul(y, 0x8d22f6e6)) >>> 0;
  return reverseBits(y);
}

/** A 32-bit integer hash (the splitmix32 finaliser) for deriving per-dimension seeds. */
export function hash32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Points of the Sobol' sequence (Sobol' 1967; direction numbers of Joe & Kuo 2008), optionally
 * Owen-scrambled with a seed. Point `i` is computed directly from `i` (Gray-code order, as in
 * Antonov & Saleev 1979), so a searcher can ask for "the point numbered by how many trials exist"
 * without keeping state. Dimensions past the table are filled with hashed pseudo-random numbers.
 */
export class SobolSequence {
  private readonly directions: Uint32Array[];
  private readonly seeds: Uint32Array | null;

  constructor(readonly dimensions: number, scrambleSeed?: number) {
    const sobolDims = Math.min(dimensions, SOBOL_MAX_DIMENSIONS);
    this.directions = Array.from({ length: sobolDims }, (_, d) => directionNumbers(d));
    if (scrambleSeed === undefined) {
      this.seeds = null;
    } else {
      this.seeds = new Uint32Array(dimensions);
      let s = hash32(scrambleSeed >>> 0);
      for (let d = 0; d < dimensions; d++) this.seeds[d] = s = hash32(s ^ (d * 0x27d4eb2d));
    }
  }

  /** Writes point `index` (0-based) into `out` (length `dimensions`), each coordinate in (0, 1). */
  point(index: number, out: Float64Array = new Float64Array(this.dimensions)): Float64Array {
    const gray = (index ^ (index >>> 1)) >>> 0;
    for (let d = 0; d < this.dimensions; d++) {
      let x = 0;
      if (d < this.directions.length) {
        const v = this.directions[d];
        for (let bit = 0, g = gray; g !== 0; bit++, g >>>= 1) if (g & 1) x = (x ^ v[bit]) >>> 0;
        if (this.seeds) x = owenScramble(x, this.seeds[d]);
      } else {
        x = hash32((this.seeds ? this.seeds[d] : d * 0x9e3779b9) ^ hash32(index));
      }
      // The half-ulp offset keeps coordinates strictly inside (0, 1).
      out[d] = (x + 0.5) / 4294967296;
    }
    return out;
  }
}
