"""Ready-made JSON bodies of the API by request and data version, and values kept for a
moment (the data version itself, the user of an API token).

A key holds the data version (``browse.data_version``), so an entry is never served after
the data it was made from changed: the next request makes a new one. The cache only spares
repeated reads of unchanged data the query and the serialisation, which are most of what a
dashboard's requests cost.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable


class JsonCache:
    """At most ``size`` bodies, the least recently used dropped first; one maker per key at
    a time, so that many clients asking for the same new body make it once."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._bodies: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}

    def peek(self, key: Hashable) -> bytes | None:
        """The body for ``key`` if it is there (never waits for a maker)."""
        with self._lock:
            return self._bodies.get(key)

    def get(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The body for ``key``, made by ``make`` when absent."""
        with self._lock:
            if key in self._bodies:
                self._bodies.move_to_end(key)
                return self._bodies[key]
            lock = self._making.setdefault(key, threading.Lock())
        with lock:
            with self._lock:
                if key in self._bodies:
                    return self._bodies[key]
            body = make()
            with self._lock:
                self._bodies[key] = body
                self._making.pop(key, None)
                while len(self._bodies) > self._size:
                    self._bodies.popitem(last=False)
        return body


class Recent:
    """A value read from the database, kept for ``seconds`` and forgotten at once when this
    process changes data (``forget``): what other processes change (``tamatrix ingest``,
    another worker) shows within ``seconds``, what this one changes at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._values: dict[Hashable, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> object | None:
        """The value kept for ``key`` if it is recent enough, else None."""
        found = self._values.get(key)
        if found is None or time.monotonic() - found[0] > self.seconds:
            return None
        return found[1]

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            if len(self._values) > 10_000:
                self._values.clear()
            self._values[key] = (time.monotonic(), value)

    def forget(self) -> None:
        with self._lock:
            self._values.clear()
