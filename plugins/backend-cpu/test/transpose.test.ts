import { describe, expect, it } from 'vitest';
import { cpuKernels } from '@hyperspec/backend-cpu';
import { referenceTranspose } from '@hyperspec/core/testing';

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

// The CPU transpose merges axes that stay adjacent and drops unit axes before choosing a loop;
// every permutation must still agree with the plain reference.
describe('cpu transpose', () => {
  for (const shape of [[2, 1, 3, 4], [3, 1, 5], [1, 4, 1, 2], [33, 2, 35]]) {
    it(`matches the reference for every permutation of [${shape.join(', ')}]`, () => {
      const size = shape.reduce((a, b) => a * b, 1);
      const x = Float32Array.from({ length: size }, (_, i) => i);
      for (const perm of permutations(shape.length)) {
        const out = new Float32Array(size).fill(NaN);
        cpuKernels.transpose(x, shape, perm, out);
        expect(Array.from(out), `perm [${perm.join(', ')}]`).toEqual(referenceTranspose(x, shape, perm));
      }
    });
  }
});
