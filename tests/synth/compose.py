"""Synthetic newspaper pages from several composers: one entry point and a small CLI.

Takes a composer ("reportlab" | "typst" | "weasyprint"), a style family ("party" | "city" |
"feature", or a vertical one: "vertical" | "vertical-tc", ReportLab only), a seed and the
split ("tune" | "holdout" | None); :func:`compose_page` writes a
one-page PDF and returns the :class:`~tests.synth.scoring.TruthPage` of what is on it. The
Typst and WeasyPrint composers lay out the page plan of :func:`tests.synth.plan_make.make_plan`
(same seed, family and split → same plan) with their own engine; ReportLab draws the
e-paper generator's page with the family's settings; vertical (直排) pages come from
:mod:`tests.synth.compose_vertical`. Typst (0.13–0.15) and WeasyPrint (≤ 70, which ignores
``writing-mode: vertical-rl``) cannot set vertical text: :func:`supports` says which
composer sets which family.

    python -m tests.synth.compose --composer typst --family city --seed 3 --out DIR
    python -m tests.synth.compose --composer all --family all --seed 0 --count 3 --out DIR

writes ``COMPOSER-FAMILY-SEED.pdf`` and ``COMPOSER-FAMILY-SEED.json`` (the truth).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.synth.compose_vertical import VERTICAL_FAMILIES
from tests.synth.plan import FAMILIES
from tests.synth.scoring import TruthPage, truth_from_dict, truth_to_dict

COMPOSERS = ("reportlab", "typst", "weasyprint")
ALL_FAMILIES = (*FAMILIES, *VERTICAL_FAMILIES)


def supports(composer: str, family: str) -> bool:
    """Whether ``composer`` can set pages of ``family`` (vertical text: ReportLab only)."""
    return family not in VERTICAL_FAMILIES or composer == "reportlab"


def families_named(name: str) -> tuple[str, ...]:
    """The families a command-line name stands for: one family, a comma list, "all" (the
    horizontal ones, as before), "vertical-all" (both vertical ones) or "every"."""
    named = {"all": FAMILIES, "vertical-all": VERTICAL_FAMILIES, "every": ALL_FAMILIES}
    if name in named:
        return named[name]
    out = tuple(n.strip() for n in name.split(",") if n.strip())
    unknown = [n for n in out if n not in ALL_FAMILIES]
    if unknown or not out:
        raise ValueError(f"unknown family {unknown or name!r}: choose from {ALL_FAMILIES}, "
                         "all, vertical-all, every")
    return out


@dataclass(frozen=True)
class Composed:
    """A composed page: its truth, and the characters it prints (None: read them from the
    PDF with :func:`tests.synth.nothing_lost.shown_characters`)."""

    truth: TruthPage
    printed: Counter[str] | None


def compose(composer: str, seed: int, family: str, path: Path, split: str | None = None
            ) -> Composed:
    """Draw page ``seed`` of ``family`` with ``composer`` into ``path``."""
    if family in VERTICAL_FAMILIES:
        if not supports(composer, family):
            raise ValueError(f"{composer} cannot set vertical text")
        from tests.synth.compose_vertical import compose_vertical

        return Composed(compose_vertical(seed, family, split, path), None)
    if composer == "reportlab":
        from tests.synth.compose_reportlab import compose_reportlab

        return Composed(compose_reportlab(seed, family, split, path), None)
    from tests.synth.nothing_lost import printed_characters
    from tests.synth.plan_make import make_plan

    # the same plan for both engines; each keeps what fits (Typst measures, WeasyPrint
    # lays out again)
    plan = make_plan(seed, family, split)
    if composer == "typst":
        from tests.synth.compose_typst import compose_typst

        drawn = compose_typst(plan, path)
    elif composer == "weasyprint":
        from tests.synth.compose_weasy import compose_weasy

        drawn = compose_weasy(plan, path)
    else:
        raise ValueError(f"composer must be one of {COMPOSERS}, not {composer!r}")
    return Composed(drawn.truth(), printed_characters(drawn))


@functools.cache
def _synth_version() -> str:
    """A digest of what a composed page depends on here: the sources of ``tests/synth`` and
    the bundled fonts (names and sizes)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for source in sorted(p for p in here.rglob("*") if p.is_file() and "__pycache__" not in
                         p.parts):
        digest.update(str(source.relative_to(here)).encode() + b"\0" + source.read_bytes())
    for font in sorted((here.parents[1] / "fonts").glob("*")):
        digest.update(f"{font.name}:{font.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def compose_cached(composer: str, seed: int, family: str, cache: Path,
                   split: str | None = None) -> tuple[Path, Composed]:
    """:func:`compose` through a folder of earlier compositions (for benchmarks that rerun
    the same pages): ``cache/COMPOSER-FAMILY-SEED-SPLIT-VERSION.pdf`` with its truth and
    printed characters beside it as JSON, made when missing; the version digest changes
    with any source under ``tests/synth`` or the bundled fonts. Returns the PDF's path and
    the composition."""
    cache.mkdir(parents=True, exist_ok=True)
    stem = cache / f"{composer}-{family}-{seed}-{split or 'all'}-{_synth_version()}"
    pdf, meta = stem.with_suffix(".pdf"), stem.with_suffix(".json")
    if pdf.is_file() and meta.is_file():
        data = json.loads(meta.read_text("utf-8"))
        printed = None if data["printed"] is None else Counter(data["printed"])
        return pdf, Composed(truth_from_dict(data["truth"]), printed)
    partial = stem.with_suffix(".part.pdf")
    composed = compose(composer, seed, family, partial, split)
    meta.write_text(json.dumps({"truth": truth_to_dict(composed.truth),
                                "printed": None if composed.printed is None
                                else dict(composed.printed)}, ensure_ascii=False), "utf-8")
    os.replace(partial, pdf)
    return pdf, composed


def compose_page(composer: str, seed: int, family: str, path: Path,
                 split: str | None = None) -> TruthPage:
    """Draw page ``seed`` of ``family`` with ``composer`` into ``path``; return its truth."""
    return compose(composer, seed, family, path, split).truth


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--composer", choices=(*COMPOSERS, "all"), default="typst")
    parser.add_argument("--family", default="city",
                        help=f"one of {', '.join(ALL_FAMILIES)}, a comma list, all "
                             "(horizontal), vertical-all or every")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=1, help="pages from --seed on")
    parser.add_argument("--split", choices=("tune", "holdout"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    composers = COMPOSERS if args.composer == "all" else (args.composer,)
    families = families_named(args.family)
    for composer in composers:
        for family in (f for f in families if supports(composer, f)):
            for seed in range(args.seed, args.seed + args.count):
                stem = args.out / f"{composer}-{family}-{seed}"
                truth = compose_page(composer, seed, family, stem.with_suffix(".pdf"),
                                     args.split)
                stem.with_suffix(".json").write_text(json.dumps(
                    truth_to_dict(truth), ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
