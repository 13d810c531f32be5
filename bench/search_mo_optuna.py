#!/usr/bin/env python3
"""Optuna 3.1 on the multi-objective problems of bench/src/search-mo (issue 17's bar), for side-by-side numbers.

    /usr/bin/python3 bench/search_mo_optuna.py --seeds 10 --trials 100 --out bench/results/search-mo-optuna.json

Samplers: RandomSampler, NSGAIISampler (defaults: population 50), TPESampler(multivariate=True), each
seeded with the seed. Problems and reference points match problems.ts (6 variables in [0, 1]); the
hypervolume of all trials' values is Optuna's own exact WFG (`optuna._hypervolume.WFG`).
"""
import argparse
import json
import math
import time

import numpy as np
import optuna
from optuna._hypervolume import WFG

D = 6


def tail_mean(x):
    return sum(x[1:]) / (len(x) - 1)


def zdt1(x):
    g = 1 + 9 * tail_mean(x)
    return x[0], g * (1 - math.sqrt(x[0] / g))


def zdt2(x):
    g = 1 + 9 * tail_mean(x)
    return x[0], g * (1 - (x[0] / g) ** 2)


def zdt3(x):
    g = 1 + 9 * tail_mean(x)
    r = x[0] / g
    return x[0], g * (1 - math.sqrt(r) - r * math.sin(10 * math.pi * x[0]))


def zdt6(x):
    f1 = 1 - math.exp(-4 * x[0]) * math.sin(6 * math.pi * x[0]) ** 6
    g = 1 + 9 * tail_mean(x) ** 0.25
    return f1, g * (1 - (f1 / g) ** 2)


def dtlz2(x):
    g = sum((v - 0.5) ** 2 for v in x[1:])
    return (1 + g) * math.cos(x[0] * math.pi / 2), (1 + g) * math.sin(x[0] * math.pi / 2)


def dtlz7(x):
    g = 1 + 9 * tail_mean(x)
    f1 = x[0]
    return f1, g * (2 - (f1 / g) * (1 + math.sin(3 * math.pi * f1)))


PROBLEMS = {
    "ZDT1": (zdt1, [1.1, 5.0]), "ZDT2": (zdt2, [1.1, 5.0]), "DTLZ2": (dtlz2, [1.1, 1.1]),
    "ZDT3": (zdt3, [1.1, 5.0]), "ZDT6": (zdt6, [1.1, 10.0]), "DTLZ7": (dtlz7, [1.1, 25.0]),
}

SAMPLERS = {
    "optuna-random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "optuna-nsga2": lambda seed: optuna.samplers.NSGAIISampler(seed=seed),
    "optuna-tpe": lambda seed: optuna.samplers.TPESampler(multivariate=True, seed=seed),
}


def hypervolume(values, reference):
    pts = np.asarray(values, dtype=float)
    ref = np.asarray(reference, dtype=float)
    inside = pts[np.all(pts < ref, axis=1)]
    return float(WFG().compute(inside, ref)) if len(inside) else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--problems", default="ZDT1,ZDT2,DTLZ2")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    out = {"optuna": optuna.__version__, "trials": args.trials, "runs": []}
    for name in args.problems.split(","):
        fn, ref = PROBLEMS[name]
        for label, make in SAMPLERS.items():
            for seed in range(args.seeds):
                study = optuna.create_study(directions=["minimize", "minimize"], sampler=make(seed))
                started = time.perf_counter()
                study.optimize(lambda t: fn([t.suggest_float(f"x{i}", 0, 1) for i in range(D)]), n_trials=args.trials)
                seconds = time.perf_counter() - started
                hv = hypervolume([t.values for t in study.trials], ref)
                out["runs"].append({"searcher": label, "problem": name, "seed": seed, "hypervolume": hv, "ms_per_trial": 1000 * seconds / args.trials})
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
