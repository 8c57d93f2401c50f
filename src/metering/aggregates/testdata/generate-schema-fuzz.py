"""Random (often invalid) `operations` run through newest Gnocchi's OperationsSchema, extract_references and
the no-metric check, with voluptuous 0.12.2 and pyparsing 3.0.9 as a Gnocchi 4.4.2 install has them.
Regenerate with (see generate-differential.py for /tmp/gn):

    PYTHONPATH=/tmp/gn python3 generate-schema-fuzz.py 13 600 > schema-fuzz.json && npx prettier --write schema-fuzz.json
"""
import json
import random
import sys

import voluptuous

from gnocchi.rest.aggregates import api

rng = random.Random(int(sys.argv[1]))
TOKENS = ["metric", "aggregate", "rolling", "resample", "clip", "+", "-", "max", "abs", "rateofchange",
          "mean", "rate:mean", "var", "90pct", "first", "foo", "2", "0", "-1", "1.5", "60", "1h", "x", "nan",
          "a", "b", "()", "(a mean)"]


def atom():
    r = rng.random()
    if r < 0.75:
        return rng.choice(TOKENS[:-2])
    if r < 0.85:
        return rng.choice([1, 2.5, 0, -3, True, None])
    return rng.choice([[], ["a", "mean"], ["a"], {"a": 1}])


def node(depth):
    if depth <= 0 or rng.random() < 0.3:
        return atom()
    head = rng.choice(["metric", "metric", "aggregate", "rolling", "resample", "clip", "+", "max", "abs",
                       "rateofchange", "foo", None])
    n = rng.randint(0, 4)
    items = [node(depth - 1) for _ in range(n)]
    if head == "metric" and rng.random() < 0.5:
        items = [rng.choice([["a", "mean"], ["b", "max"], ["a"], "a", ["a", 1]]) for _ in range(n)]
    if head == "aggregate" and rng.random() < 0.6:
        items = [rng.choice(["mean", "foo", "rate:max"]), node(depth - 1)][: max(n, 1)]
    return ([head] if head is not None else []) + items


def as_string(v):
    if isinstance(v, list):
        return "(" + " ".join(as_string(x) for x in v) + ")"
    return str(v)


def describe(ops):
    try:
        validated = voluptuous.Schema({"operations": api.OperationsSchema})({"operations": ops})["operations"]
    except voluptuous.Invalid as e:
        return {"status": 400, "description": {"cause": "Invalid input", "reason": str(e),
                                               "detail": [str(p) for p in e.path]}}
    except Exception as e:  # pecan's abort for the pyparsing failure
        return {"status": 400, "description": getattr(e, "detail", repr(e))}
    refs = api.extract_references(validated)
    if not refs:
        return {"status": 400, "description": {"cause": "Operations is invalid",
                                               "reason": "At least one 'metric' is required",
                                               "detail": json.loads(json.dumps(validated, default=lambda x: x / 10**9 if hasattr(x, "astype") else str(x)))}}
    return {"status": 200, "references": [list(r) for r in refs]}


cases = []
for n in range(int(sys.argv[2])):
    ops = node(rng.randint(1, 3)) if rng.random() < 0.9 else atom()
    if rng.random() < 0.4 and isinstance(ops, list):
        ops = as_string(ops)
    try:
        cases.append({"operations": ops, **describe(ops)})
    except Exception as e:  # noqa: a crash of Gnocchi's own (a 500)
        cases.append({"operations": ops, "status": 500, "error": type(e).__name__})


def portable(case):
    # NaN has no JSON; such cases are left out.
    try:
        json.dumps(case, allow_nan=False)
        return True
    except ValueError:
        return False


print(json.dumps([c for c in cases if portable(c)]))
