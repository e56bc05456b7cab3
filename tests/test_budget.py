"""layout.budget: a cooperative deadline per page, per thread, without signals."""

from __future__ import annotations

import threading

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
