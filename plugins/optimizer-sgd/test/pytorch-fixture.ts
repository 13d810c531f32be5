import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = JSON.parse(readFileSync(resolve(repoRoot, '../shared/fixtures/pytorch/optimizers.json'), 'utf8')) as {
  initial: Record<'w' | 'b', Arr>;
  gradients: Record<'w' | 'b', Arr>[];
  optimizers: OptimizerCase[];
};

/** PyTorch 1.13 reference: initial parameters w [4, 3] and b [3], 12 gradient steps, and per-configuration trajectories. */
export const initial = { w: fixture.initial.w.data, b: fixture.initial.b.data };
export const gradients = fixture.gradients.map((g) => ({ w: g.w.data, b: g.b.data }));
export const casesOf = (torchClass: string): OptimizerCase[] => fixture.optimizers.filter((o) => o.torch_class === torchClass);
