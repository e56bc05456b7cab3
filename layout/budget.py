"""Cooperative time budgets: a deadline around one page's work, checked inside its loops.

Takes a number of seconds; provides :func:`page_budget`, a context manager that sets
the deadline for the code it wraps (in this thread or task only: a context
variable, no signals, so it works off the main thread too), and :func:`check_budget`,
which the per-page loops call and which raises
:class:`layout.errors.BudgetExceeded` once the deadline has passed. Outside a
budget, :func:`check_budget` costs one context-variable read and never raises.

The seconds are CPU seconds of the thread doing the page's work (:func:`time.thread_time`),
not wall-clock time: a page gets the same amount of work before it is skipped whether the
machine is idle or loaded, and pages analysed side by side in threads of one process are
each charged only their own work.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from layout.errors import BudgetExceeded


def budget_clock() -> float:
    """The clock budgets run on: CPU seconds of the calling thread."""
    return time.thread_time()


_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("layout_page_deadline",
                                                               default=None)


@contextmanager
def page_budget(seconds: float) -> Iterator[None]:
    """Run the body with a deadline ``seconds`` of this thread's CPU time from now (nested
    budgets: the inner one)."""
    token = _DEADLINE.set((budget_clock() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_budget() -> None:
    """Raise BudgetExceeded when the current page's deadline has passed."""
    current = _DEADLINE.get()
    if current is not None and budget_clock() > current[0]:
        raise BudgetExceeded(current[1])
