"""GUI tests collect garbage on the GUI thread only, as the app does (ui/widgets/collector.py):
a collection triggered on a worker thread would destroy leftover widgets there and abort."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread_only() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()
