"""What one profile's templates may spend: CPU time, loop steps, call depth and buffer sizes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ... import limits
from ...i18n import _
from .sizes import LimitError, limit_error, too_big


class Budget:
    """CPU time across one profile's renders; loop steps and call depth within one render."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.started: float | None = None
        self.steps = 0
        self.depth = 0
        self.ticks = 0

    def enter(self) -> None:
        self.started = time.process_time()
        self.steps = 0
        self.depth = 0
        if self.cpu > limits.MAX_RENDER_CPU_SECONDS:  # the profile's earlier texts spent it all
            raise self.over()

    def leave(self) -> None:
        if self.started is not None:
            self.cpu += time.process_time() - self.started
            self.started = None

    def tick(self) -> None:
        self.ticks += 1
        if self.ticks & 63 == 0 and self.started is not None:
            if self.cpu + time.process_time() - self.started > limits.MAX_RENDER_CPU_SECONDS:
                raise self.over()

    @staticmethod
    def over() -> LimitError:
        return limit_error(
            _("the profile's templates take more than {seconds} s of CPU").format(
                seconds=limits.MAX_RENDER_CPU_SECONDS
            )
        )

    def step(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > limits.MAX_LOOP_STEPS:
            raise limit_error(_("loops take more than {n} steps").format(n=limits.MAX_LOOP_STEPS))
        self.tick()


class Buffer(list):
    """The output buffer of a macro, {% set %} block or filter block: its size is bounded too."""

    def __init__(self, budget: Budget) -> None:
        super().__init__()
        self.budget, self.size = budget, 0

    def append(self, item: Any) -> None:
        self.size += len(item) if isinstance(item, str) else 1
        if self.size > limits.MAX_VALUE_SIZE:
            raise too_big()
        self.budget.tick()
        super().append(item)

    def extend(self, items: Iterable[Any]) -> None:
        for item in items:
            self.append(item)


class Steps:
    """What a {% for %} iterates over: each step counts against the loop budget."""

    def __init__(self, iterable: Any, budget: Budget) -> None:
        self.iterable, self.budget = iterable, budget

    def __iter__(self) -> Iterator[Any]:
        if isinstance(self.iterable, range):  # range() paid for its steps when it was made
            yield from self.iterable
            return
        for item in self.iterable:
            self.budget.step()
            yield item

    def __len__(self) -> int:
        return len(self.iterable)


def counting_range(budget: Budget) -> Callable[..., range]:
    """range() spending the render's loop budget, so nested loops stay bounded too."""

    def bounded(*args: int) -> range:
        r = range(*args)
        budget.step(len(r))
        return r

    return bounded
