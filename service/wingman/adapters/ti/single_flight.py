"""In-process single-flight: concurrent callers for one key share one running task."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class SingleFlight(Generic[T]):
    """Runs one task per key at a time; every caller waits for it up to its own timeout."""

    def __init__(self) -> None:
        self._flights: dict[str, asyncio.Task[T]] = {}

    def __len__(self) -> int:
        return len(self._flights)

    async def run(
        self, key: str, make: Callable[[], Coroutine[Any, Any, T]], *, timeout: float
    ) -> tuple[T | None, bool]:
        """The shared task's result (None when `timeout` passes first), and whether it was ours."""
        task = self._flights.get(key)
        leader = task is None
        if task is None:
            task = asyncio.ensure_future(make())
            self._flights[key] = task
            task.add_done_callback(lambda done: self._landed(key, done))
        # asyncio.wait never cancels the task: a caller that gives up leaves it to the others.
        finished, _ = await asyncio.wait({task}, timeout=max(0.0, timeout))
        if task not in finished:
            return None, leader
        return task.result(), leader

    async def close(self) -> None:
        """Cancel every running task and wait for them to end."""
        tasks = list(self._flights.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _landed(self, key: str, task: asyncio.Task[T]) -> None:
        if self._flights.get(key) is task:
            del self._flights[key]
        if not task.cancelled():
            task.exception()  # seen here; the waiters read the result themselves
