"""Write one output in a forked child process while this process goes on (``convert --jobs``).

Takes a writer (a function of a binary stream), the stream it is to write to (a file with a
descriptor, such as :func:`layout.fileio.staged_outputs` gives) and whether to use a child
at all; :func:`written_in_background` is a context manager: on entry the child starts
(forked, so it writes from this process's data as it stands, copy-on-write), on a normal
exit this process waits for it and raises its error, if any, as the writer would have
raised it here (:class:`~layout.errors.LayoutError` s keep their class, path and problem).
The bytes are the ones the writer gives run here: the same function over the same data into
the same open file. This process must not touch the stream inside the block. When the block
fails, the child is stopped. Without ``fork`` (or ``enabled`` false) the writer runs here, at
the end of the block, as a serial run writes it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import BinaryIO

from layout import errors


def _child(write: Callable[[BinaryIO], None], stream: BinaryIO, conn) -> None:
    """In the child: write, flush, and send back None or (error class name, path, problem)."""
    outcome: object = None
    try:
        write(stream)
        stream.flush()
    except errors.LayoutError as exc:
        outcome = (type(exc).__name__, str(getattr(exc, "path", "")),
                   getattr(exc, "problem", str(exc)))
    except BaseException as exc:  # noqa: BLE001 - carried back to be raised in the parent
        outcome = ("RuntimeError", "", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(outcome)
    finally:
        conn.close()
        os._exit(0)  # now: nothing of the parent's (buffers, exit handlers) runs here again


def _raise(outcome: object) -> None:
    if outcome is None:
        return
    name, path, problem = outcome  # type: ignore[misc]
    kind = getattr(errors, name, None)
    if isinstance(kind, type) and issubclass(kind, (errors.InputError, errors.OutputError)):
        raise kind(path, problem)
    if isinstance(kind, type) and issubclass(kind, errors.LayoutError):
        raise errors.LayoutError(problem)
    raise RuntimeError(f"writing in the background failed: {problem}")


@contextlib.contextmanager
def written_in_background(write: Callable[[BinaryIO], None], stream: BinaryIO,
                          enabled: bool = True) -> Iterator[None]:
    """``write(stream)`` in a forked child during the block (see the module doc)."""
    if enabled:
        from multiprocessing import get_all_start_methods  # only for --jobs

        enabled = "fork" in get_all_start_methods()
    if not enabled:
        yield
        write(stream)
        return
    from multiprocessing import get_context

    context = get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(write, stream, send), daemon=True)
    child.start()
    send.close()
    try:
        yield
        try:
            outcome = receive.recv()
        except EOFError:  # the child died before it could answer
            child.join()
            raise RuntimeError("writing in the background failed: the writer process exited "
                               f"with code {child.exitcode}") from None
        child.join()
        _raise(outcome)
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
            child.join()
