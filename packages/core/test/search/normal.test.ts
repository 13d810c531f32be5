import { describe, expect, it } from 'vitest';
import { erfc, erfcx, logNormalCdf, normalQuantile } from '../../src/search/normal.js';

// Reference values from scipy.special 1.17 (erfc, erfcx, log_ndtr, ndtri).
const close = (got: number, want: number, rel = 1e-12) => expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want) + 1e-300);

describe('normal distribution helpers', () => {
  it('erfc keeps relative accuracy into the far tail', () => {
    const xs = [-30, -10, -5, -3, -2.5, -2.49, -1, -0.3, 0, 0.2, 1, 2.4, 2.5, 2.6, 4, 8, 20, 26];
    const want = [2.0, 2.0, 1.9999999999984626, 1.9999779095030015, 1.999593047982555, 1.9995707121322661, 1.8427007929497148,
      1.3286267594591274, 1.0, 0.7772974107895215, 0.15729920705028516, 0.0006885138966450789, 0.00040695201744495886,
      0.000236034416529349, 1.541725790028002e-8, 1.1224297172982928e-29, 5.395865611607901e-176, 5.663192408856145e-296];
    xs.forEach((x, i) => close(erfc(x), want[i], 1e-12));
  });

  it('erfcx is finite and accurate for large arguments', () => {
    const xs = [-3, -2.5, -2.49, -1, -0.3, 0, 0.2, 1, 2.4, 2.5, 2.6, 4, 8, 20, 26];
    const want = [16205.988853999586, 1035.8148429726227, 985.3850845830316, 5.008980080762283, 1.4537492328427655, 1.0,
      0.8090195199015808, 0.427583576155807, 0.21849873453703333, 0.2108063640611436, 0.20361324735670924, 0.1369994576250614,
      0.06998516620088094, 0.028174348741051323, 0.02168358485056291];
    xs.forEach((x, i) => close(erfcx(x), want[i], 1e-12));
  });

  it('log Φ does not underflow', () => {
    const zs = [-40, -20, -8, -3.6, -3.5, -1, 0, 2, 6];
    const want = [-804.6084420137539, -203.9171553710973, -35.01343715991456, -8.7459236318874, -8.366065308344094,
      -1.8410216450092634, -0.6931471805599453, -0.023012909328963476, -9.86587645524372e-10];
    zs.forEach((z, i) => close(logNormalCdf(z), want[i], 1e-10));
  });

  it('the quantile inverts Φ', () => {
    const ps = [1e-300, 1e-10, 0.01, 0.02425, 0.3, 0.5, 0.9, 0.999999];
    const want = [-37.0470962993612, -6.361340902404056, -2.3263478740408408, -1.972961051311885, -0.5244005127080409, 0,
      1.2815515655446004, 4.753424308817087];
    ps.forEach((p, i) => expect(Math.abs(normalQuantile(p) - want[i])).toBeLessThan(1e-9));
  });
});
