#!/usr/bin/env python3
"""scikit-learn's LogisticRegression() (SetFit's default head) on small fixed data sets, for
testlogisticregression.

    ~/.cache/domaintune/reference-venv/bin/python tests/reference/make_logreg.py [OUT]

Writes tests/reference/logreg/sklearn.json: for each case the inputs (x, y, classes) and
scikit-learn's predict_proba on them and on held-out points, with the version that made it.
Cases: three overlapping classes (multinomial), two classes (binary, one weight vector), unit
vectors like normalised sentence embeddings, and a C other than 1.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))


def case(name, rng, classes, per_class, dims, spread, c=1.0, normalise=False):
    centres = rng.normal(size=(classes, dims))
    x = np.concatenate([centres[k] + spread * rng.normal(size=(per_class, dims))
                        for k in range(classes)])
    y = np.repeat(np.arange(classes), per_class)
    held = np.concatenate([centres[k] + spread * rng.normal(size=(4, dims))
                           for k in range(classes)])
    if normalise:
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        held /= np.linalg.norm(held, axis=1, keepdims=True)
    x = np.round(x, 6)
    held = np.round(held, 6)
    model = LogisticRegression(C=c).fit(x, y)
    return {"name": name, "c": c, "classes": classes, "x": x.tolist(), "y": y.tolist(),
            "held_out": held.tolist(), "probabilities": model.predict_proba(x).tolist(),
            "held_out_probabilities": model.predict_proba(held).tolist(),
            "iterations": int(model.n_iter_[0])}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "logreg", "sklearn.json")
    rng = np.random.default_rng(20261207)
    cases = [case("three-classes", rng, 3, 20, 6, 1.2),
             case("binary", rng, 2, 25, 5, 1.5),
             case("unit-vectors", rng, 4, 8, 24, 0.9, normalise=True),
             case("strong-l2", rng, 3, 10, 4, 1.0, c=0.05)]
    with open(out, "w") as f:
        json.dump({"generator": "tests/reference/make_logreg.py",
                   "sklearn": sklearn.__version__, "cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
