"""``python -m layout.cli``: the same as ``layout`` and ``python -m layout``."""

from layout.cli.main import run

run()
