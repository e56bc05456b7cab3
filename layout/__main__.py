"""Entry point for ``python -m layout``: takes argv, exits with the CLI's exit code."""

from layout.cli import run

run()
