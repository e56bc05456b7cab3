"""Accuracy and speed of OCR on scans of synthetic pages (benchmark, not a test).

Composes pages with ``tests.synth.compose`` (per composer × family, a seed range, held-out
by default), scans each with ``tests.synth.scan`` (pypdfium2 at ``--dpi``, then uneven
paper, slight skew, blur and JPEG artefacts drawn from the seed; ``--clean`` for none),
reads the scan (a PNG at that resolution) with ``layout.pipeline.read_file`` (OCR) and
prints one row per composer × family: articles found, headline groups exact, paragraphs
intact (``tests.synth.scoring``), body character error (edits / characters, each truth
article against its match), reading order (pages whose articles come in the order the
text layer gives them), and the same page's text-layer figures for comparison. The worst
row is printed last.

``--tounicode`` also reads each PDF with its fonts' ToUnicode maps removed (``--ocr auto``
finds the text unreadable and OCRs the page) and scores it the same way.

``--speed`` adds: seconds per A3 page at ``--dpi`` (a held-out page set on A3, two pages
of an image-only PDF, OCR cache off) with ``--jobs 1`` and ``--jobs 2`` in the same run and
their ratio; and, for the text-layer PDFs that need no OCR, the time with ``--ocr auto``
against ``--ocr never`` and whether their JSON is the same (text-layer pages are not to
change); those whose headlines drawn as outlines were OCR'd are counted and timed apart.

The text-layer figures (``t.*``) read each PDF with ``--ocr auto``: headlines drawn as
outlines are OCR'd there (``t.outl.``), and such a page is scored against the text they
show.

    nice python benchmarks/ocr_accuracy.py --composer all --family all --seeds 1000-1000
    nice python benchmarks/ocr_accuracy.py --composer typst --family city --seeds 1000-1001 \\
        --failures --speed --json ocr.json

OCR results are cached (the user's OCR cache) unless ``--no-ocr-cache``: a rerun measures
the analysis again without OCRing again (the speed figures never use the cache).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layout.analysis.pdf.page import analyze_pdf  # noqa: E402
from layout.model import Page  # noqa: E402
from layout.model.serialize import issue_to_json  # noqa: E402
from layout.pipeline import read_file, read_files  # noqa: E402
from layout.settings import DEFAULT_SETTINGS, Settings  # noqa: E402
from tests.synth.compose import COMPOSERS, compose  # noqa: E402
from tests.synth.plan import FAMILIES  # noqa: E402
from tests.synth.scan import render, scan  # noqa: E402
from tests.synth.scoring import (  # noqa: E402
    Score,
    article_order,
    as_scanned,
    body_errors,
    norm,
    score_page,
    timed_page,
)

RATIOS = ("articles", "groups", "paragraphs")
A3 = (842.0, 1191.0)


def seed_range(text: str) -> list[int]:
    lo, _, hi = text.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))


def in_order(order: list[int], reference: list[int]) -> bool:
    """Whether the articles both found come in the same order."""
    both = set(order) & set(reference)
    return [i for i in order if i in both] == [i for i in reference if i in both]


def measure(composer: str, family: str, seeds: list[int], args: argparse.Namespace,
            settings: Settings, folder: Path) -> dict:
    """The figures of one composer × family over ``seeds``."""
    ocr_total, text_total = Score(), Score()
    edits = chars = text_edits = ordered = 0
    outlined_total = outlined_found = outlined_pages = outlined_pages_ok = 0
    layer_found = layer_pages_ok = 0  # the same outlined headlines read from the PDF
    notu_total, notu_edits, notu_chars, notu_ocr = Score(), 0, 0, 0
    ocr_s = 0.0
    for seed in seeds:
        pdf = folder / f"{composer}-{family}-{seed}.pdf"
        layer_truth = compose(composer, seed, family, pdf, args.split).truth
        truth = as_scanned(layer_truth)  # outlined headlines: the text they show
        png = folder / f"{composer}-{family}-{seed}.png"
        scan(pdf, args.dpi, None if args.clean else seed).save(png, dpi=(args.dpi, args.dpi))
        page, seconds = timed_page(read_file, png, settings,
                                   f"{composer} {family} seed {seed}: OCR")
        ocr_s += seconds
        text_page = analyze_pdf(pdf, settings).pages[0]  # --ocr auto: outlines OCR'd
        text_truth = truth if text_page.ocr_regions else layer_truth
        score = score_page(truth, page)
        ocr_total += score
        text_total += score_page(text_truth, text_page)
        e, n = body_errors(truth, page)
        edits, chars = edits + e, chars + n
        text_edits += body_errors(text_truth, text_page)[0]
        outlined = [t.headline for t in truth.articles
                    if t.shown_headline and norm(t.headline)]
        if outlined:
            heads = {norm(a.headline) for a in page.articles}
            got = sum(norm(h) in heads for h in outlined)
            outlined_total += len(outlined)
            outlined_found += got
            outlined_pages += 1
            outlined_pages_ok += got == len(outlined)
            heads = {norm(a.headline) for a in text_page.articles}
            got = sum(norm(h) in heads for h in outlined)
            layer_found += got
            layer_pages_ok += got == len(outlined)
        if args.tounicode:
            stripped = without_tounicode(pdf, folder)
            if stripped is not None:
                try:
                    read = analyze_pdf(stripped, settings).pages[0]
                except Exception as exc:  # noqa: BLE001 - a figure too
                    print(f"{composer} {family} seed {seed}: no-ToUnicode read failed: {exc!r}")
                    read = Page(number=1)
                notu_total += score_page(truth, read)
                e2, n2 = body_errors(truth, read)
                notu_edits, notu_chars = notu_edits + e2, notu_chars + n2
                notu_ocr += read.ocr_confidence is not None
        same = in_order(article_order(truth, page), article_order(truth, text_page))
        ordered += same
        if args.failures:
            print(f"--- {composer} {family} seed {seed}: CER {e / max(n, 1):.2%}, "
                  f"order {'as text layer' if same else 'differs'}")
            for failure in score.failures:
                print("   ", failure)
    row = {"composer": composer, "family": family, "pages": ocr_total.pages,
           **{name: round(ocr_total.ratio(name), 4) for name in RATIOS},
           "cer": round(edits / max(chars, 1), 4), "order": round(ordered / len(seeds), 4),
           **{f"text_{name}": round(text_total.ratio(name), 4) for name in RATIOS},
           "text_cer": round(text_edits / max(chars, 1), 4),
           "body_chars": chars, "ocr_s": round(ocr_s, 1),
           "outlined_headlines": f"{outlined_found}/{outlined_total}",
           "outlined_pages_all_found": f"{outlined_pages_ok}/{outlined_pages}",
           "text_outlined_headlines": f"{layer_found}/{outlined_total}",
           "text_outlined_pages_all_found": f"{layer_pages_ok}/{outlined_pages}"}
    if notu_total.pages:
        row["no_tounicode"] = {
            "pages": notu_total.pages, "ocr_pages": notu_ocr,
            **{name: round(notu_total.ratio(name), 4) for name in RATIOS},
            "cer": round(notu_edits / max(notu_chars, 1), 4)}
    row["worst"] = min(row[name] for name in RATIOS)
    return row


def without_tounicode(pdf: Path, folder: Path) -> Path | None:
    """A copy of ``pdf`` whose fonts have no ToUnicode map (the key renamed in place, so
    the offsets hold); None when the maps are in compressed object streams."""
    data = pdf.read_bytes()
    if b"/ToUnicode" not in data or b"/ObjStm" in data:
        return None
    out = folder / f"{pdf.stem}.no-tounicode.pdf"
    out.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))
    return out


def _line(row: dict) -> str:
    ratios = "  ".join(f"{row[name]:>7.1%}" for name in RATIOS)
    text = "  ".join(f"{row['text_' + name]:>6.1%}" for name in RATIOS)
    return (f"{row['composer']:<10} {row['family']:<8} {row['pages']:>5}  {ratios}  "
            f"{row['cer']:>6.2%} {row['order']:>6.0%}  | {text} {row['text_cer']:>6.2%}  "
            f"{row['ocr_s']:>6.1f}  {row['outlined_headlines']:>5} "
            f"{row['text_outlined_headlines']:>7}")


def a3_scan_pdf(folder: Path, dpi: float, split: str | None) -> Path:
    """A two-page image-only PDF: a held-out page set on A3, scanned at ``dpi``."""
    from PIL import Image

    pdf = folder / "a3-source.pdf"
    compose("typst", 1000, "city", pdf, split)
    width, height = (round(side * dpi / 72) for side in A3)
    page = render(pdf, dpi)
    scale = min(width / page.width, height / page.height)
    page = page.resize((round(page.width * scale), round(page.height * scale)))
    sheet = Image.new("L", (width, height), 255)
    sheet.paste(page, ((width - page.width) // 2, (height - page.height) // 2))
    out = folder / "a3-scan.pdf"
    sheet.save(out, "PDF", resolution=dpi, save_all=True, append_images=[sheet.copy()])
    return out


def speed(folder: Path, args: argparse.Namespace, text_pdfs: list[Path]) -> dict:
    """Seconds per A3 scan page with 1 and 2 jobs; text-layer PDFs with and without OCR
    in auto mode (time and same output)."""
    nocache = DEFAULT_SETTINGS.with_overrides(ocr={"cache": False})
    pdf = a3_scan_pdf(folder, args.dpi, args.split)
    times = {}
    for jobs in (1, 2):
        start = time.perf_counter()
        _, issues = read_files([pdf], nocache, jobs)
        times[jobs] = time.perf_counter() - start
        assert len(issues[0].pages) == 2
    never = DEFAULT_SETTINGS.with_overrides(ocr={"mode": "never"})
    seconds: dict[tuple[Path, str], float] = {}
    same = True
    read_regions: set[Path] = set()
    for turn in range(4):  # alternate which goes first, so warm-up and load hit both
        for path in text_pdfs:
            outputs = {}
            for mode in (("auto", "never") if turn % 2 else ("never", "auto")):
                start = time.perf_counter()
                outputs[mode] = issue_to_json(
                    analyze_pdf(path, never if mode == "never" else DEFAULT_SETTINGS))
                seconds[path, mode] = (seconds.get((path, mode), 0.0)
                                       + time.perf_counter() - start)
            if '"ocr_regions"' in outputs["auto"]:  # outlines OCR'd: OCR was needed
                read_regions.add(path)
            else:
                same = same and outputs["auto"] == outputs["never"]
    plain = [path for path in text_pdfs if path not in read_regions]  # OCR not needed
    auto_s = sum(seconds[path, "auto"] for path in plain)
    never_s = sum(seconds[path, "never"] for path in plain)
    outlined = {mode: sum(seconds[path, mode] for path in read_regions) / 4
                for mode in ("auto", "never")}
    return {"a3_s_per_page_jobs1": round(times[1] / 2, 1),
            "a3_s_per_page_jobs2": round(times[2] / 2, 1),
            "jobs2_speedup": round(times[1] / times[2], 2),
            "text_layer_pages": len(text_pdfs),
            "text_layer_pages_with_outlines_ocrd": len(read_regions),
            "text_layer_same_json_where_no_ocr": same,
            "text_layer_auto_over_never": round(auto_s / max(never_s, 1e-9), 3),
            "outlined_pages_s_auto": round(outlined["auto"], 2),
            "outlined_pages_s_never": round(outlined["never"], 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--composer", choices=(*COMPOSERS, "all"), default="all")
    parser.add_argument("--family", choices=(*FAMILIES, "all"), default="all")
    parser.add_argument("--seeds", default="1000-1000", help="seed range LO-HI (inclusive)")
    parser.add_argument("--split", choices=("tune", "holdout"), default="holdout")
    parser.add_argument("--dpi", type=float, default=200.0)
    parser.add_argument("--clean", action="store_true", help="scans without blur, skew etc.")
    parser.add_argument("--no-ocr-cache", action="store_true")
    parser.add_argument("--speed", action="store_true", help="also A3 seconds and --jobs 2")
    parser.add_argument("--tounicode", action="store_true",
                        help="also read each PDF with its ToUnicode maps removed (OCR)")
    parser.add_argument("--failures", action="store_true", help="print each page's failures")
    parser.add_argument("--keep", type=Path, help="keep the PDFs and scans here")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    composers = COMPOSERS if args.composer == "all" else (args.composer,)
    families = FAMILIES if args.family == "all" else (args.family,)
    settings = DEFAULT_SETTINGS.with_overrides(ocr={"cache": not args.no_ocr_cache})
    rows = []
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for composer in composers:
            for family in families:
                rows.append(measure(composer, family, seed_range(args.seeds), args,
                                    settings, folder))
        if args.speed:
            figures = speed(folder, args, sorted(p for p in folder.glob("*-*-*.pdf")
                                                 if "tounicode" not in p.name)[:6])
    print(f"seeds {args.seeds}, split {args.split}, {args.dpi:g} dpi, "
          f"{'clean' if args.clean else 'spoilt'} scans; groups = kicker+headline+subtitle "
          "exact; CER = body edits/chars; order = pages in text-layer article order; "
          "then the text layer's figures; outl. = outlined headlines read")
    print(f"{'composer':<10} {'family':<8} {'pages':>5}  "
          + "  ".join(f"{n[:7]:>7}" for n in RATIOS)
          + f"  {'CER':>6} {'order':>6}  | {'t.art':>6}  {'t.grp':>6}  {'t.par':>6} "
          f"{'t.CER':>6}  {'OCR s':>6}  {'outl.':>5} {'t.outl.':>7}")
    for row in rows:
        print(_line(row))
    worst = min(rows, key=lambda r: (r["worst"], -r["cer"]))
    print("worst:")
    print(_line(worst))
    found = [int(x) for r in rows for x in r["outlined_pages_all_found"].split("/")]
    layer = [int(x) for r in rows for x in r["text_outlined_pages_all_found"].split("/")]
    print(f"worst CER {max(r['cer'] for r in rows):.2%}, worst order "
          f"{min(r['order'] for r in rows):.0%}; pages with outlined headlines, all read: "
          f"{sum(found[0::2])}/{sum(found[1::2])} on the scans, "
          f"{sum(layer[0::2])}/{sum(layer[1::2])} from the PDFs (--ocr auto)")
    notu = [r for r in rows if "no_tounicode" in r]
    if notu:
        print("pages without ToUnicode maps (read from the PDF in --ocr auto):")
        for r in notu:
            t = r["no_tounicode"]
            print(f"{r['composer']:<10} {r['family']:<8} {t['pages']:>5}  "
                  + "  ".join(f"{t[name]:>7.1%}" for name in RATIOS)
                  + f"  {t['cer']:>6.2%}  OCR'd {t['ocr_pages']}/{t['pages']}")
    for name, value in figures.items():
        print(f"{name}: {value}")
    if args.json:
        args.json.write_text(json.dumps({"seeds": args.seeds, "split": args.split,
                                         "dpi": args.dpi, "clean": args.clean, "rows": rows,
                                         "worst": worst, **figures}, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
