import { describe, expect, it } from 'vitest';
import { describeOptimizerConformance, makeSlots, replayGradients } from '@hyperspec/core/testing';
import { Lion, lionDescriptor } from '../src/index.js';

// Schema, zero gradients, learning-rate scaling, a convex quadratic, and save/load continuing bit for bit.
describeOptimizerConformance(lionDescriptor);

describe('lion update rule', () => {
  it('matches two steps computed by hand', () => {
    const lion = new Lion({ beta1: 0.9, beta2: 0.99, weight_decay: 0.1 });
    const slots = makeSlots({ p: [1, -2, 0.5] });
    const [first, second] = replayGradients(lion, slots, [{ p: [0.5, 0.1, -0.3] }, { p: [-0.2, 0.3, 0.001] }], 0.1);
    // Step 1: m = 0, so c = 0.1·g = [0.05, 0.01, −0.03] → sign [1, 1, −1];
    // p = p − 0.1·(sign + 0.1·p) = [0.89, −2.08, 0.595]; m = 0.01·g = [0.005, 0.001, −0.003].
    expect(Array.from(first.p)).toEqual([0.89, -2.08, 0.595].map(Math.fround));
    // Step 2: c = 0.9·m + 0.1·g = [−0.0155, 0.0309, −0.0026] → sign [−1, 1, −1] (the third follows the
    // momentum against its positive gradient); p = [0.89 + 0.0911, −2.08 − 0.0792, 0.595 + 0.09405].
    [0.9811, -2.1592, 0.68905].forEach((v, i) => expect(second.p[i]).toBeCloseTo(v, 6));
    // m = 0.99·m + 0.01·g = [0.00295, 0.00399, −0.00296].
    const m = lion.saveState().slots.p.exp_avg;
    [0.00295, 0.00399, -0.00296].forEach((v, i) => expect(m[i]).toBeCloseTo(v, 8));
  });
});
