"""The typed objects clearance returns besides Policy and Decision.

Each result object gives typed attributes; ``obj[key]`` (and ``to_dict()``)
give the JSON of docs/cli.md or the dict earlier versions returned, so code written
against those keeps working.
"""
from __future__ import annotations

import dataclasses
import importlib
import json
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple


class _DictView:
    """``obj[key]`` reads ``obj.to_dict()``."""

    def to_dict(self) -> Dict[str, Any]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]


@dataclasses.dataclass(frozen=True)
class Value:
    """One value of a dimension."""

    name: str
    index: int


@dataclasses.dataclass(frozen=True)
class Group:
    """A named set of values of one dimension (``members``: value names)."""

    name: str
    members: Tuple[str, ...]
    source: str


@dataclasses.dataclass(frozen=True)
class Dimension:
    """A dimension: its values and groups in declaration order."""

    name: str
    values: Tuple[Value, ...]
    groups: Tuple[Group, ...]
    default: Optional[str]
    like: Optional[str]

    @property
    def names(self) -> Tuple[str, ...]:
        """The value names, declaration order."""
        return tuple(v.name for v in self.values)


@dataclasses.dataclass(frozen=True)
class Rule:
    """A rule as written (``when`` is its condition's text)."""

    id: str
    effect: str
    when: str
    overrides: Tuple[str, ...]
    effective: Optional[str]
    expires: Optional[str]
    because: str
    cite: str
    outcome: str
    obligations: Tuple[str, ...]
    tags: Tuple[str, ...]
    source: str


def dimensions_from_raw(raw: Sequence[Tuple[Any, ...]]) -> Dict[str, Dimension]:
    out: Dict[str, Dimension] = {}
    for name, values, groups, default, like in raw:
        out[name] = Dimension(
            name=name,
            values=tuple(Value(v, i) for i, v in enumerate(values)),
            groups=tuple(Group(g, tuple(members), source) for g, members, source in groups),
            default=default,
            like=like,
        )
    return out


def rules_from_raw(raw: Sequence[Mapping[str, Any]]) -> Dict[str, Rule]:
    out: Dict[str, Rule] = {}
    for r in raw:
        fields = dict(r)
        for key in ("overrides", "obligations", "tags"):
            fields[key] = tuple(fields[key])
        out[r["id"]] = Rule(**fields)
    return out


@dataclasses.dataclass(frozen=True)
class Diagnostic(_DictView):
    """One lint finding or load error. ``rule``, ``group``, ``dimension`` name
    its subject when it has one."""

    file: str
    line: int
    col: int
    severity: str
    code: str
    message: str
    rule: Optional[str] = None
    group: Optional[str] = None
    dimension: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        """The diagnostic as in the lint JSON of ``clearance lint --format json``."""
        return {k: v for k, v in dataclasses.asdict(self).items() if v is not None}


@dataclasses.dataclass(frozen=True)
class LintReport(_DictView):
    """What ``lint`` found; iterate it for the diagnostics."""

    diagnostics: Tuple[Diagnostic, ...]

    @classmethod
    def from_json(cls, text: str) -> "LintReport":
        found = json.loads(text)["diagnostics"]
        known = {f.name for f in dataclasses.fields(Diagnostic)}
        return cls(tuple(Diagnostic(**{k: v for k, v in d.items() if k in known}) for d in found))

    @property
    def errors(self) -> Tuple[Diagnostic, ...]:
        """The diagnostics of severity 'error'."""
        return tuple(d for d in self.diagnostics if d.severity == "error")

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def __len__(self) -> int:
        return len(self.diagnostics)

    def to_dict(self) -> Dict[str, Any]:
        """The lint JSON of ``clearance lint --format json``: ``{"diagnostics": [...]}``."""
        return {"diagnostics": [d.to_dict() for d in self.diagnostics]}


@dataclasses.dataclass(frozen=True)
class TestFailure(_DictView):
    """One expanded query of a test case whose decision was not the expected one."""

    file: str
    line: int
    col: int
    case: str
    query: Dict[str, str]
    date: str
    expected: str
    expected_decisive: Optional[List[str]]
    actual: str
    actual_decisive: List[str]
    message: str

    def to_dict(self) -> Dict[str, Any]:
        """The failure as a dict (the keys are the attribute names)."""
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class TestReport(_DictView):
    """What ``run_tests`` found: counts of expanded queries, the failures and
    the rules each policy's tests never made decisive."""

    passed: int
    failed: int
    failures: Tuple[TestFailure, ...]
    coverage: Tuple[Dict[str, Any], ...]

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> "TestReport":
        return cls(raw["passed"], raw["failed"], tuple(TestFailure(**f) for f in raw["failures"]),
                   tuple(raw["coverage"]))

    @property
    def ok(self) -> bool:
        """True when no case failed."""
        return self.failed == 0

    def to_dict(self) -> Dict[str, Any]:
        """``{"passed", "failed", "failures": [dict], "coverage": [dict]}``."""
        return {"passed": self.passed, "failed": self.failed,
                "failures": [f.to_dict() for f in self.failures], "coverage": [dict(c) for c in self.coverage]}


@dataclasses.dataclass(frozen=True)
class DiffRegion(_DictView):
    """A box of queries (one value set per dimension) that all go from
    ``old_effect`` to ``new_effect`` with the same decisive rules."""

    old_effect: str
    new_effect: str
    count: int
    values: Dict[str, Tuple[str, ...]]
    old_decisive: Tuple[str, ...]
    new_decisive: Tuple[str, ...]
    dates: Optional[Dict[str, Optional[str]]]  # with all_dates: {"from", "to"} (to exclusive, None unbounded)
    raw: Dict[str, Any] = dataclasses.field(repr=False, compare=False)

    def to_dict(self) -> Dict[str, Any]:
        """The region as in the diff JSON of ``clearance diff --format json``."""
        copy: Dict[str, Any] = json.loads(json.dumps(self.raw))
        return copy


@dataclasses.dataclass(frozen=True)
class DiffResult(_DictView):
    """What changes between two policies: ``regions`` are disjoint and their
    union is every changed query."""

    old_digest: str
    new_digest: str
    date: Optional[str]  # None with all_dates
    queries: int
    changed: int
    regions: Tuple[DiffRegion, ...]
    intervals: Optional[int]  # with all_dates: the date intervals compared
    raw: Dict[str, Any] = dataclasses.field(repr=False, compare=False)

    @classmethod
    def from_json(cls, text: str) -> "DiffResult":
        raw = json.loads(text)
        regions = tuple(
            DiffRegion(r["from"], r["to"], r["count"], {k: tuple(v) for k, v in r["values"].items()},
                       tuple(r.get("old_decisive", ())), tuple(r.get("new_decisive", ())), r.get("dates"), r)
            for r in raw["regions"])
        return cls(raw["old"]["digest"], raw["new"]["digest"], raw["date"], raw["queries"], raw["changed"],
                   regions, raw.get("intervals"), raw)

    def __iter__(self) -> Iterator[DiffRegion]:
        return iter(self.regions)

    def __len__(self) -> int:
        return len(self.regions)

    def to_dict(self) -> Dict[str, Any]:
        """The diff JSON of ``clearance diff --format json``."""
        copy: Dict[str, Any] = json.loads(json.dumps(self.raw))
        return copy


@dataclasses.dataclass(frozen=True)
class Matrix:
    """A table of effects: ``cells[i][j]`` is 'allow', 'deny' or 'mixed' (a
    folded line whose queries disagree) for row ``row_labels[i]`` and column
    ``col_labels[j]``; ``fixed`` gives the other dimensions' values."""

    rows: str
    cols: str
    row_labels: Tuple[str, ...]
    col_labels: Tuple[str, ...]
    cells: Tuple[Tuple[str, ...], ...]
    fixed: Dict[str, str]
    date: str

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> "Matrix":
        width = len(raw["col_labels"])
        cells = raw["cells"]
        return cls(raw["rows"], raw["cols"], tuple(raw["row_labels"]), tuple(raw["col_labels"]),
                   tuple(tuple(cells[i * width:(i + 1) * width]) for i in range(len(raw["row_labels"]))),
                   dict(raw["fixed"]), raw["date"])

    def to_pandas(self) -> Any:
        """A pandas DataFrame (rows by columns); needs pandas installed."""
        pandas = importlib.import_module("pandas")  # optional: not a dependency of clearance
        frame = pandas.DataFrame(list(self.cells), index=list(self.row_labels), columns=list(self.col_labels))
        frame.index.name = self.rows
        frame.columns.name = self.cols
        return frame


@dataclasses.dataclass(frozen=True)
class DecisionColumns:
    """Columnar results of ``decide_many``: ``effects[i]`` ('allow'/'deny')
    and ``decisive[i]`` (a tuple of rule ids) for query ``i``."""

    effects: List[str]
    decisive: List[Tuple[str, ...]]

    def __len__(self) -> int:
        return len(self.effects)

    @property
    def allowed(self) -> List[bool]:
        """``effects[i] == 'allow'`` for each query."""
        return [e == "allow" for e in self.effects]

    def to_pandas(self) -> Any:
        """A pandas DataFrame with columns effect and decisive; needs pandas."""
        pandas = importlib.import_module("pandas")  # optional
        return pandas.DataFrame({"effect": self.effects, "decisive": self.decisive})
