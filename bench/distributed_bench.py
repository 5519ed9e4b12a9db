"""clearance.distributed beside `clearance batch` on the same input, same run.

    PYTHONPATH=build/python python3 bench/distributed_bench.py build/src/clearance [LINES]

Decisions/s of `clearance batch --threads 1` and `--threads 2`, and of
decide_files on a LocalCluster of 1 and of 2 worker processes (cluster start
not counted; planning, shipping the policy, deciding and writing are), over
LINES generated CSV queries (default 1 000 000).
"""
import itertools
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import distributed

import clearance
from clearance.distributed import decide_files

BASE = pathlib.Path("rules/frontier-2026/base.yaml")


def main(cli, lines):
    policy = clearance.load(BASE)
    dims = policy.dimensions
    combos = [",".join(c) for c in itertools.product(dims["model"].names, dims["country"].names, dims["use"].names)]
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / "q.csv"
        with open(path, "w") as f:
            f.write("id,model,country,use\n")
            f.writelines(f"{i},{combos[i % len(combos)]}\n" for i in range(lines))
        print(f"{lines} CSV queries, {path.stat().st_size / 1e6:.0f} MB, policy {policy.name}; "
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        expected = None
        for threads in (1, 2):
            t0 = time.perf_counter()
            out = subprocess.run([cli, "batch", str(BASE), "--input", str(path), "--format", "csv", "--date",
                                  "2027-01-15", "--threads", str(threads)], capture_output=True, check=True).stdout
            seconds = time.perf_counter() - t0
            expected = expected or out
            print(f"clearance batch --threads {threads}: {lines / seconds / 1e3:8.0f} k decisions/s "
                  f"({len(out) / seconds / 1e6:.0f} MB/s out)")
        for workers in (1, 2):
            with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                          host="127.0.0.1", dashboard_address=None, silence_logs=40) as cluster, \
                    distributed.Client(cluster) as client:
                t0 = time.perf_counter()
                decide_files(policy, [path], pathlib.Path(d) / "out", client=client, date="2027-01-15",
                             partition_bytes=8 << 20)
                seconds = time.perf_counter() - t0
            got = b"".join(p.read_bytes() for p in sorted((pathlib.Path(d) / "out").glob("part-*")))
            assert got == expected
            print(f"decide_files, {workers} Dask worker(s): {lines / seconds / 1e3:8.0f} k decisions/s "
                  f"(byte-identical)")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
