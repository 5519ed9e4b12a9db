"""clearance: may this AI model be made available here, for this use?

The Python face of the clearance library (docs/python.md)::

    import clearance
    policy = clearance.load("rules/frontier-2026/base.yaml")
    d = policy.decide(model="fable-5", country="DE", use="research", date="2027-01-15")
    d.allowed, d.decisive, d.trace, d.policy_digest, d.to_json()

Exceptions: ``Error`` is the base of ``PolicyError`` (a policy or test file
did not load: ``file``, ``line``, ``col``, ``code``, ``message``,
``diagnostics``) and ``QueryError`` (a bad query or date, also a
``ValueError``: ``message``, ``dimension``, ``value``, ``suggestions``).
A wrong argument type raises ``TypeError``, a bad option value ``ValueError``,
and nothing else
escapes from the native code.
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Optional, Union

from . import _policy
from ._clearance import Decision, Error, Policy, PolicyError, QueryError, TraceEntry, __version__
from ._clearance import load as _load
from ._clearance import load_compiled as _load_compiled
from ._clearance import loads as _loads
from ._clearance import _diff_json, _lint_file_json, _run_tests
from ._types import (DecisionColumns, Diagnostic, DiffRegion, DiffResult, Dimension, Group, LintReport, Matrix,
                     Rule, TestFailure, TestReport, Value)
from .engine import Engine

__all__ = [
    "Decision", "DecisionColumns", "Diagnostic", "DiffRegion", "DiffResult", "Dimension", "Engine", "Error",
    "Group", "LintReport", "Matrix", "Policy", "PolicyError", "QueryError", "Rule", "TestFailure", "TestReport",
    "TraceEntry", "Value", "diff", "lint_file", "load", "load_compiled", "loads", "run_tests", "__version__",
]

PathLike = Union[str, "os.PathLike[str]"]
DateLike = Union[None, str, Any]

_policy.install(Policy)


def load(path: PathLike, *, root: Optional[PathLike] = None, allow_absolute: bool = False) -> Policy:
    """Loads a policy from its root file.

    ``root`` confines every file to that folder (symlinks followed); absolute
    include paths need ``allow_absolute``. The policy keeps the text of its
    files (for pickling). Raises PolicyError (a missing file too), TypeError
    for a path that is not a str or os.PathLike.
    """
    return _load(path, root=root, allow_absolute=allow_absolute)


def load_compiled(path: PathLike, *, key: Optional[str] = None) -> Policy:
    """Reads a compiled snapshot (``clearance compile POLICY -o FILE``, or
    ``Policy.save_compiled``), ready in milliseconds; ``key`` is the key it
    was signed with. A snapshot that is truncated, damaged, of another format
    version, signed under another key or not a snapshot at all raises
    PolicyError naming the file. Pickled as an unsigned snapshot.
    """
    return _load_compiled(path, key=key)


def loads(text: str, name: str = "<string>") -> Policy:
    """Loads a single-file policy from YAML text; ``name`` stands for its file
    in messages. Nothing is read from disk. Raises PolicyError."""
    return _loads(text, name)


def diff(old: Policy, new: Policy, date: DateLike = None, by: str = "effect", *,
         all_dates: bool = False) -> DiffResult:
    """Every query whose decision differs between two policies on ``date``
    (default: today, UTC), as disjoint regions.

    ``by``: 'effect' (the effect differs), 'outcome' (the effect or the set
    of outcomes and obligations differs) or 'decisive' (the effect or the
    decisive rules or their justification differ). ``all_dates=True``
    compares on every date instead (``date`` is then ignored): each region
    carries ``dates`` (``{"from", "to"}``) and the result ``intervals``, as
    ``clearance diff --all-dates``. Raises PolicyError when the policies
    cannot be compared, TypeError unless both are Policy objects.
    """
    return DiffResult.from_json(_diff_json(old, new, date, by, all_dates))


def lint_file(path: PathLike, date: DateLike = None) -> LintReport:
    """As ``clearance lint PATH``: a policy that fails to load gives its load
    errors as diagnostics. Raises PolicyError only when the root file cannot
    be read."""
    return LintReport.from_json(_lint_file_json(path, date))


def run_tests(paths: Union[PathLike, Iterable[PathLike]], date: DateLike = None) -> TestReport:
    """Runs test files (a folder: every ``*.test.yaml`` beneath it); counts
    are expanded queries. Raises PolicyError for a bad test file or policy."""
    return TestReport.from_raw(_run_tests(paths, date))
