"""Renderer quality figures: typography violations, round trip and file size per configuration.

Renders the sample page (../shared), 24 generated mixed-script articles (../shared) and the
built-in test texts at A4/1, A5/1, A4/2 and A5/2 columns, both themes, and prints for each:
pages, file size, violations of DESIGN §5 rules 1–6 found by tests/render/typography_checker
(by rule), and the round-trip share (extracted body text equal to the model's, whitespace
aside). The same figures are asserted (as zero violations and 100 %) by tests/render.

    python benchmarks/render_quality.py [--writing-mode vertical]

``--writing-mode vertical`` sets the same inputs vertically (直排) and checks them with
tests/render/vertical_checker (columns, tiers); the "lines" column then counts columns and
"flush" the body columns ending flush at both ends, "ragged" the body columns that are not flush
and not a paragraph's last (it must be 0).
"""

from __future__ import annotations

import argparse
import collections
import difflib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layout.render.options import RenderOptions  # noqa: E402
from layout.render.pdf import page_geometry, render_issues  # noqa: E402
from layout.render.styles import theme_for  # noqa: E402
from layout.settings import Settings  # noqa: E402
from tests.render.samples import (  # noqa: E402
    CORPUS,
    builtin_issue,
    generated_issue,
    sample_issue,
)
from tests.render.test_pdf import model_text  # noqa: E402
from tests.render.typography_checker import Checker  # noqa: E402
from tests.render.vertical_checker import VerticalChecker  # noqa: E402

CONFIGS = [("A4", 1), ("A5", 1), ("A4", 2), ("A5", 2)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--writing-mode", choices=("horizontal", "vertical"),
                        default="horizontal")
    vertical = parser.parse_args().writing_mode == "vertical"
    inputs = [("built-in", builtin_issue())]
    if CORPUS is not None:
        inputs = [("sample page", sample_issue()), ("24 generated", generated_issue(24)),
                  *inputs]
    settings = Settings()
    if vertical:
        settings = settings.with_overrides(render={"writing_mode": "vertical"})
    print(f"{'input':14s} {'config':16s} {'pages':>5s} {'KiB':>6s} {'violations':>10s} "
          f"{'round trip':>10s} {'lines':>6s}"
          + (f" {'flush':>6s} {'ragged':>6s}" if vertical else "")
          + "  by rule")
    with tempfile.TemporaryDirectory() as folder:
        for name, issue in inputs:
            for theme in ("print", "screen"):
                for page_size, columns in CONFIGS:
                    options = RenderOptions(page_size=page_size, columns=columns, theme=theme,
                                            table_of_contents=False)
                    path = Path(folder) / "out.pdf"
                    with path.open("wb") as stream:
                        render_issues([issue], stream, options, settings)
                    geometry = page_geometry(options, settings)
                    band = (geometry.margin - 1, geometry.page_height - geometry.margin + 1)
                    kind = VerticalChecker if vertical else Checker
                    checker = kind(path, theme_for(theme).body.size, band)
                    found = checker.check()
                    want = model_text(issue)
                    ratio = difflib.SequenceMatcher(None, checker.text(), want,
                                                    autojunk=False).ratio()
                    pages = max((line.page for line in checker.lines), default=0)
                    rules = dict(sorted(collections.Counter(v.rule for v in found).items()))
                    config = f"{page_size}/{columns} {theme}"
                    size = path.stat().st_size / 1024
                    flush = ""
                    if vertical:
                        body = [line for line in checker.lines if line.is_body]
                        ragged = sum(not line.flush and not line.final for line in body)
                        flush = f" {sum(line.flush for line in body):6d} {ragged:6d}"
                    print(f"{name:14s} {config:16s} {pages:5d} {size:6.0f} {len(found):10d} "
                          f"{ratio * 100:9.2f}% {len(checker.lines):6d}{flush}  {rules or ''}")


if __name__ == "__main__":
    main()
