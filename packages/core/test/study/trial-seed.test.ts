import { describe, expect, it } from 'vitest';
import { trialSeed } from '@hyperspec/core/study';

describe('trial seeds', () => {
  it('are the spec seed plus the trial number, wrapped into the seed range [0, 2^32 − 1]', () => {
    expect(trialSeed(7, 3)).toBe(10);
    expect(trialSeed(2 ** 32 - 1, 0)).toBe(2 ** 32 - 1);
    expect(trialSeed(2 ** 32 - 1, 1)).toBe(0);
    expect(trialSeed(2 ** 32 - 2, 5)).toBe(3);
  });
});
