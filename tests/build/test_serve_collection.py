"""`make serve` collects a build's garbage shortly after the build and freezes what lives
on (hooks/serve.py, Session), so that the next build's collections do not scan it again;
what a later build lets go of is still freed, and a build is never frozen halfway."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator

import pytest

from tests.build.test_serve_problems import serve


class Cycle:
    """An object only the cyclic collector frees, as most of what a build makes."""

    def __init__(self) -> None:
        self.itself = self


def frozen(obj: object) -> bool:
    """In the permanent generation: tracked, yet in none that the collector scans."""
    return gc.is_tracked(obj) and all(found is not obj for found in gc.get_objects())


@pytest.fixture
def thawed() -> Iterator[None]:
    """The test process's collector as it was: nothing left frozen for the next tests."""
    yield
    gc.unfreeze()


def test_a_build_is_frozen_after_it_not_during_the_next_and_freed_when_dropped(
    monkeypatch: pytest.MonkeyPatch, thawed: None
) -> None:
    kept: dict[str, Cycle] = {}  # what the session's memory holds from build to build
    frozen_halfway: list[bool] = []

    def build_or_show_problems(config: object, **options: object) -> None:
        """A build that makes an object, keeps it in place of the last build's, and lasts
        long enough for a collection planned before it to fall in it."""
        made = Cycle()
        time.sleep(serve.COLLECT_AFTER * 2)
        frozen_halfway.append(frozen(made))
        kept.clear()
        kept["last"] = made

    monkeypatch.setattr(serve, "build_or_show_problems", build_or_show_problems)
    session = serve.Session(memory=None)

    session.build(None)
    first = weakref.ref(kept["last"])
    session.build(None)  # saved again before the first build's collection was due
    assert session.collection is not None
    session.collection.join()

    assert frozen_halfway == [False, False]
    assert first() is None  # the first build's object, dropped by the second: freed
    second = weakref.ref(kept["last"])
    assert frozen(kept["last"])

    session.build(None)
    session.collection.join()

    assert second() is None  # frozen, then dropped: freed all the same
    assert frozen(kept["last"])
