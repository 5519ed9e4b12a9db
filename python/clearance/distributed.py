"""Batch screening on a Dask cluster, byte-identical to ``clearance batch``.

    from dask.distributed import Client
    from clearance.distributed import decide_files
    manifest = decide_files(policy, ["queries.jsonl"], "out/", client=Client("tcp://scheduler:8786"))

    python -m clearance.distributed POLICY INPUT... --out DIR [--scheduler ADDR]
        [--date D] [--trace none|matching|all] [--format jsonl|csv]

Each input is split into byte ranges on line boundaries; each range is
decided by a worker into one output partition, ``part-FFFFF-PPPPPP.EXT``
(input number, partition number), so that sorting the names gives input
order and concatenating them gives exactly what ``clearance batch`` writes
for each input (for CSV, partition 000000 holds the output's header line).
The policy travels as the text of its files (a pickled Policy): workers never
read the policy from a path, and each one checks that its copy has the
digest the driver expects; a mismatch fails the run. ``manifest.json`` in the
output folder lists every partition: its input range, first line number,
line and error counts, the digest and worker that decided it, and how many
attempts it took (Dask retries a partition whose worker died; the output file
is replaced atomically, so nothing is lost or duplicated). See docs/scale.md.

Needs Dask's ``distributed`` (Debian: python3-distributed); nothing else in
clearance imports it.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import socket
import sys
import uuid
from typing import Any, Dict, List, Optional, Sequence, Tuple

from . import Error, Policy, load
from ._clearance import _csv_output_header, _render_batch

try:
    import distributed
except ImportError as e:  # pragma: no cover - depends on the machine
    raise ImportError("clearance.distributed needs Dask's 'distributed' package (Debian: apt-get install "
                      "python3-distributed)") from e

DEFAULT_PARTITION_BYTES = 32 << 20


class DigestMismatchError(Error):
    """A worker decided (or would have decided) with a policy whose digest is
    not the one the run expects."""


@dataclasses.dataclass(frozen=True)
class Partition:
    """One byte range [start, end) of an input, on line boundaries, whose
    first line is line ``first_line`` of that input."""

    input: str
    input_index: int
    index: int
    start: int
    end: int
    first_line: int
    output: str


def _count_lines(f: Any, start: int, end: int) -> int:
    f.seek(start)
    count, left = 0, end - start
    while left > 0:
        chunk = f.read(min(left, 16 << 20))
        if not chunk:
            break
        count += chunk.count(b"\n")
        left -= len(chunk)
    return count


def plan(inputs: Sequence[str], output_dir: str, fmt: str,
         partition_bytes: int) -> Tuple[List[Partition], Dict[int, bytes]]:
    """The partitions of every input, and each CSV input's header line."""
    partitions: List[Partition] = []
    headers: Dict[int, bytes] = {}
    for n, path in enumerate(inputs):
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            start, line = 0, 1
            if fmt == "csv":
                first = f.readline()
                if not first:
                    continue
                headers[n] = first[:-1] if first.endswith(b"\n") else first
                start, line = len(first), 2
            index = 1
            while start < size:
                end = min(start + partition_bytes, size)
                if end < size:
                    f.seek(end)
                    end += len(f.readline())
                partitions.append(Partition(path, n, index, start, end, line,
                                            os.path.join(output_dir, f"part-{n:05d}-{index:06d}.{fmt}")))
                line += _count_lines(f, start, end)
                start, index = end, index + 1
    return partitions, headers


def _decide_partition(policy: Policy, part: Partition, fmt: str, header: bytes, date: str, trace: str,
                      expect_digest: str, attempts_dir: str) -> Dict[str, Any]:
    """Runs on a worker: decides one partition into its output file."""
    worker = f"{socket.gethostname()}:{os.getpid()}"
    marker = os.path.join(attempts_dir, f"{os.path.basename(part.output)}.{worker.replace(':', '-')}-{uuid.uuid4().hex}")
    open(marker, "w").close()
    if policy.digest != expect_digest:
        raise DigestMismatchError(f"worker {worker} has policy {policy.digest}, the run expects {expect_digest}")
    with open(part.input, "rb") as f:
        f.seek(part.start)
        data = f.read(part.end - part.start)
    out, lines, errors = _render_batch(policy, data, part.first_line, fmt, header, date, trace, 1)
    # Written aside (a worker killed mid-write leaves its partial file in
    # .partial, never among the parts), then renamed into place.
    temporary = os.path.join(os.path.dirname(part.output), ".partial",
                             f"{os.path.basename(part.output)}.{uuid.uuid4().hex}")
    with open(temporary, "wb") as f:
        f.write(out)
    os.replace(temporary, part.output)
    return {"lines": lines, "errors": errors, "digest": policy.digest, "worker": worker}


def decide_files(policy: Policy, inputs: Sequence[Any], output_dir: Any, *, client: Any = None,
                 date: Any = None, trace: str = "matching", fmt: Optional[str] = None,
                 partition_bytes: int = DEFAULT_PARTITION_BYTES,
                 expect_digest: Optional[str] = None) -> Dict[str, Any]:
    """Decides every line of ``inputs`` on the cluster of ``client`` (default:
    the current Dask client) into ``output_dir``; returns the manifest (also
    written as ``manifest.json``).

    ``date``: the as-of date for lines without one (default: today, UTC, on
    the driver, so every worker uses the same). ``trace`` and ``fmt``
    ('jsonl' or 'csv'; default from the first input's extension) mean what
    ``clearance batch --trace/--format`` mean. ``expect_digest``: the digest
    every worker's policy must have (default: ``policy.digest``). Inputs and
    ``output_dir`` must be on storage every worker reads and writes at the
    same paths. Raises DigestMismatchError when a worker's policy differs,
    ValueError for bad arguments, OSError (FileNotFoundError) for an input
    that cannot be read.
    """
    if not isinstance(policy, Policy):
        raise TypeError(f"policy must be a clearance.Policy, not {type(policy).__name__}")
    paths = [os.path.abspath(os.fspath(p)) for p in inputs]
    out = os.path.abspath(os.fspath(output_dir))
    fmt = fmt or ("csv" if paths and paths[0].endswith(".csv") else "jsonl")
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"format must be 'jsonl' or 'csv', not {fmt!r}")
    if trace not in ("none", "matching", "all"):
        raise ValueError(f"trace must be 'none', 'matching' or 'all', not {trace!r}")
    if not isinstance(partition_bytes, int) or partition_bytes < 1:
        raise ValueError("partition_bytes must be an int >= 1")
    as_of = _date_text(date)
    expected = expect_digest or policy.digest
    os.makedirs(out, exist_ok=True)
    attempts_dir = os.path.join(out, ".attempts")
    partial_dir = os.path.join(out, ".partial")
    os.makedirs(attempts_dir, exist_ok=True)
    os.makedirs(partial_dir, exist_ok=True)
    for folder, prefix in ((out, "part-"), (attempts_dir, ""), (partial_dir, "")):  # a previous run's files
        _remove_files(folder, prefix)
    partitions, headers = plan(paths, out, fmt, partition_bytes)
    for n, header in headers.items():
        try:
            output_header = _csv_output_header(policy, header)
        except ValueError as e:
            raise ValueError(f"{paths[n]}: {e}") from None
        with open(os.path.join(out, f"part-{n:05d}-000000.csv"), "wb") as f:
            f.write(output_header.encode() + b"\n")

    client = client or distributed.get_client()
    shipped = client.scatter(policy, broadcast=True)  # unpickled once per worker
    futures = [client.submit(_decide_partition, shipped, p, fmt, headers.get(p.input_index, b""), as_of, trace,
                             expected, attempts_dir, key=f"clearance-{uuid.uuid4().hex}-{p.input_index}-{p.index}",
                             pure=False)
               for p in partitions]
    results = client.gather(futures)
    _remove_files(partial_dir, "")  # what killed attempts left half written
    return _manifest(policy, paths, out, fmt, trace, as_of, expected, partitions, results, attempts_dir)


def _remove_files(folder: str, prefix: str) -> None:
    for name in os.listdir(folder):
        if name.startswith(prefix) and os.path.isfile(os.path.join(folder, name)):
            os.remove(os.path.join(folder, name))


def _date_text(date: Any) -> str:
    if date is None:
        return datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    if isinstance(date, datetime.date):
        return date.isoformat()[:10]
    if isinstance(date, str):
        return date
    raise TypeError(f"date must be None, a 'YYYY-MM-DD' string or a datetime.date, not {type(date).__name__}")


def _manifest(policy: Policy, paths: List[str], out: str, fmt: str, trace: str, as_of: str, expected: str,
              partitions: List[Partition], results: List[Dict[str, Any]], attempts_dir: str) -> Dict[str, Any]:
    attempts: Dict[str, int] = {}
    for name in os.listdir(attempts_dir):
        part = name.split(".", 2)
        key = part[0] + "." + part[1]
        attempts[key] = attempts.get(key, 0) + 1
    rows = []
    for p, r in zip(partitions, results):
        if r["digest"] != expected:
            raise DigestMismatchError(f"partition {p.output} was decided with {r['digest']}, not {expected}")
        name = os.path.basename(p.output)
        rows.append({"output": name, "input": p.input, "start": p.start, "end": p.end, "first_line": p.first_line,
                     "lines": r["lines"], "errors": r["errors"], "digest": r["digest"], "worker": r["worker"],
                     "attempts": attempts.get(name, 1)})
    manifest = {
        "policy": {"name": policy.name, "digest": policy.digest}, "format": fmt, "trace": trace, "date": as_of,
        "inputs": paths, "partitions": rows,
        "lines": sum(r["lines"] for r in rows), "errors": sum(r["errors"] for r in rows),
    }
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    return manifest


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clearance.distributed",
                                     description="clearance batch on a Dask cluster (docs/scale.md)")
    parser.add_argument("policy")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True, help="output folder (partitions and manifest.json)")
    parser.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster on this host)")
    parser.add_argument("--date", help="as-of date for lines without one (default: today, UTC)")
    parser.add_argument("--trace", default="matching", choices=["none", "matching", "all"])
    parser.add_argument("--format", choices=["jsonl", "csv"])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="LocalCluster worker processes")
    parser.add_argument("--partition-bytes", type=int, default=DEFAULT_PARTITION_BYTES)
    args = parser.parse_args(argv)
    try:
        policy = load(args.policy)
    except Error as e:
        print(str(e), file=sys.stderr)
        return 2
    cluster = None
    if args.scheduler:
        client = distributed.Client(args.scheduler)
    else:
        cluster = distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                           host="127.0.0.1", dashboard_address=None)
        client = distributed.Client(cluster)
    try:
        manifest = decide_files(policy, args.inputs, args.out, client=client, date=args.date, trace=args.trace,
                                fmt=args.format, partition_bytes=args.partition_bytes)
    except (Error, ValueError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"{manifest['lines']} lines, {manifest['errors']} errors, {len(manifest['partitions'])} partitions, "
          f"policy {manifest['policy']['digest']}", file=sys.stderr)
    return 1 if manifest["errors"] else 0


if __name__ == "__main__":
    # Run the imported module's main, so that tasks name the function as
    # clearance.distributed._decide_partition (Dask pickles __main__'s
    # functions by value, which the native functions cannot be).
    from clearance.distributed import main as _main

    sys.exit(_main())
