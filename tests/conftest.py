"""Test-wide configuration: Hypothesis runs reproducibly under CI.

Takes the environment; with ``CI`` set, property tests use a derandomized
profile (same examples every run, no timing deadline on a loaded machine), so a
CI result can be reproduced locally with ``CI=true python -m pytest``.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
