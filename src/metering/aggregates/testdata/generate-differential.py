"""Differential vectors for the aggregates engine: random series and operations run through Gnocchi's own
processor.aggregated (newest Gnocchi, numpy 1.24). Not part of the build; regenerate with

    git -C <gnocchi clone> archive HEAD gnocchi | tar -x -C /tmp/gn
    PYTHONPATH=/tmp/gn python3 generate-differential.py 13 500 > differential.json && npx prettier --write differential.json

The output is read by ../differential.test.ts.
"""
import json
import math
import random
import sys
import uuid
import warnings

import numpy

from gnocchi import carbonara
from gnocchi.rest.aggregates import api
from gnocchi.rest.aggregates import exceptions
from gnocchi.rest.aggregates import processor

warnings.simplefilter("ignore")
rng = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 13)
IDS = ["aaaaaaaa-0000-4000-8000-00000000000%d" % i for i in range(1, 4)]
BASE = 1420070400  # 2015-01-01T00:00:00Z


class FakeMetric(object):
    def __init__(self, id):
        self.id = uuid.UUID(id)
        self.name = None

    def __eq__(self, other):
        return self.id == other.id


def value():
    r = rng.random()
    if r < 0.05:
        return float("nan")
    if r < 0.08:
        return 0.0
    return float(rng.randint(-20, 20)) / rng.choice([1, 2, 4])


def series(g, span):
    points = sorted(rng.sample(range(span), rng.randint(0, span)))
    return [[(BASE + p * g) * 10**6, value()] for p in points]


def metric_leaf(ids):
    if len(ids) == 1 or rng.random() < 0.5:
        return "(metric %s mean)" % rng.choice(ids)
    chosen = rng.sample(ids, rng.randint(1, len(ids)))
    return "(metric %s)" % " ".join("(%s mean)" % i for i in chosen)


def operand(ids, depth):
    if rng.random() < 0.25:
        return rng.choice(["0", "1", "2.5", "-3", "0.5"])
    return tree(ids, depth)


def tree(ids, depth):
    if depth <= 0 or rng.random() < 0.25:
        return metric_leaf(ids)
    kind = rng.choice(["aggregate", "rolling", "resample", "binary", "unary", "clip", "roc"])
    sub = tree(ids, depth - 1)
    if kind == "aggregate":
        return "(aggregate %s %s)" % (rng.choice(list(AGGS)), sub)
    if kind == "rolling":
        return "(rolling %s %d %s)" % (rng.choice(list(AGGS)), rng.randint(1, 3), sub)
    if kind == "resample":
        method = rng.choice(RESAMPLE)
        return "(resample %s %d %s)" % (method, rng.choice([60, 120, 300, 600]), sub)
    if kind == "binary":
        op = rng.choice(BINARY)
        if rng.random() < 0.5:
            return "(%s %s %s)" % (op, sub, operand(ids, depth - 1))
        return "(%s %s %s)" % (op, operand(ids, depth - 1), sub)
    if kind == "unary":
        return "(%s %s)" % (rng.choice(UNARY), sub)
    if kind == "clip":
        if rng.random() < 0.5:
            return "(clip %s %s)" % (sub, rng.choice(["0", "-1", "2"]))
        return "(clip %s %s %s)" % (sub, rng.choice(["-2", "0"]), rng.choice(["1", "3"]))
    return "(%s %s)" % (rng.choice(["rateofchange", "rateofchangesec"]), sub)


AGGS = ["mean", "median", "std", "min", "max", "sum", "var", "count",
        "rate:mean", "rate:max", "rate:sum", "rate:count", "rate:std"]
RESAMPLE = ["mean", "median", "std", "min", "max", "sum", "count", "first", "last",
            "1pct", "50pct", "90pct", "99pct", "rate:mean", "rate:max", "rate:sum"]
BINARY = ["+", "-", "*", "/", "**", "%", "=", "<", ">=", "!=", "max", "clip_min", "clip_max"]
UNARY = ["abs", "neg", "cos", "sin", "floor", "ceil"]
FILLS = [None, None, None, "null", "dropna", 0.0, 1.5, "ffill", "bfill", "full_ffill", "full_bfill"]


def encode(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def points(measures):
    return [[int((t - numpy.datetime64(0, "ns")) / numpy.timedelta64(1, "us")),
             int(g / numpy.timedelta64(1, "us")), encode(v)] for t, g, v in measures]


def case(n):
    ids = IDS[: rng.randint(1, 3)]
    grans = rng.choice([[60], [60], [300], [60, 300]])
    metrics = {i: {str(g): series(g, rng.randint(0, 12)) for g in grans} for i in ids}
    ops = tree(ids, rng.randint(0, 3))
    start = None if rng.random() < 0.6 else (BASE + rng.randint(0, 600)) * 10**6
    stop = None if rng.random() < 0.6 else (BASE + rng.randint(300, 4000)) * 10**6
    needed = rng.choice([0.0, 50.0, 100.0, 100.0])
    fill = rng.choice(FILLS)
    encoded = {i: {g: [[t, encode(v)] for t, v in ps] for g, ps in gs.items()} for i, gs in metrics.items()}
    out = {"name": "differential-%d" % n, "operations": ops, "granularities": grans, "metrics": encoded,
           "start": start, "stop": stop, "needed": needed, "fill": fill}
    validated = api.OperationsSchema(ops)
    refs = []
    for m, a in api.extract_references(validated):
        refs.append(processor.MetricReference(FakeMetric(m), a))
    tss = []
    for ref in refs:
        for g in grans:
            data = metrics[str(ref.metric.id)][str(g)]
            ts = carbonara.AggregatedTimeSerie.from_data(
                carbonara.Aggregation("mean", numpy.timedelta64(g, "s"), None),
                numpy.array([p[0] * 1000 for p in data], dtype="datetime64[ns]"),
                numpy.array([p[1] for p in data], dtype="float64"))
            tss.append((ref, ts))
    to_dt = lambda us: None if us is None else numpy.datetime64(us, "us").astype("datetime64[ns]")
    try:
        result = processor.aggregated(tss, validated, to_dt(start), to_dt(stop), needed, fill)
    except exceptions.UnAggregableTimeseries as e:
        out["error"] = {"status": 400, "description": json.loads(json.dumps(e.jsonify(), default=str))}
        return out
    except Exception as e:  # noqa
        out["error"] = {"status": 500, "description": type(e).__name__}
        return out
    if "aggregated" in result:
        out["expected"] = {"aggregated": points(result["aggregated"])}
    else:
        out["expected"] = {m: {a: points(p) for a, p in aggs.items()} for m, aggs in result.items()}
    return out


print(json.dumps([case(n) for n in range(int(sys.argv[2]) if len(sys.argv) > 2 else 400)], indent=None))
