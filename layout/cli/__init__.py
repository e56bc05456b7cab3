"""Command line: argv → stage calls → exit code. The only package that knows both.

Takes ``argv``; returns an :class:`~layout.errors.ExitCode`. Every error is one
line on stderr (a traceback only with ``-v``); data goes to files or stdout (``-o -``).
Outputs are checked before any work (never an input, never named twice) and written
together at the end (:func:`layout.fileio.staged_outputs`); SIGTERM and Ctrl-C remove
the temporary files and exit 143 / 130.

Modules: :mod:`~layout.cli.parser` (the arguments), :mod:`~layout.cli.options` (what they
ask for: settings, metadata, render options, outputs), :mod:`~layout.cli.commands` (one
function per command) and :mod:`~layout.cli.main` (logging, signals, errors to exit
codes). ``layout.cli:run`` (:func:`main`, then a quick exit) is the ``layout`` script's
entry point.
"""

from layout.cli.commands import COMMANDS
from layout.cli.main import main, run
from layout.cli.parser import build_parser

__all__ = ["COMMANDS", "build_parser", "main", "run"]
