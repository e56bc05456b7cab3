"""The Typst composer: a :class:`~tests.synth.plan.PagePlan` laid out by Typst as a PDF.

Takes a page plan and an output path; writes a one-page PDF and returns the plan that was
drawn (the truth is ``plan.truth()``). The layout lives in ``templates/page.typ``: Typst
breaks and justifies the lines with its own metrics, balances the article columns, draws
text per line with TJ kerning, fake bold as stroke+fill or as a second offset copy,
horizontally scaled headlines (``scale(x: …)``), a rotated side label, Latin words and
numbers in a Latin face, photos as JPEG images and outlined headlines as SVG paths. When
the page runs over one sheet the plan is shrunk (whole paragraphs) and laid out again.
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path

from tests.synth.epaper_draw import random_photo
from tests.synth.outline import write_outlined_heads
from tests.synth.plan import ArticlePlan, FaceRef, PagePlan, PhotoSlot
from tests.synth.plan_make import keep_blocks, shrink_plan

TEMPLATE = Path(__file__).resolve().parent / "templates" / "page.typ"
REPO_FONTS = Path(__file__).resolve().parents[2] / "fonts"
SYSTEM_FONT_DIRS = ("/usr/share/fonts/truetype",)
MAX_TRIES = 6


@functools.lru_cache(maxsize=1)
def _typst_families() -> dict[tuple[str, int], str]:
    """(file, subfont) → the family name Typst knows the face by."""
    import typst

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                        font_paths=_font_paths())
    return {(str(Path(f.path).resolve()), f.index): f.family for f in fonts.fonts() if f.path}


def _font_paths() -> list[str]:
    return [str(REPO_FONTS)] + [d for d in SYSTEM_FONT_DIRS if Path(d).is_dir()]


def _face_json(face: FaceRef) -> dict:
    data = asdict(face)
    data["typst"] = _typst_families().get((str(Path(face.path).resolve()), face.index),
                                          face.family)
    return data


def photos_of(plan: PagePlan) -> list:
    return [p for b in plan.bands for s in b.slots
            for p in (s.photos if isinstance(s, ArticlePlan | PhotoSlot) else ())]


def write_assets(plan: PagePlan, folder: Path) -> None:
    """The photos (``photo-SEED.jpg``) and outlined headlines (``head-B-S.svg``) of ``plan``."""
    import random

    for p in photos_of(plan):
        target = folder / f"photo-{p.seed}.jpg"
        if not target.exists():
            random_photo(random.Random(p.seed)).save(target, "JPEG", quality=80)
    write_outlined_heads(plan, folder)


def _plan_json(plan: PagePlan) -> str:
    data = json.loads(plan.to_json())
    fonts = data["fonts"]
    for key in ("body", "kicker", "byline", "caption", "subhead", "furniture"):
        fonts[key] = _face_json(getattr(plan.fonts, key))
    fonts["head"] = [_face_json(f) for f in plan.fonts.head]
    return json.dumps(data, ensure_ascii=False)


def _pages(pdf: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def compose_typst(plan: PagePlan, path: Path) -> PagePlan:
    """Lay ``plan`` out with Typst into ``path``; returns the (possibly shrunk) plan drawn."""
    import typst

    with tempfile.TemporaryDirectory(prefix="typst-page-") as tmp:
        folder = Path(tmp)
        shutil.copy(TEMPLATE, folder / "page.typ")
        for _ in range(MAX_TRIES):
            write_assets(plan, folder)
            (folder / "plan.json").write_text(_plan_json(plan), "utf-8")
            options = dict(root=str(folder), font_paths=_font_paths(), ignore_system_fonts=True)
            pdf = typst.compile(str(folder / "page.typ"), format="pdf", **options)
            fits = json.loads(typst.query(str(folder / "page.typ"), "<fit>", field="value",
                                          **options))
            if _pages(pdf) == 1:
                plan = keep_blocks(plan, {f["key"]: f["k"] for f in fits})
                break
            plan = shrink_plan(plan)
        else:
            raise RuntimeError(f"plan of seed {plan.seed} does not fit one page in Typst")
    path.write_bytes(pdf)
    return plan
