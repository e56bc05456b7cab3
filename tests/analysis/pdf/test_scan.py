"""Scanned-page handling: the OCR modules stay out of a run over text-layer pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.synth import epaper_fonts

ROOT = Path(__file__).resolve().parents[3]
_PROBE = """
import sys
from pathlib import Path
from layout.analysis.pdf.page import analyze_pdf
issue = analyze_pdf(Path(sys.argv[1]))
assert issue.pages and any(p.articles for p in issue.pages)
print(" ".join(sorted(m for m in sys.modules if m.startswith("layout.ingest.ocr"))))
"""


def test_text_layer_pages_are_read_without_importing_ocr(tmp_path):
    if not epaper_fonts.available_faces():
        pytest.skip("no CJK TrueType face for the generator")
    from tests.synth.epaper import generate_issue

    path = tmp_path / "issue.pdf"
    generate_issue(2, 4, path)
    done = subprocess.run([sys.executable, "-c", _PROBE, str(path)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == []  # OCR modules load only for a page that needs OCR
