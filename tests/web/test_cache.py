"""The caches of the web application: one maker per key, least recently used dropped first,
values kept only for their time."""

from __future__ import annotations

import threading
import time

from tamatrix.web.cache import Memo, Recent


def test_many_requests_for_the_same_new_value_make_it_once():
    memo: Memo[int] = Memo(size=4)
    made = []
    gate = threading.Event()

    def make() -> int:
        made.append(1)
        gate.wait(5)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(memo.get("k", make))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    gate.set()
    for thread in threads:
        thread.join(5)
    assert results == [42] * 8 and len(made) == 1


def test_the_least_recently_used_value_goes_first():
    memo: Memo[str] = Memo(size=2)
    memo.get("a", lambda: "A")
    memo.get("b", lambda: "B")
    memo.get("a", lambda: "never")  # a is used again
    memo.get("c", lambda: "C")  # b goes
    assert memo.peek("a") == "A" and memo.peek("c") == "C" and memo.peek("b") is None


def test_recent_values_expire_and_are_forgotten():
    recent = Recent(seconds=0.2)
    recent.put("data", (1, 2))
    assert recent.get("data") == (1, 2)
    time.sleep(0.25)
    assert recent.get("data") is None
    recent.put("data", (3,))
    recent.forget()
    assert recent.get("data") is None
