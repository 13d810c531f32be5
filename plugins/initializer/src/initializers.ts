import type { Initializer } from '@hyperspec/core';

// Glorot & Bengio 2010 ("Understanding the difficulty of training deep feedforward neural networks")
// and He et al. 2015 ("Delving Deep into Rectifiers"); fans follow PyTorch's convention.

function uniform(limit: (fan: { fanIn: number; fanOut: number }) => number): Initializer {
  return {
    fill(out, _shape, fan, rng) {
      const a = limit(fan);
      for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * a;
    },
  };
}

function normal(std: (fan: { fanIn: number; fanOut: number }) => number): Initializer {
  return {
    fill(out, _shape, fan, rng) {
      const s = std(fan);
      for (let i = 0; i < out.length; i++) out[i] = rng.normal() * s;
    },
  };
}

export const glorotUniform = uniform(({ fanIn, fanOut }) => Math.sqrt(6 / (fanIn + fanOut)));
export const glorotNormal = normal(({ fanIn, fanOut }) => Math.sqrt(2 / (fanIn + fanOut)));
export const heUniform = uniform(({ fanIn }) => Math.sqrt(6 / fanIn));
export const heNormal = normal(({ fanIn }) => Math.sqrt(2 / fanIn));

export function constant(value: number): Initializer {
  return { fill: (out) => void out.fill(value) };
}
