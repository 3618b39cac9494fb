"""The start-up heap is frozen out of the garbage collector, and garbage is still collected."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from threatdesk.api.heap import freeze_startup_heap


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Give the test process its collector back as it was."""
    gc.unfreeze()
    yield
    gc.unfreeze()


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> Node:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return a


@pytest.mark.usefixtures("unfrozen")
def test_live_start_up_objects_leave_the_collected_generations() -> None:
    """A full collection then scans what was made after start-up, not what lives as long as the process."""
    long_lived = [cycle() for _ in range(100)]
    assert freeze_startup_heap() >= 200
    tracked = {id(o) for o in gc.get_objects()}
    assert not any(id(node) in tracked or id(node.other) in tracked for node in long_lived)


@pytest.mark.usefixtures("unfrozen")
def test_garbage_made_before_the_freeze_is_collected_first_and_after_it_as_before() -> None:
    """Freezing never keeps garbage alive: it collects first, and later cycles are collected as usual."""
    gc.disable()
    try:
        before = weakref.ref(cycle())  # unreachable at once: only the collector frees a cycle
        assert before() is not None
        freeze_startup_heap()
        assert before() is None
        after = weakref.ref(cycle())
        assert after() is not None
        gc.collect()
        assert after() is None
    finally:
        gc.enable()


@pytest.mark.parametrize(("freeze_heap", "frozen"), [(True, True), (False, False)])
@pytest.mark.usefixtures("unfrozen")
def test_the_standalone_app_freezes_its_heap_once_started(sqlite_url: str, freeze_heap: bool, frozen: bool) -> None:
    """Only the process that serves the API alone (``app_from_env``) freezes; an embedding process is left alone."""
    from fastapi.testclient import TestClient

    from tests.alerts.servers import pipeline_with_pii
    from threatdesk.api.app import create_api_app
    from threatdesk.api.state import ApiState
    from threatdesk.store import Store

    state = ApiState(Store.open(sqlite_url), pipeline=pipeline_with_pii())
    app = create_api_app(state=state, freeze_heap=freeze_heap)
    assert gc.get_freeze_count() == 0
    with TestClient(app):
        assert (gc.get_freeze_count() > 0) is frozen
