import { spawnSync } from 'node:child_process';

/** True when `python3 -c 'import optuna'` works on this machine. */
export function optunaAvailable(): boolean {
  const r = spawnSync('python3', ['-c', 'import optuna'], { stdio: 'ignore' });
  return r.status === 0;
}

/** The samplers compared when Optuna is present (labels as in the table). */
export const OPTUNA_SAMPLERS = ['optuna-random', 'optuna-tpe', 'optuna-tpe-multivariate', 'optuna-cmaes'] as const;

/** The same four functions, bounds and budgets in Python; prints JSON {sampler: {function: [best after each trial] per seed}}. */
const SCRIPT = String.raw`
import json, math, sys
import optuna
optuna.logging.set_verbosity(optuna.logging.WARNING)
seeds, trials = int(sys.argv[1]), int(sys.argv[2])
def branin(x):
    b = 5.1 / (4 * math.pi ** 2); c = 5 / math.pi; t = 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[v * 1e-4 for v in r] for r in [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991], [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]]
AL = [1.0, 1.2, 3.0, 3.2]
def hartmann(x):
    return -sum(AL[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(6))) for i in range(4))
def rosen(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(3))
def ackley(x):
    d = len(x)
    return -20 * math.exp(-0.2 * math.sqrt(sum(v * v for v in x) / d)) - math.exp(sum(math.cos(2 * math.pi * v) for v in x) / d) + 20 + math.e
FUNCS = {'Branin': (branin, [(-5, 10), (0, 15)]), 'Hartmann6': (hartmann, [(0, 1)] * 6), 'Rosenbrock4': (rosen, [(-5, 10)] * 4), 'Ackley5': (ackley, [(-32.768, 32.768)] * 5)}
def sampler(name, seed):
    if name == 'optuna-random': return optuna.samplers.RandomSampler(seed=seed)
    if name == 'optuna-tpe': return optuna.samplers.TPESampler(seed=seed)
    if name == 'optuna-tpe-multivariate': return optuna.samplers.TPESampler(seed=seed, multivariate=True)
    return optuna.samplers.CmaEsSampler(seed=seed)
out = {}
for name in ['optuna-random', 'optuna-tpe', 'optuna-tpe-multivariate', 'optuna-cmaes']:
    out[name] = {}
    for fname, (f, bounds) in FUNCS.items():
        runs = []
        for seed in range(seeds):
            study = optuna.create_study(sampler=sampler(name, seed))
            study.optimize(lambda t: f([t.suggest_float('x%d' % i, lo, hi) for i, (lo, hi) in enumerate(bounds)]), n_trials=trials)
            best, curve = math.inf, []
            for t in study.trials:
                best = min(best, t.value); curve.append(best)
            runs.append(curve)
        out[name][fname] = runs
print(json.dumps({'version': optuna.__version__, 'results': out}))
`;

export interface OptunaResults {
  version: string;
  /** sampler → function → per seed, best value after each trial. */
  results: Record<string, Record<string, number[][]>>;
}

/** Runs Optuna's samplers on the same problems (only call when `optunaAvailable()`). */
export function runOptuna(seeds: number, trials: number): OptunaResults {
  const r = spawnSync('python3', ['-c', SCRIPT, String(seeds), String(trials)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`optuna run failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as OptunaResults;
}

/** Mean best of 20 seeds at 50 trials with Optuna 3.1, as quoted in the issue (not measured here). */
export const OPTUNA_QUOTED_50: Record<string, Record<string, number>> = {
  Branin: { 'optuna-random': 1.41, 'optuna-tpe': 0.583, 'optuna-tpe-multivariate': 0.581, 'optuna-cmaes': 1.67 },
  Hartmann6: { 'optuna-random': -1.74, 'optuna-tpe': -2.58, 'optuna-tpe-multivariate': -2.93, 'optuna-cmaes': -2.53 },
  Rosenbrock4: { 'optuna-random': 4077, 'optuna-tpe': 549, 'optuna-tpe-multivariate': 358, 'optuna-cmaes': 198 },
  Ackley5: { 'optuna-random': 17.6, 'optuna-tpe': 12.5, 'optuna-tpe-multivariate': 11.6, 'optuna-cmaes': 10.2 },
};
