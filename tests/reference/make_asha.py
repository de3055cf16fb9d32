#!/usr/bin/env python3
"""Decisions of Optuna's SuccessiveHalvingPruner (asynchronous successive halving, ASHA) on
recorded sequences of trial values, for testsuccessivehalving.

    ~/.cache/domaintune/reference-venv/bin/python tests/reference/make_asha.py [OUT]

Writes tests/reference/asha/decisions.json: for each scenario (direction, min_resource,
reduction_factor, min_early_stopping_rate, bootstrap_count) the events in the order they
happened, each {trial, step, value, pruned}. Trials run interleaved (ask/tell), as a study
with parallel trials does: every live trial reports each step, some only every other step, a
few report NaN; a pruned trial reports no more.
"""
import json
import math
import os
import random
import sys

import optuna

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = [
    {"direction": "maximize", "min_resource": 1, "reduction_factor": 4,
     "min_early_stopping_rate": 0, "bootstrap_count": 0, "trials": 16, "steps": 40},
    {"direction": "minimize", "min_resource": 2, "reduction_factor": 3,
     "min_early_stopping_rate": 0, "bootstrap_count": 0, "trials": 12, "steps": 30},
    {"direction": "maximize", "min_resource": 1, "reduction_factor": 2,
     "min_early_stopping_rate": 1, "bootstrap_count": 2, "trials": 10, "steps": 25},
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "asha", "decisions.json")
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    rng = random.Random(20261206)
    scenarios = []
    for spec in SCENARIOS:
        pruner = optuna.pruners.SuccessiveHalvingPruner(
            min_resource=spec["min_resource"], reduction_factor=spec["reduction_factor"],
            min_early_stopping_rate=spec["min_early_stopping_rate"],
            bootstrap_count=spec["bootstrap_count"])
        study = optuna.create_study(direction=spec["direction"], pruner=pruner)
        trials = [study.ask() for _ in range(spec["trials"])]
        curves = [(rng.uniform(0.2, 0.6), rng.uniform(0.0, 0.02), rng.choice([1, 1, 2]))
                  for _ in trials]
        live = set(range(len(trials)))
        events = []
        for step in range(1, spec["steps"] + 1):
            for index in sorted(live):
                start, slope, every = curves[index]
                if step % every:
                    continue
                value = start + slope * step + rng.gauss(0, 0.01)
                if spec["direction"] == "minimize":
                    value = 1.0 - value
                if rng.random() < 0.01:
                    value = float("nan")
                trial = trials[index]
                trial.report(value, step)
                pruned = trial.should_prune()
                events.append({"trial": index, "step": step,
                               "value": None if math.isnan(value) else value,
                               "pruned": pruned})
                if pruned:
                    study.tell(trial, state=optuna.trial.TrialState.PRUNED)
                    live.discard(index)
        for index in sorted(live):
            study.tell(trials[index], curves[index][0])
        scenarios.append({**spec, "events": events})
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump({"generated_by": "tests/reference/make_asha.py",
                   "reference": "optuna.pruners.SuccessiveHalvingPruner",
                   "versions": {"optuna": optuna.__version__},
                   "scenarios": scenarios}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
