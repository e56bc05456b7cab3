"""The ReportLab composer: the e-paper generator (``tests.synth.epaper``) set per family.

Takes a seed, a style family and the split; returns the truth of the page it draws with
``tests.synth.epaper.render_page`` from ``random_page_spec`` with the family's page-wide
choices laid over it (grid columns, body size, gutters, boxes, rules, fake bold) and its
press habits (``tests.synth.epaper_press``: Tz-scaled and outlined headlines, byline forms,
本报讯（记者 … 通讯员 …） openings, column labels as kickers, Latin words in a Latin face, a
rotated side label; half the pages draw lines as text runs with Tc spacing instead of
glyph by glyph). ReportLab
places every glyph itself, so this composer keeps its own planning and line breaking; the
other composers (Typst, WeasyPrint) lay out :mod:`tests.synth.plan` page plans.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from tests.synth.epaper import PageSpec, random_page_spec, render_page
from tests.synth.families import FAMILY_STYLES
from tests.synth.plan_make import LATIN_FACES
from tests.synth.scoring import TruthPage


def family_spec(seed: int, family: str, split: str | None = None) -> PageSpec:
    """``random_page_spec(seed, split)`` with ``family``'s page-wide choices."""
    style = FAMILY_STYLES[family]
    rng = random.Random(f"reportlab-{family}-{seed}")
    spec = random_page_spec(seed, split=split)
    return replace(
        spec, columns=rng.choice(style.grid_columns),
        body_size=round(rng.uniform(*style.body_size), 2),
        gutter_em=round(rng.uniform(*style.gutter_em), 2),
        boxed=style.boxed, fake_bold=max(style.head_fake_bold, style.caption_bold * 0.5),
        rules=rng.choice(("line", "rect", "mixed")) if rng.random() < style.rules else "none",
        family=family, side_label=rng.random() < style.side_label,
        text_runs=rng.random() < 0.5,
        latin_face=rng.choice(list(LATIN_FACES.values()))[1])


def compose_reportlab(seed: int, family: str, split: str | None, path: Path) -> TruthPage:
    return render_page(family_spec(seed, family, split), path)
