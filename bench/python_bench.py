"""The Python module's speed, beside a plain dict lookup in the same run.

    PYTHONPATH=build/python python3 bench/python_bench.py [POLICY] [--queries N]

Measures, on rules/frontier-2026/base.yaml by default:
  - a plain dict lookup (the floor for any Python call answering a query),
  - policy.decide(dict) per call (median of batches),
  - policy.decide_many over columns of strings (threads 1 and 2),
  - policy.decide_many over a list of dicts.
Each figure is given as wall time and as this process's CPU time: on a
shared machine the wall time includes time the process waited for a core.
"""
import argparse
import itertools
import statistics
import time

import clearance


def per_call(function, calls, repeats=15):
    """Median over batches of (wall µs, CPU µs) per call."""
    walls, cpus = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(calls):
            function()
        w1, c1 = time.perf_counter(), time.process_time()
        walls.append((w1 - w0) / calls * 1e6)
        cpus.append((c1 - c0) / calls * 1e6)
    return statistics.median(walls), statistics.median(cpus)


def once(function):
    w0, c0 = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - w0, time.process_time() - c0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("policy", nargs="?", default="rules/frontier-2026/base.yaml")
    parser.add_argument("--queries", type=int, default=1_000_000)
    args = parser.parse_args()

    policy = clearance.load(args.policy)
    dims = policy.dimensions
    names = [d for d in ("model", "country", "use") if d in dims]
    combos = list(itertools.product(*(dims[d].names for d in names)))
    queries = [dict(zip(names, c)) for c in combos]
    table = {c: policy.decide(q, date="2027-01-15").effect for c, q in zip(combos, queries)}
    q = queries[len(queries) // 2]
    key = tuple(q[d] for d in names)
    print(f"policy {policy.name} {policy.digest[:19]}..., {len(combos)} distinct queries, clearance {clearance.__version__}")
    print(f"{'':38} {'wall':>10} {'cpu':>10}")

    wall, cpu = per_call(lambda: table[tuple(q[d] for d in names)], 100_000)
    print(f"{'dict lookup (baseline), µs/call':38} {wall:10.3f} {cpu:10.3f}")
    wall, cpu = per_call(lambda: policy.decide(q), 20_000)
    print(f"{'decide(dict), µs/call':38} {wall:10.3f} {cpu:10.3f}")
    wall, cpu = per_call(lambda: policy.decide(q, date='2027-01-15'), 20_000)
    print(f"{'decide(dict, date=...), µs/call':38} {wall:10.3f} {cpu:10.3f}")
    wall, cpu = per_call(lambda: policy.decide(q).to_json(), 5_000)
    print(f"{'decide(dict).to_json(), µs/call':38} {wall:10.3f} {cpu:10.3f}")
    assert table[key] == policy.decide(q, date="2027-01-15").effect

    rows = (combos * (args.queries // len(combos) + 1))[:args.queries]
    columns = {d: [r[i] for r in rows] for i, d in enumerate(names)}
    for threads in (1, 2):
        result, wall, cpu = once(lambda: policy.decide_many(columns, date="2027-01-15", threads=threads))
        assert len(result) == args.queries
        print(f"{f'decide_many(columns, threads={threads}), M/s':38} {args.queries / wall / 1e6:10.2f} "
              f"{args.queries / cpu / 1e6:10.2f}")
    mappings = [queries[i % len(queries)] for i in range(min(args.queries, 200_000))]
    result, wall, cpu = once(lambda: policy.decide_many(mappings, date="2027-01-15", threads=1))
    print(f"{'decide_many(list of dicts), M/s':38} {len(mappings) / wall / 1e6:10.2f} {len(mappings) / cpu / 1e6:10.2f}")
    lookups, wall, cpu = once(lambda: [table[r] for r in rows])
    print(f"{'dict lookups over the rows, M/s':38} {len(rows) / wall / 1e6:10.2f} {len(rows) / cpu / 1e6:10.2f}")


if __name__ == "__main__":
    main()
