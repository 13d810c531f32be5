import { expectFixtureCount, PYTORCH_FIXTURES_DIR, readPytorchFixture } from './pytorch-fixtures.js';

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

/** Configurations and steps the generator writes; fewer means a truncated or stale file. */
const CONFIGURATIONS = 10;
const STEPS = 12;

/**
 * The PyTorch 1.13 optimizer reference (`optimizers.json`): initial parameters w [4, 3] and b [3],
 * 12 gradient steps, and the trajectory of every configuration. Shared by every optimizer plugin's
 * tests, a third party's too. `casesOf` throws when the fixture has no configuration of the class.
 */
export function loadOptimizerFixture(fixturesDir: string = PYTORCH_FIXTURES_DIR) {
  const fixture = readPytorchFixture<{
    initial: Record<'w' | 'b', Arr>;
    gradients: Record<'w' | 'b', Arr>[];
    optimizers: OptimizerCase[];
  }>('optimizers.json', fixturesDir);
  expectFixtureCount('optimizers.json', 'configurations', fixture.optimizers.length, CONFIGURATIONS);
  expectFixtureCount('optimizers.json', 'gradient steps', fixture.gradients.length, STEPS);
  for (const o of fixture.optimizers) expectFixtureCount('optimizers.json', `steps of ${o.name}`, o.trajectory.length, STEPS);
  return {
    initial: { w: fixture.initial.w.data, b: fixture.initial.b.data },
    gradients: fixture.gradients.map((g) => ({ w: g.w.data, b: g.b.data })),
    casesOf: (torchClass: string): OptimizerCase[] => {
      const cases = fixture.optimizers.filter((o) => o.torch_class === torchClass);
      if (cases.length === 0) throw new Error(`optimizers.json has no ${torchClass} configuration`);
      return cases;
    },
  };
}
