"""The parts of Policy written in Python, installed on the native class."""
from __future__ import annotations

import collections.abc
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from ._types import DecisionColumns, Dimension, LintReport, Matrix, Rule, dimensions_from_raw, rules_from_raw


def _dimensions(self: Any) -> Dict[str, Dimension]:
    """Dimension name -> Dimension (values, groups, default), declaration order."""
    return dimensions_from_raw(self._dimensions_raw())


def _rules(self: Any) -> Dict[str, Rule]:
    """Rule id -> Rule, policy order."""
    return rules_from_raw(self._rules_raw())


def _lint(self: Any, date: Any = None) -> LintReport:
    """The lint findings (warnings) on this policy; ``date`` is the as-of date
    for ``expired`` (default: today, UTC)."""
    return LintReport.from_json(self._lint_json(date))


def _matrix(self: Any, rows: str, cols: str, *, where: Optional[Mapping[str, str]] = None, date: Any = None,
            fold_rows: str = "none", fold_cols: str = "none") -> Matrix:
    """A table of effects, ``rows`` dimension down and ``cols`` across, every
    other dimension fixed by ``where`` or to its default, as
    ``clearance matrix``. ``fold_rows``/``fold_cols``: 'none', 'groups' or
    'lossless'. Raises QueryError for unknown names, ValueError for a bad fold.
    """
    if not isinstance(rows, str) or not isinstance(cols, str):
        raise TypeError("rows and cols must be dimension names (str)")
    pairs = list((where or {}).items())
    for key, value in pairs:
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("where must map dimension names to value names (str)")
    return Matrix.from_raw(self._matrix_raw(rows, cols, pairs, date, fold_rows, fold_cols))


def _columns_of(queries: Any, columns: Optional[Sequence[str]]) -> Optional[Tuple[List[str], List[Any]]]:
    """(names, columns) for columnar input, or None for an iterable of mappings."""
    if columns is not None:
        names = list(columns)
        rows = list(queries)
        for r in rows:
            if len(r) != len(names):
                raise ValueError(f"a row has {len(r)} values for {len(names)} columns")
        return names, [[r[i] for r in rows] for i in range(len(names))] if rows else [[] for _ in names]
    if hasattr(queries, "columns") and hasattr(queries, "to_numpy"):  # a pandas DataFrame
        names = [str(c) for c in queries.columns]
        return names, [queries[c].tolist() for c in queries.columns]
    if isinstance(queries, collections.abc.Mapping):  # dict of columns (lists or NumPy arrays)
        names = list(queries.keys())
        return names, [v.tolist() if hasattr(v, "tolist") else v for v in queries.values()]
    return None


def _decide_many(self: Any, queries: Any, *, date: Any = None, trace: str = "none", threads: int = 0,
                 columns: Optional[Sequence[str]] = None) -> Union[List[Any], DecisionColumns]:
    """Decides many queries, the GIL released while deciding.

    ``queries``: an iterable of mappings (as for decide) -> a list of
    Decision, with the trace of ``trace`` ('none', 'matching', 'all'); or
    columnar input -> DecisionColumns (``effects``, ``decisive``): a list of
    tuples with ``columns=`` naming them, a dict of columns (lists or NumPy
    arrays) or a pandas DataFrame; a 'date' column is allowed. ``threads``:
    0 picks by size (one per core for large inputs), n uses n threads.
    Raises QueryError naming the first bad query (``queries[i]:`` or
    ``row i:``), TypeError for other input.
    """
    if not isinstance(threads, int) or threads < 0:
        raise ValueError("threads must be an int >= 0")
    columnar = _columns_of(queries, columns)
    if columnar is None:
        decisions: List[Any] = self._decide_mappings(queries, date, trace, threads)
        return decisions
    if trace != "none":
        raise ValueError("columnar input gives effects and decisive rules only: use trace='none'")
    effects, decisive = self._decide_columns(columnar[0], columnar[1], date, threads)
    return DecisionColumns(effects, decisive)


def install(policy_class: Any) -> None:
    policy_class.dimensions = property(_dimensions)
    policy_class.rules = property(_rules)
    policy_class.lint = _lint
    policy_class.matrix = _matrix
    policy_class.decide_many = _decide_many
