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
from typing import Generic, TypeVar

V = TypeVar("V")


class Memo(Generic[V]):
    """At most ``size`` values by key, the least recently used dropped first; one maker per
    key at a time, so that many requests asking for the same new value make it once."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}

    def peek(self, key: Hashable) -> V | None:
        """The value for ``key`` if it is there (never waits for a maker)."""
        with self._lock:
            return self._values.get(key)

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value for ``key``, made by ``make`` when absent."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            lock = self._making.setdefault(key, threading.Lock())
        with lock:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            value = make()
            with self._lock:
                self._values[key] = value
                self._making.pop(key, None)
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
        return value


class JsonCache(Memo[bytes]):
    """Ready-made JSON bodies of the API, by request and data version."""


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
