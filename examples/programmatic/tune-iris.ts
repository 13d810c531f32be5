// A search driven from code: your own function trains and scores a trial; hyperspec's study proposes
// the parameters (TPE), prunes weak trials (median rule), keeps every trial in SQLite and resumes the
// study when run again. Two trials run at once.
import { openStudy, Session } from 'hyperspec';

export async function tuneIris(dir: string, trials = 8): Promise<{ best: number; params: Record<string, unknown>; trials: number }> {
  const study = await openStudy({
    name: 'iris-from-code',
    dir,
    storage: { type: 'sqlite', path: 'iris-study.db' },
    searcher: { type: 'tpe', n_startup_trials: 4 },
    pruner: { type: 'median', n_startup_trials: 3, n_warmup_steps: 5 },
    space: {
      learning_rate: { type: 'loguniform', low: 0.001, high: 0.3 },
      units: { type: 'int', low: 2, high: 32 },
      activation: { type: 'choice', values: ['relu', 'tanh'] },
    },
    directions: ['maximize'],
    names: ['val_accuracy'],
  });
  try {
    const result = await study.optimize(
      async (trial) => {
        let pruned = false;
        // A session per trial: each has its own engine, so two trials can train at once.
        const fit = await new Session().fit(
          {
            seed: trial.number,
            data: { type: 'iris', standardize: true, validation_split: 0.2 },
            model: { type: 'mlp', hidden_layers: 1, units: trial.params.units, activation: trial.params.activation },
            loss: 'cross_entropy',
            metrics: ['accuracy'],
            train: { epochs: 30, batch_size: 16, optimizer: { type: 'adam', learning_rate: trial.params.learning_rate } },
          },
          {
            callbacks: [
              {
                // Each epoch's score goes to the study; the pruner may stop the trial.
                onEpochEnd: async ({ epoch, metrics }) => {
                  if (!(await trial.report(epoch + 1, metrics.val_accuracy))) return;
                  pruned = true;
                  return 'stop';
                },
              },
            ],
          },
        );
        if (pruned) return { pruned: true };
        return fit.history[fit.history.length - 1].val_accuracy;
      },
      { trials, parallel: 2 },
    );
    return { best: result.best!.value, params: result.best!.params, trials: result.trials.length };
  } finally {
    await study.close();
  }
}
