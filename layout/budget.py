"""Cooperative time budgets: a deadline around one page's work, checked inside its loops.

Takes a number of seconds; provides :func:`page_budget`, a context manager that sets
the deadline for the code it wraps (in this thread or task only: a context
variable, no signals, so it works off the main thread too), and :func:`check_budget`,
which the per-page loops call and which raises
:class:`layout.errors.BudgetExceeded` once the deadline has passed. Outside a
budget, :func:`check_budget` costs one context-variable read and never raises.
For one long call that cannot check (a model run in a native library),
:func:`watch_budget` calls a cancel function from a watcher thread once the calling
thread's CPU clock passes the deadline.

The seconds are CPU seconds of the thread doing the page's work (:func:`time.thread_time`),
not wall-clock time: a page gets the same amount of work before it is skipped whether the
machine is idle or loaded, and pages analysed side by side in threads of one process are
each charged only their own work.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from layout.errors import BudgetExceeded


def budget_clock() -> float:
    """The clock budgets run on: CPU seconds of the calling thread."""
    return time.thread_time()


_DEADLINE: ContextVar[tuple[float, float, str] | None] = ContextVar(
    "layout_page_deadline", default=None)


@contextmanager
def page_budget(seconds: float, what: str = "page") -> Iterator[None]:
    """Run the body with a deadline ``seconds`` of this thread's CPU time from now (nested
    budgets: the inner one); ``what`` names the budget in its error ("page", "OCR")."""
    token = _DEADLINE.set((budget_clock() + seconds, seconds, what))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_budget() -> None:
    """Raise BudgetExceeded when the current page's deadline has passed."""
    current = _DEADLINE.get()
    if current is not None and budget_clock() > current[0]:
        raise BudgetExceeded(current[1], current[2])


def current_budget() -> tuple[float, str] | None:
    """The current budget's size in seconds and its name (None outside a budget)."""
    current = _DEADLINE.get()
    return None if current is None else (current[1], current[2])


_WATCH_INTERVAL = 0.05  # s of wall time between the watcher's looks at the clock


@contextmanager
def watch_budget(cancel: Callable[[], None]) -> Iterator[None]:
    """Run the body (one long native call that cannot check the budget itself) with a
    watcher thread that calls ``cancel`` once this thread's CPU clock passes the current
    page's deadline; without a budget, or where a thread's CPU clock cannot be read from
    another thread, the body runs unwatched."""
    current = _DEADLINE.get()
    clock_of = getattr(time, "pthread_getcpuclockid", None)
    if current is None or clock_of is None:
        yield
        return
    try:
        clock = clock_of(threading.get_ident())
    except (OSError, OverflowError):
        yield
        return
    deadline = current[0]
    done = threading.Event()

    def watch() -> None:
        while not done.wait(_WATCH_INTERVAL):
            if time.clock_gettime(clock) > deadline:
                cancel()
                return

    watcher = threading.Thread(target=watch, name="layout-budget-watch", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
