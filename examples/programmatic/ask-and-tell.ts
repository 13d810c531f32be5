// Ask and tell by hand: you decide when and how each trial runs. Here a function with two objectives
// (cost and error, both minimised) and one constraint; the study keeps their Pareto front.
import { openStudy } from 'hyperspec';

export async function askAndTell(trials = 40): Promise<{ x: number; y: number; cost: number; error: number }[]> {
  const study = await openStudy({
    space: { x: { type: 'uniform', low: 0, high: 1 }, y: { type: 'uniform', low: 0, high: 1 } },
    directions: ['minimize', 'minimize'],
    names: ['cost', 'error'],
    searcher: { type: 'nsga2', population_size: 8 },
  });
  for (let i = 0; i < trials; i++) {
    const trial = await study.ask();
    const { x, y } = trial.params as { x: number; y: number };
    const cost = x;
    const error = (1 - x) ** 2 + y;
    await study.tell(trial, [cost, error], { constraints: [0.1 - x] }); // feasible when x ≥ 0.1
  }
  const front = await study.pareto();
  await study.close();
  return front.map((e) => ({ x: e.params.x as number, y: e.params.y as number, cost: e.values![0], error: e.values![1] }));
}
