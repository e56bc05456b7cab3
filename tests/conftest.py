"""Test-wide configuration: Hypothesis runs reproducibly under CI.

Takes the environment; with ``CI`` set, property tests use a derandomized
profile (same examples every run, no timing deadline on a loaded machine), so a
CI result can be reproduced locally with ``CI=true python -m pytest``.
"""

import logging
import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def _ocr_cache_in_a_temporary_folder(tmp_path_factory):
    """OCR results are cached in a folder of this session, never the user's cache."""
    saved = os.environ.get("LAYOUT_CACHE_DIR")
    os.environ["LAYOUT_CACHE_DIR"] = str(tmp_path_factory.mktemp("layout-cache"))
    yield
    if saved is None:
        os.environ.pop("LAYOUT_CACHE_DIR", None)
    else:
        os.environ["LAYOUT_CACHE_DIR"] = saved


@pytest.fixture(scope="session")
def composed_page(tmp_path_factory):
    """``get(composer, family, seed, split="holdout")`` → (pdf path, Composed): pages of
    ``tests.synth.compose`` drawn once per session and shared by the tests that use them."""
    cache: dict = {}
    folder = tmp_path_factory.mktemp("composed")

    def get(composer: str, family: str, seed: int, split: str | None = "holdout"):
        key = (composer, family, seed, split)
        if key not in cache:
            from tests.synth.compose import compose

            path = folder / f"{composer}-{family}-{seed}-{split}.pdf"
            cache[key] = (path, compose(composer, seed, family, path, split))
        return cache[key]

    return get


@pytest.fixture(autouse=True)
def _layout_logger_restored():
    """The CLI points the ``layout`` logger at the test's stderr and stops propagation;
    put it back after each test so later tests' caplog sees the library's warnings."""
    logger = logging.getLogger("layout")
    state = (logger.handlers[:], logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = state[0], state[1], state[2]
