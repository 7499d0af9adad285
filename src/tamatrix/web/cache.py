"""Ready-made JSON bodies of the API, by request and data version.

A key holds the data version (``browse.data_version``), so an entry is never served after
the data it was made from changed: the next request makes a new one. The cache only spares
repeated reads of unchanged data the query and the serialisation, which are most of what a
dashboard's requests cost.
"""

from __future__ import annotations

import threading
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
