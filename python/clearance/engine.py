"""Engine: one policy, reloaded in place while other threads keep deciding."""
from __future__ import annotations

import threading
from typing import Any, Mapping, Optional

from ._clearance import Decision, Policy
from ._clearance import _is_snapshot_file
from ._clearance import load as _load
from ._clearance import load_compiled as _load_compiled


class Engine:
    """Serves the current version of the policy whose root file is ``path``,
    or of the compiled snapshot at ``path`` (read with ``key``, if signed).

    ``policy`` is a snapshot: keep it to decide many times with one version.
    ``reload()`` reads the files again; on success the new version becomes
    current, on PolicyError the old one stays. Every decision names the
    digest of the version that made it (``Decision.policy_digest``). Safe to
    use from several threads; reloads run one at a time.
    """

    def __init__(self, path: Any, *, root: Any = None, allow_absolute: bool = False,
                 key: Optional[str] = None) -> None:
        self._path = path
        self._root = root
        self._allow_absolute = allow_absolute
        self._key = key
        self._lock = threading.Lock()
        self._policy: Policy = self._read()
        self._generation = 1

    def _read(self) -> Policy:
        if _is_snapshot_file(self._path):
            return _load_compiled(self._path, key=self._key)
        return _load(self._path, root=self._root, allow_absolute=self._allow_absolute)

    @property
    def path(self) -> Any:
        """The root file, as given."""
        return self._path

    @property
    def policy(self) -> Policy:
        """A snapshot of the current version."""
        return self._policy

    @property
    def generation(self) -> int:
        """1 after opening; one more after each successful reload."""
        return self._generation

    def reload(self) -> Policy:
        """Loads the files again and makes that version current (returned).
        Raises PolicyError and keeps the current version when it fails."""
        with self._lock:
            policy = self._read()
            self._policy = policy
            self._generation += 1
            return policy

    def decide(self, query: Optional[Mapping[str, Any]] = None, /, *, date: Any = None, explain: bool = False,
               **dims: str) -> Decision:
        """As Policy.decide, on the current version."""
        return self._policy.decide(query, date=date, explain=explain, **dims)

    def __repr__(self) -> str:
        return f"<clearance.Engine {self._path!r} generation {self._generation} {self._policy.digest[:19]}...>"
