import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '@hyperspec/storage-memory';
import { isHyperspecError, type Searcher } from '@hyperspec/core';
import { Study, type StudyOptions } from '@hyperspec/core/study';
import { randomSearcher, thresholdPruner } from './fake-study.js';

const space = { x: { type: 'uniform' as const, low: 0, high: 1 } };
const multi: Searcher = { ...randomSearcher, multiObjective: true };

function options(over: Partial<StudyOptions> = {}): StudyOptions {
  return { storage: new MemoryStorage(), searcher: multi, name: 's', space, specSpace: space, objectives: [{ metric: 'loss', direction: 'minimize' }], seed: 1, ...over };
}

async function error(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isHyperspecError(e), 'must reject with a HyperspecError').toBe(true);
  return e as Error;
}

describe('Study (ask and tell core)', () => {
  it('records the best feasible trial in the meta, not a better infeasible one', async () => {
    const o = options();
    const study = await Study.open(o);
    for (const [value, c] of [[0.5, -1], [0.1, 2], [0.3, 0], [0.4, -0.5]]) {
      const t = (await study.ask())!;
      await study.tell(t.number, { state: 'complete', values: [value], constraints: [c] });
    }
    const [info] = await o.storage.studies();
    expect(info.meta.best).toMatchObject({ number: 2, value: 0.3 });
    const board = await study.leaderboard();
    expect(board.map((e) => [e.number, e.feasible])).toEqual([[2, true], [3, true], [0, true], [1, false]]);
    study.close();
  });

  it('keeps the Pareto front of several objectives in the meta', async () => {
    const o = options({ objectives: [{ metric: 'acc', direction: 'maximize' }, { metric: 'size', direction: 'minimize' }] });
    const study = await Study.open(o);
    for (const values of [[0.9, 100], [0.95, 300], [0.8, 200], [0.97, 300]]) {
      const t = (await study.ask())!;
      await study.tell(t.number, { state: 'complete', values });
    }
    const [info] = await o.storage.studies();
    // Ordered by the first objective, best first.
    expect((info.meta.pareto as { number: number }[]).map((p) => p.number)).toEqual([3, 0]);
    study.close();
  });

  it('records a trial failed when its values do not fit the objectives, saying why', async () => {
    const o = options({ objectives: [{ metric: 'a', direction: 'minimize' }, { metric: 'b', direction: 'minimize' }] });
    const study = await Study.open(o);
    const t1 = (await study.ask())!;
    await study.tell(t1.number, { state: 'complete', values: [1] });
    const t2 = (await study.ask())!;
    await study.tell(t2.number, { state: 'complete', values: [1, NaN] });
    const trials = await study.trials();
    expect(trials.map((t) => [t.state, t.reason])).toEqual([['failed', 'the trial gave 1 value(s) for 2 objective(s) (a, b)'], ['failed', 'the objective b ended as NaN']]);
    study.close();
  });

  it('asks within the budget only, and refuses what cannot work: a pruner or a one-objective searcher with several objectives, changed objectives', async () => {
    const study = await Study.open(options({ budget: 2 }));
    expect((await study.ask())!.number).toBe(0);
    expect((await study.ask())!.number).toBe(1);
    expect(await study.ask()).toBeNull();
    study.close();
    const two = [{ metric: 'a', direction: 'minimize' as const }, { metric: 'b', direction: 'maximize' as const }];
    expect((await error(Study.open(options({ objectives: two, pruner: thresholdPruner(1) })))).message).toMatch(/cannot prune a study with several objectives/);
    expect((await error(Study.open(options({ objectives: two, searcher: randomSearcher })))).message).toMatch(/this searcher optimises one objective/);
    const storage = new MemoryStorage();
    (await Study.open(options({ storage }))).close();
    expect((await error(Study.open(options({ storage, objectives: two })))).message).toMatch(/optimises loss \(minimize\), but this one's objectives are a \(minimize\), b \(maximize\)/);
    expect((await error(Study.open(options({ storage, constraints: [{ metric: 'parameters', max: 10 }] })))).message).toMatch(/constraints none, but this one's are parameters ≤ 10/);
  });
});
