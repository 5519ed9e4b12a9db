"""Decides a few queries with the Python module and prints the answers.

    PYTHONPATH=build/python python3 examples/python/decide.py rules/frontier-2026/base.yaml

Shows loading, deciding with the trace, the digest an audit log records, and
the two exceptions a program handles.
"""
import sys

import clearance


def main(path: str) -> int:
    try:
        policy = clearance.load(path)
    except clearance.PolicyError as e:
        print(f"{e.file}:{e.line}:{e.col}: {e.message}", file=sys.stderr)
        return 2
    print(f"clearance {clearance.__version__}; policy {policy.name} {policy.digest}")

    # Where the model is served, and whose national uses it (a release to a
    # foreign national in the US is a deemed export).
    for country, nationality, use in [("US", "US", "research"), ("US", "DE", "threat-response"),
                                      ("IR", "US", "research")]:
        q = {"model": "fable-5", "country": country, "nationality": nationality, "use": use}
        d = policy.decide(q, date="2026-12-15")
        why = ", ".join(f"{t['rule']} ({t['status']})" for t in d["trace"]) or f"the default ({d['basis']})"
        print(f"{d['effect']:5} fable-5 in {country} to a {nationality} national for {use}: {why}")

    try:
        policy.decide({"model": "fable-5", "country": "Germany", "use": "research"})
    except clearance.QueryError as e:
        print(f"rejected: {e.message}")
        return 0
    print("a bad query was decided", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "rules/frontier-2026/base.yaml"))
