"""Engine: one policy, reloaded in place while other threads keep deciding."""
from __future__ import annotations

import threading
from typing import Any, Mapping, Optional

from ._clearance import Decision, Policy
from ._clearance import load as _load


class Engine:
    """Serves the current version of the policy whose root file is ``path``.

    ``policy`` is a snapshot: keep it to decide many times with one version.
    ``reload()`` reads the files again; on success the new version becomes
    current, on PolicyError the old one stays. Every decision names the
    digest of the version that made it (``Decision.policy_digest``). Safe to
    use from several threads; reloads run one at a time.
    """

    def __init__(self, path: Any, *, root: Any = None, allow_absolute: bool = False) -> None:
        self._path = path
        self._root = root
        self._allow_absolute = allow_absolute
        self._lock = threading.Lock()
        self._policy: Policy = _load(path, root=root, allow_absolute=allow_absolute)
        self._generation = 1

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
            policy = _load(self._path, root=self._root, allow_absolute=self._allow_absolute)
            self._policy = policy
            self._generation += 1
            return policy

    def decide(self, query: Optional[Mapping[str, Any]] = None, /, *, date: Any = None, explain: bool = False,
               **dims: str) -> Decision:
        """As Policy.decide, on the current version."""
        return self._policy.decide(query, date=date, explain=explain, **dims)

    def __repr__(self) -> str:
        return f"<clearance.Engine {self._path!r} generation {self._generation} {self._policy.digest[:19]}...>"
