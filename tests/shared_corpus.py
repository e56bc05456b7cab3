"""Where the development corpus (``../shared`` beside the repository) is, if anywhere.

Takes the environment; returns paths under ``../shared`` or ``None``. Every test, synthetic
data generator and benchmark finds the corpus through :func:`shared_path` and nothing else,
so ``LAYOUT_NO_SHARED=1`` makes them all act as on a fresh clone without ``../shared``
(CI runs the suite both ways).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_ROOT = Path(__file__).resolve().parents[1].parent / "shared"
NO_SHARED_VARIABLE = "LAYOUT_NO_SHARED"


def shared_disabled() -> bool:
    """True when ``LAYOUT_NO_SHARED`` is set to anything but empty or ``0``."""
    return os.environ.get(NO_SHARED_VARIABLE, "") not in ("", "0")


def shared_path(*parts: str) -> Path | None:
    """``../shared/<parts>`` when it exists and the corpus is not switched off, else None."""
    if shared_disabled():
        return None
    path = SHARED_ROOT.joinpath(*parts)
    return path if path.exists() else None


def corpus_path(*parts: str) -> Path | None:
    """``../shared/corpus/<parts>`` (see :func:`shared_path`)."""
    return shared_path("corpus", *parts)


def needs_corpus(*parts: str) -> pytest.MarkDecorator:
    """A skip mark for tests that need ``../shared/corpus/<parts>``."""
    where = "/".join(("../shared/corpus", *parts))
    reason = f"{where} not present" + (f" ({NO_SHARED_VARIABLE} set)" if shared_disabled() else "")
    return pytest.mark.skipif(corpus_path(*parts) is None, reason=reason)
