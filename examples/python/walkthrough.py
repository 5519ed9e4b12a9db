"""The walkthrough of docs/python.md, run as a ctest test (python.walkthrough).

    PYTHONPATH=build/python python3 examples/python/walkthrough.py

Every step asserts what the document says it shows.
"""
import pickle
import sys
from typing import Dict, List

import clearance


def main(root: str = "rules/frontier-2026") -> int:
    # 1. Load a policy: a path (str or pathlib.Path); errors are PolicyError.
    policy = clearance.load(f"{root}/base.yaml")
    print(policy)
    print("dimensions:", {name: len(d.values) for name, d in policy.dimensions.items()})
    print("rules:", list(policy.rules))

    # 2. Decide: a mapping and/or keywords; the answer is a Decision. Served
    # in the US to a German national: a deemed export, denied since 2026-06-12.
    d = policy.decide(model="fable-5", country="US", nationality="DE", use="threat-response", date="2027-01-15")
    print(d.effect, d.allowed, d.decisive, d.outcomes)
    assert d.effect == "deny" and not d.allowed and d.decisive == ("bis-letter-2026-06-12",)
    assert d["effect"] == d.effect  # dict-style access reads the decision JSON

    # 3. Explain: every rule's part, and the JSON an audit log keeps.
    explained = policy.decide({"model": "fable-5", "country": "US", "nationality": "DE", "use": "threat-response"},
                              date="2027-01-15", explain=True)
    for t in explained.trace:
        print(f"  {t.rule:28} {t.status:12} {t.detail or t.because[:40]}")
    record: str = explained.to_json()
    assert explained.policy_digest in record

    # 4. A bad query says what is wrong and what was meant.
    try:
        policy.decide(model="fable5", country="DE", use="research")
    except clearance.QueryError as e:
        print(f"rejected: {e.message}; suggestions {e.suggestions}")
        assert e.dimension == "model" and e.suggestions == ("fable-5",)

    # 5. Many queries: columns of strings, decided with the GIL released.
    columns: Dict[str, List[str]] = {"model": ["fable-5", "mythos-5", "fable-5"],
                                     "country": ["US", "DE", "IR"], "nationality": ["US", "DE", "US"],
                                     "use": ["research"] * 3}
    many = policy.decide_many(columns, date="2027-01-15")
    assert isinstance(many, clearance.DecisionColumns)
    print("effects:", many.effects)
    assert many.effects == ["allow", "deny", "deny"]

    # 6. What-if: what changes if the allies' carve-out is adopted?
    proposal = clearance.load(f"{root}/allies-defensive.yaml")
    changes = clearance.diff(policy, proposal, date="2027-01-15")
    print(f"{changes.changed} of {changes.queries} queries change")
    for region in changes.regions:
        print(f"  {region.count:4} {region.old_effect} -> {region.new_effect}: models {region.values['model']}")
        sample = {dim: values[0] for dim, values in region.values.items()}
        assert proposal.decide(sample, date="2027-01-15").effect == region.new_effect

    # 7. A matrix of effects; to_pandas() when pandas is installed.
    m = policy.matrix("country", "use", where={"model": "fable-5"}, date="2027-01-15", fold_rows="lossless")
    print(m.rows, "by", m.cols, f"{len(m.row_labels)} x {len(m.col_labels)}")
    try:
        frame = m.to_pandas()
        print(frame.iloc[:3, :3])
    except ImportError:
        print("(pandas is not installed: skipping to_pandas)")

    # 8. Ship the policy to another process: pickled as the text of its files.
    copy = pickle.loads(pickle.dumps(policy))
    assert copy == policy and hash(copy) == hash(policy)

    # 9. Serve with reload: decisions name the version that made them.
    engine = clearance.Engine(f"{root}/base.yaml")
    assert engine.decide(model="fable-5", country="US", use="research").policy_digest == engine.policy.digest
    engine.reload()

    # 10. Lint and tests, with typed results.
    for diagnostic in policy.lint(date="2027-01-15"):
        print(f"  {diagnostic.file}:{diagnostic.line}: {diagnostic.severity}: {diagnostic.message}")
    report = clearance.run_tests(f"{root}/base.test.yaml")
    print(f"tests: {report.passed} passed, {report.failed} failed")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
