"""The entry point: argv in, exit code out; the one place that maps errors to exit codes.

Takes ``argv`` (default ``sys.argv[1:]``); parses it (:mod:`layout.cli.parser`), sets up
logging to stderr (``-v`` more, ``-q`` errors only), runs the command
(:mod:`layout.cli.commands`) and returns its exit code. Every error is one line on stderr
(a traceback only with ``-v``): a :class:`~layout.errors.LayoutError` exits with its
code, Ctrl-C 130, SIGTERM 143 (unwinding like Ctrl-C, so temporary files are removed),
anything unexpected 2. :func:`run` (the ``layout`` script, ``python -m layout``) runs
:func:`main` and ends the process at once with its code, skipping the interpreter's
teardown.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from layout.cli.commands import COMMANDS
from layout.cli.parser import build_parser
from layout.errors import ExitCode, LayoutError

log = logging.getLogger("layout")
EXIT_FLUSH_FAILED = 120  # stdout cannot be flushed at exit (as the interpreter exits)
GC_YOUNG_OBJECTS = 10_000  # allocations between collections of the youngest generation


class Terminated(BaseException):
    """Raised by the SIGTERM handler, so cleanup runs as for Ctrl-C (not caught as an error)."""


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose > 1 else (
        logging.INFO if verbose else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("layout: %(levelname)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def _install_sigterm() -> object | None:
    """Make SIGTERM unwind like Ctrl-C (temporary files removed); the old handler, or None."""
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        return None


def _one_line(exc: BaseException) -> str:
    return " ".join(line.strip() for line in str(exc).splitlines()) or type(exc).__name__


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in argv or "--verbose" in argv or any(a.startswith("-vv") for a in argv)
    previous = _install_sigterm()
    thresholds = gc.get_threshold()
    # the analysis allocates millions of small objects and few cycles: collecting the
    # youngest generation every 700 allocations costs a tenth of a run for nothing
    gc.set_threshold(GC_YOUNG_OBJECTS, *thresholds[1:])
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        args.verbose = args.verbose + getattr(args, "sub_verbose", 0)  # before or after
        args.quiet = args.quiet or getattr(args, "sub_quiet", False)
        _configure_logging(args.verbose, args.quiet)
        if not args.command:
            parser.print_help(sys.stderr)
            return ExitCode.BAD_ARGUMENTS
        return int(COMMANDS[args.command](args))
    except KeyboardInterrupt:
        print("layout: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Terminated:
        print("layout: terminated", file=sys.stderr)
        return ExitCode.TERMINATED
    except LayoutError as exc:
        if verbose:
            logging.getLogger("layout").exception("failed")
        print(f"layout: error: {_one_line(exc)}", file=sys.stderr)
        return int(exc.exit_code)
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("layout"):
            raise
        if verbose:
            logging.getLogger("layout").exception("failed")
        print(f"layout: error: this capability has not landed yet ({exc.name})",
              file=sys.stderr)
        return ExitCode.BAD_ARGUMENTS
    except Exception as exc:  # noqa: BLE001 - the one place that maps everything
        if verbose:
            raise
        print(f"layout: error: unexpected {type(exc).__name__}: {_one_line(exc)} "
              "(rerun with -v)", file=sys.stderr)
        return ExitCode.BAD_INPUT
    finally:
        gc.set_threshold(*thresholds)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]


def _flush_standard_streams() -> bool:
    """Flush stdout and stderr as the interpreter's exit does; False (told on stderr) when
    stdout cannot be flushed."""
    ok = True
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.closed:
                stream.flush()
        except (OSError, ValueError) as exc:
            if stream is sys.stdout:
                ok = False
                with contextlib.suppress(OSError, ValueError):
                    print(f"layout: error: cannot write standard output: {_one_line(exc)}",
                          file=sys.stderr, flush=True)
    return ok


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """:func:`main`, then exit with its code without the interpreter's teardown.

    Every output is complete and closed when :func:`main` returns (written through
    :mod:`layout.fileio`); what is left is the exit handlers (run here, as at a normal
    exit) and the flush of stdout and stderr. The teardown skipped is freeing every
    object one by one (the issue, the fonts, the modules): a tenth of a second on a
    short run for nothing. Falls back to a normal exit when other threads are still
    running (the interpreter waits for them)."""
    code = main(argv)
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()  # noqa: SLF001 - what the interpreter's exit runs first
    if not _flush_standard_streams() and code == ExitCode.OK:
        code = EXIT_FLUSH_FAILED
    os._exit(code)
