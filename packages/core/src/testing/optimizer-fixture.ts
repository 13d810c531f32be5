import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Arr {
  shape: number[];
  data: number[];
}

export interface OptimizerCase {
  name: string;
  torch_class: string;
  options: Record<string, unknown>;
  trajectory: Record<'w' | 'b', Arr>[];
}

/**
 * The PyTorch 1.13 optimizer reference (`optimizers.json` in `fixturesDir`): initial parameters w [4, 3]
 * and b [3], 12 gradient steps, and the trajectory of every configuration. Shared by every optimizer
 * plugin's tests, a third party's too.
 */
export function loadOptimizerFixture(fixturesDir: string) {
  const fixture = JSON.parse(readFileSync(join(fixturesDir, 'optimizers.json'), 'utf8')) as {
    initial: Record<'w' | 'b', Arr>;
    gradients: Record<'w' | 'b', Arr>[];
    optimizers: OptimizerCase[];
  };
  return {
    initial: { w: fixture.initial.w.data, b: fixture.initial.b.data },
    gradients: fixture.gradients.map((g) => ({ w: g.w.data, b: g.b.data })),
    casesOf: (torchClass: string): OptimizerCase[] => fixture.optimizers.filter((o) => o.torch_class === torchClass),
  };
}
