"""ctest python.distributed: clearance.distributed on a LocalCluster of two
worker processes (loopback only) against single-process `clearance batch`.

    distributed_check.py CLI [LINES]

Checks, over LINES (default 1 000 000) generated CSV queries with some bad
lines: the concatenated partitions are byte-identical to `clearance batch`
while one worker is killed mid-run (Dask retries its partition; the
manifest's counts still add up); JSONL with each trace level is identical
too; a digest mismatch fails the run. Exits 77 (ctest: skipped) with a
message when Dask's distributed is not installed.
"""
import csv
import glob
import io
import itertools
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import threading
import time

try:
    import distributed
except ImportError:
    print("SKIPPED: Dask's distributed is not installed (Debian: apt-get install python3-distributed); "
          "clearance.distributed was not tested")
    sys.exit(77)

import clearance
from clearance.distributed import DigestMismatchError, decide_files

SOURCE = pathlib.Path(os.environ.get("CLEARANCE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BASE = SOURCE / "rules" / "frontier-2026" / "base.yaml"
DATE = "2027-01-15"


def generate_csv(path, lines, policy):
    dims = policy.dimensions
    combos = list(itertools.product(dims["model"].names[:3], dims["country"].names[:40], dims["use"].names))
    rows = [f"{m},{c},{u}" for m, c, u in combos] + ["nomodel,DE,research", '"unterminated,DE,research']
    with open(path, "w") as f:
        f.write("id,model,country,use\n")
        f.writelines(f"{i},{rows[i % len(rows)]}\n" for i in range(lines))


def generate_jsonl(path, lines):
    rows = ['"model": "fable-5", "country": "DE", "use": "threat-response"',
            '"model": "mythos-5", "country": "US", "use": "research", "date": "2026-12-15"',
            '"model": "fable-5", "country": "Germany", "use": "research"']
    with open(path, "w") as f:
        f.writelines("{" + f'"id": {i}, ' + rows[i % 3] + "}\n" if i % 101 else "not json\n" for i in range(lines))


def concatenated(folder):
    return b"".join(pathlib.Path(p).read_bytes() for p in sorted(glob.glob(os.path.join(folder, "part-*"))))


def batch(cli, path, fmt, trace):
    result = subprocess.run([cli, "batch", str(BASE), "--input", str(path), "--format", fmt, "--date", DATE,
                             "--trace", trace], capture_output=True)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def kill_one_worker_when_started(client, folder, done):
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    while not done.is_set():
        if glob.glob(os.path.join(folder, "part-*.csv")) and len(glob.glob(os.path.join(folder, ".attempts", "*"))) >= 3:
            os.kill(victim, signal.SIGKILL)
            print(f"killed worker process {victim}")
            return
        time.sleep(0.05)


def main(cli, lines):
    policy = clearance.load(BASE)
    with tempfile.TemporaryDirectory() as d, \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                     dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        folder = pathlib.Path(d)
        t0 = time.perf_counter()
        generate_csv(folder / "q.csv", lines, policy)
        print(f"generated {lines} CSV queries in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        expected = batch(cli, folder / "q.csv", "csv", "matching")
        single = time.perf_counter() - t0
        done = threading.Event()
        killer = threading.Thread(target=kill_one_worker_when_started, args=(client, str(folder / "out"), done))
        killer.start()
        t0 = time.perf_counter()
        manifest = decide_files(policy, [folder / "q.csv"], folder / "out", client=client, date=DATE,
                                partition_bytes=max(1 << 16, (folder / "q.csv").stat().st_size // 24))
        spread = time.perf_counter() - t0
        done.set()
        killer.join()
        got = concatenated(folder / "out")
        if got != expected:
            parts = sorted(glob.glob(os.path.join(folder / "out", "part-*")))
            lines_got, lines_expected = got.split(b"\n"), expected.split(b"\n")
            first = next((i for i, (a, b) in enumerate(zip(lines_got, lines_expected)) if a != b), None)
            raise AssertionError(f"the partitions differ from clearance batch: {len(lines_got)} lines against "
                                 f"{len(lines_expected)}, {len(parts)} part files, first difference at line {first}: "
                                 f"{lines_got[first][:120] if first is not None else ''!r} against "
                                 f"{lines_expected[first][:120] if first is not None else ''!r}; manifest {manifest}")
        assert manifest["lines"] == lines, manifest["lines"]
        error_records = sum(1 for row in csv.reader(io.StringIO(expected.decode()))
                            if row[0] != "line" and row[-1])
        assert error_records > 0 and manifest["errors"] == error_records, (manifest["errors"], error_records)
        assert {p["digest"] for p in manifest["partitions"]} == {policy.digest}
        attempts = sum(p["attempts"] for p in manifest["partitions"])
        print(f"{lines} lines: clearance batch {single:.1f} s, 2 Dask workers {spread:.1f} s (a worker killed), "
              f"{len(manifest['partitions'])} partitions, {attempts} attempts, byte-identical")
        assert attempts >= len(manifest["partitions"])

        generate_jsonl(folder / "q.jsonl", 30_000)
        for trace in ("matching", "all"):
            manifest = decide_files(policy, [folder / "q.jsonl"], folder / "out-json", client=client, date=DATE,
                                    trace=trace, partition_bytes=200_000)
            assert concatenated(folder / "out-json") == batch(cli, folder / "q.jsonl", "jsonl", trace), trace
            print(f"jsonl, trace {trace}: {len(manifest['partitions'])} partitions, byte-identical")

        command = [sys.executable, "-m", "clearance.distributed", str(BASE), str(folder / "q.jsonl"), "--out",
                   str(folder / "out-cli"), "--scheduler", cluster.scheduler_address, "--date", DATE,
                   "--partition-bytes", "300000"]
        run = subprocess.run(command, capture_output=True, text=True)
        assert run.returncode == 1, (run.returncode, run.stderr)  # some lines are bad, as for clearance batch
        assert concatenated(folder / "out-cli") == batch(cli, folder / "q.jsonl", "jsonl", "matching")
        print("python -m clearance.distributed --scheduler: byte-identical")

        try:
            decide_files(policy, [folder / "missing.jsonl"], folder / "out-missing", client=client)
        except FileNotFoundError as e:
            print(f"a missing input: {e.strerror}")
        else:
            raise AssertionError("a missing input was not reported")

        other = clearance.load(BASE.with_name("allies-defensive.yaml"))
        try:
            decide_files(policy, [folder / "q.jsonl"], folder / "out-bad", client=client, date=DATE,
                         expect_digest=other.digest, partition_bytes=400_000)
        except DigestMismatchError as e:
            print(f"digest mismatch detected: {e}")
        else:
            raise AssertionError("a digest mismatch went unnoticed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000))
