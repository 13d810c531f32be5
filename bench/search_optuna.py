"""Optuna side of the search bench (bench/src/search): the same test functions, trial counts and seeds.

Usage (always run with the Python that has Optuna, e.g. /usr/bin/python3):
  search_optuna.py probe                      -> {"version", "samplers": {name: construction}, "tpe": defaults}
  search_optuna.py check < points.json        -> the functions' values at given points (checked against the
                                                 TypeScript definitions before any study runs)
  search_optuna.py run SEEDS TRIALS BUDGETS FUNCTIONS SAMPLERS
                                              -> {sampler: {function: {budget: [best value per seed]}}, "seconds": ...}

Function definitions, domains and minima: Surjanovic & Bingham, Virtual Library of Simulation Experiments
(www.sfu.ca/~ssurjano/optimization.html), as in bench/src/search/test-functions.ts, held-out-functions.ts and tuning-functions.ts (Salomon and Alpine N.1:
Jamil & Yang 2013).
"""
import inspect
import json
import math
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
# TPESampler(multivariate=True) and QMCSampler are marked experimental in 3.1: the warning is noise here.
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def branin(x):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


def hartmann(alpha, a, p):
    def f(x):
        return -sum(alpha[i] * math.exp(-sum(a[i][j] * (x[j] - p[i][j]) ** 2 for j in range(len(x)))) for i in range(4))
    return f


H6 = hartmann([1.0, 1.2, 3.0, 3.2],
              [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]],
              [[v * 1e-4 for v in r] for r in [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                                               [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]])
H3 = hartmann([1.0, 1.2, 3.0, 3.2], [[3, 10, 30], [0.1, 10, 35], [3, 10, 30], [0.1, 10, 35]],
              [[v * 1e-4 for v in r] for r in [[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]]])


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def ackley(x):
    d = len(x)
    return (-20 * math.exp(-0.2 * math.sqrt(sum(v * v for v in x) / d))
            - math.exp(sum(math.cos(2 * math.pi * v) for v in x) / d) + 20 + math.e)


def goldstein_price(x):
    x1, x2 = x
    a = 1 + (x1 + x2 + 1) ** 2 * (19 - 14 * x1 + 3 * x1 * x1 - 14 * x2 + 6 * x1 * x2 + 3 * x2 * x2)
    b = 30 + (2 * x1 - 3 * x2) ** 2 * (18 - 32 * x1 + 12 * x1 * x1 + 48 * x2 - 36 * x1 * x2 + 27 * x2 * x2)
    return a * b


def six_hump_camel(x):
    x1, x2 = x
    return (4 - 2.1 * x1 * x1 + x1 ** 4 / 3) * x1 * x1 + x1 * x2 + (-4 + 4 * x2 * x2) * x2 * x2


def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    f = math.sin(math.pi * w[0]) ** 2
    f += sum((w[i] - 1) ** 2 * (1 + 10 * math.sin(math.pi * w[i] + 1) ** 2) for i in range(len(w) - 1))
    return f + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)


def schwefel(x):
    return 418.9829 * len(x) - sum(v * math.sin(math.sqrt(abs(v))) for v in x)


def styblinski_tang(x):
    return 0.5 * sum(v ** 4 - 16 * v * v + 5 * v for v in x)


def griewank(x):
    return sum(v * v / 4000 for v in x) - math.prod(math.cos(v / math.sqrt(i + 1)) for i, v in enumerate(x)) + 1


def rastrigin(x):
    return 10 * len(x) + sum(v * v - 10 * math.cos(2 * math.pi * v) for v in x)


# The tuning set (bench/src/search/tuning-functions.ts): Salomon, Alpine N.1 and N.2 after Jamil & Yang 2013.
def salomon(x):
    r = math.sqrt(sum(v * v for v in x))
    return 1 - math.cos(2 * math.pi * r) + 0.1 * r


def alpine1(x):
    return sum(abs(v * math.sin(v) + 0.1 * v) for v in x)


def alpine2(x):
    return -math.prod(math.sqrt(v) * math.sin(v) for v in x)


def schaffer2(x):
    x1, x2 = x
    return 0.5 + (math.sin(x1 * x1 - x2 * x2) ** 2 - 0.5) / (1 + 0.001 * (x1 * x1 + x2 * x2)) ** 2


def three_hump_camel(x):
    x1, x2 = x
    return 2 * x1 * x1 - 1.05 * x1 ** 4 + x1 ** 6 / 6 + x1 * x2 + x2 * x2


def shubert(x):
    s = [sum(i * math.cos((i + 1) * v + i) for i in range(1, 6)) for v in x]
    return s[0] * s[1]


SHEKEL_BETA = [v / 10 for v in [1, 2, 2, 4, 4, 6, 3, 7, 5, 5]]
SHEKEL_C = [[4, 1, 8, 6, 3, 2, 5, 8, 6, 7], [4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6],
            [4, 1, 8, 6, 3, 2, 5, 8, 6, 7], [4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6]]


def shekel(x):
    return -sum(1 / (SHEKEL_BETA[i] + sum((x[j] - SHEKEL_C[j][i]) ** 2 for j in range(4))) for i in range(10))


def michalewicz(x):
    return -sum(math.sin(v) * math.sin((i + 1) * v * v / math.pi) ** 20 for i, v in enumerate(x))


FUNCTIONS = {
    "Branin": (branin, [(-5, 10), (0, 15)]),
    "Hartmann6": (H6, [(0, 1)] * 6),
    "Rosenbrock4": (rosenbrock, [(-5, 10)] * 4),
    "Ackley5": (ackley, [(-32.768, 32.768)] * 5),
    "GoldsteinPrice2": (goldstein_price, [(-2, 2)] * 2),
    "SixHumpCamel2": (six_hump_camel, [(-3, 3), (-2, 2)]),
    "Hartmann3": (H3, [(0, 1)] * 3),
    "Levy5": (levy, [(-10, 10)] * 5),
    "Schwefel4": (schwefel, [(-500, 500)] * 4),
    "StyblinskiTang8": (styblinski_tang, [(-5, 5)] * 8),
    "Griewank6": (griewank, [(-600, 600)] * 6),
    "Rastrigin10": (rastrigin, [(-5.12, 5.12)] * 10),
    "Salomon6": (salomon, [(-100, 100)] * 6),
    "Alpine10": (alpine1, [(-10, 10)] * 10),
    "SchafferN2": (schaffer2, [(-100, 100)] * 2),
    "ThreeHumpCamel2": (three_hump_camel, [(-5, 5)] * 2),
    "Shubert2": (shubert, [(-10, 10)] * 2),
    "Shekel4": (shekel, [(0, 10)] * 4),
    "Michalewicz5": (michalewicz, [(0, math.pi)] * 5),
    "Michalewicz10": (michalewicz, [(0, math.pi)] * 10),
    "AlpineN2_10": (alpine2, [(0, 10)] * 10),
}

# Each sampler as constructed, in Optuna's defaults except where a comment says why.
SAMPLERS = {
    "optuna-random": ("RandomSampler(seed=seed)", lambda seed: optuna.samplers.RandomSampler(seed=seed)),
    "optuna-tpe": ("TPESampler(seed=seed)", lambda seed: optuna.samplers.TPESampler(seed=seed)),
    "optuna-tpe-multivariate": ("TPESampler(seed=seed, multivariate=True)",
                                lambda seed: optuna.samplers.TPESampler(seed=seed, multivariate=True)),
    "optuna-cmaes": ("CmaEsSampler(seed=seed)", lambda seed: optuna.samplers.CmaEsSampler(seed=seed)),
    # QMCSampler's default scramble=False ignores the seed (every seed would give the same Sobol points),
    # so the seeds would not be independent runs; scrambling makes them so.
    "optuna-qmc": ("QMCSampler(seed=seed, scramble=True)",
                   lambda seed: optuna.samplers.QMCSampler(seed=seed, scramble=True)),
}


def emit(value):
    print(json.dumps(value), flush=True)


def probe():
    tpe = inspect.signature(optuna.samplers.TPESampler.__init__).parameters
    defaults = {name: p.default for name, p in tpe.items()
                if name in ("consider_prior", "prior_weight", "consider_magic_clip", "consider_endpoints",
                            "n_startup_trials", "n_ei_candidates", "multivariate", "group", "constant_liar")}
    gamma = inspect.signature(optuna.samplers.TPESampler.__init__).parameters["gamma"].default
    from optuna.samplers._tpe import parzen_estimator
    defaults["gamma(n) at n = 10, 50, 100, 300"] = [gamma(n) for n in (10, 50, 100, 300)]
    defaults["SIGMA0_MAGNITUDE"] = parzen_estimator.SIGMA0_MAGNITUDE
    emit({"version": optuna.__version__, "samplers": {k: v[0] for k, v in SAMPLERS.items()}, "tpe": defaults})


def check():
    points = json.load(sys.stdin)
    emit({name: [FUNCTIONS[name][0](x) for x in xs] for name, xs in points.items()})


def run(seeds, trials, budgets, functions, samplers):
    out, seconds = {}, {}
    for sampler in samplers:
        out[sampler] = {}
        started = time.perf_counter()
        for name in functions:
            f, bounds = FUNCTIONS[name]
            per_budget = {b: [] for b in budgets}
            for seed in range(seeds):
                study = optuna.create_study(sampler=SAMPLERS[sampler][1](seed))
                study.optimize(lambda t: f([t.suggest_float(f"x{i}", lo, hi) for i, (lo, hi) in enumerate(bounds)]),
                               n_trials=trials)
                values = [t.value for t in study.trials]
                for b in budgets:
                    per_budget[b].append(min(values[:b]))
            out[sampler][name] = {str(b): v for b, v in per_budget.items()}
            print(f"{sampler} {name} done", file=sys.stderr, flush=True)
        seconds[sampler] = time.perf_counter() - started
    emit({"results": out, "seconds": seconds})


def main(argv):
    if argv[0] == "probe":
        probe()
    elif argv[0] == "check":
        check()
    elif argv[0] == "run":
        run(int(argv[1]), int(argv[2]), [int(b) for b in argv[3].split(",")], argv[4].split(","), argv[5].split(","))
    else:
        raise SystemExit(f"unknown command {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
