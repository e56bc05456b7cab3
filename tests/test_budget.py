"""layout.budget: a cooperative deadline per page, per thread, without signals."""

from __future__ import annotations

import threading
import time

import pytest

from layout import budget
from layout.errors import BudgetExceeded, LayoutError


def test_no_budget_never_raises(monkeypatch):
    monkeypatch.setattr(budget.time, "thread_time", lambda: 1e12)
    budget.check_budget()


def test_the_deadline_passes_after_the_budget(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(budget.time, "thread_time", lambda: now[0])
    with budget.page_budget(5):
        now[0] = 104.9
        budget.check_budget()
        now[0] = 105.1
        with pytest.raises(BudgetExceeded, match="over the 5 s page budget") as caught:
            budget.check_budget()
    assert isinstance(caught.value, LayoutError)
    budget.check_budget()  # the budget ends with its block


def test_budgets_nest_and_belong_to_their_thread(monkeypatch):
    now = [0.0]
    monkeypatch.setattr(budget.time, "thread_time", lambda: now[0])
    seen: list[str] = []

    def other_thread():
        try:
            budget.check_budget()
            seen.append("free")
        except BudgetExceeded:
            seen.append("raised")

    with budget.page_budget(100):
        with budget.page_budget(1):
            now[0] = 2.0
            with pytest.raises(BudgetExceeded):
                budget.check_budget()
        budget.check_budget()  # the outer budget is back
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    assert seen == ["free"]


def test_a_long_call_is_cancelled_when_the_budget_runs_out():
    cancelled = threading.Event()
    spent_from = time.thread_time()
    with budget.page_budget(0.2), budget.watch_budget(cancelled.set):
        while not cancelled.is_set() and time.thread_time() - spent_from < 10:
            sum(range(1000))  # a native call's work, which cannot check the budget
    assert cancelled.is_set()
    assert time.thread_time() - spent_from < 2.0


def test_a_call_within_its_budget_or_outside_one_is_not_cancelled():
    cancelled = threading.Event()
    with budget.page_budget(30.0), budget.watch_budget(cancelled.set):
        sum(range(1000))
    with budget.watch_budget(cancelled.set):
        sum(range(1000))
    assert not cancelled.is_set()
