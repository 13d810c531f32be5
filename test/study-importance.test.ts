import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStudy } from 'hyperspec';
import { tempDir } from './cli-helpers.js';
import { cli } from './search-helpers.js';

const space = { x: { type: 'uniform', low: 0, high: 1 }, y: { type: 'uniform', low: 0, high: 1 }, z: { type: 'uniform', low: 0, high: 1 } };

describe('hyperspec study --importance', () => {
  it('ranks the parameters of a constructed objective: the dominant first, the irrelevant last; --objective picks another objective', async () => {
    const dir = tempDir();
    const db = join(dir, 'study.db');
    const study = await openStudy({ name: 'constructed', space, directions: ['minimize', 'maximize'], names: ['cost', 'gain'], searcher: { type: 'random' }, storage: { type: 'sqlite', path: db } });
    await study.optimize((t) => {
      const { x, y, z } = t.params as Record<string, number>;
      // cost: x dominates, y is minor, z irrelevant; gain: z alone.
      return [10 * x + 3 * y, 3 * z];
    }, { trials: 60 });
    await study.close();

    const first = cli(['study', db, '--importance'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/importance of the parameters for cost \(fANOVA share of its variance\):\n {2}x .*\n {2}y .*\n {2}z /);
    const json = cli(['study', db, '--importance', '--objective', 'gain', '--json'], dir);
    expect(json.code, json.stderr).toBe(0);
    const [result] = JSON.parse(json.stdout) as { objective: string; importance: { name: string; importance: number }[] }[];
    expect(result.objective).toBe('gain');
    expect(result.importance[0].name).toBe('z');
    expect(result.importance[0].importance).toBeGreaterThan(0.8);
    const bad = cli(['study', db, '--importance', '--objective', 'speed'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--objective speed: study "constructed" has the objectives 1: cost, 2: gain/);
  });
});
