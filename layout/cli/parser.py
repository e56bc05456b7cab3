"""The command line's arguments: one parser, a subcommand per command, examples and exit codes.

Takes nothing; :func:`build_parser` returns the argparse parser of ``layout`` (raising
:class:`~layout.errors.UsageError` instead of exiting on bad arguments, so that
:func:`layout.cli.main.main` owns every exit code), with ``--help`` texts that show an
example and the exit codes. ``-v``/``-q`` work before and after the subcommand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import textwrap
from pathlib import Path

from layout import __version__
from layout.errors import UsageError
from layout.ingest.readers import DEFAULT_READER, READERS
from layout.render.options import NAMED_PAGE_SIZES_MM, THEMES, WRITING_MODES
from layout.settings import DEFAULT_SETTINGS

EXAMPLES = {
    "convert": """
        example:
          layout convert examples/zhoukou-demo-zone-page.txt -o page.pdf --json page.json
          layout convert issue-2024-01-15/ -o issue.pdf --page-size A5 --columns 1
          layout convert page.json -o page.pdf      # re-render an edited structure
        """,
    "analyze": """
        example:
          layout analyze page.pdf -o page.json
          layout analyze examples/zhoukou-demo-zone-page.txt -o - --date 2024-01-15
        """,
    "batch": """
        example:
          layout batch issues/ -o out/ --jobs 2
          layout batch issues/ -o out/ --executor dask --scheduler tcp://10.0.0.5:8786
        """,
    "archive": """
        example:
          layout archive 2024-01-15/ 2024-01-16/ -o january.pdf
        """,
    "inspect": """
        example:
          layout inspect page.pdf --page 1 -o overlay.png
        """,
    "export": """
        example:
          layout export page.pdf --format mets -o page-mets/     # METS + ALTO per page
          layout export 2024-01-15/ 2024-01-16/ --format epub -o january.epub
          layout export examples/zhoukou-demo-zone-page.txt --format md -o -
        """,
}


EXIT_CODES = """
        exit codes:
          0 ok; 1 bad arguments (also an output that is an input, a folder or named twice);
          2 unreadable or invalid input; 3 partial success (batch failures, skipped pages);
          4 an output cannot be written (nothing is left behind); 130 interrupted (Ctrl-C);
          143 terminated (SIGTERM)
        """


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so one handler owns exit codes."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def iso_date(text: str) -> str:
    """``--date`` values: a real calendar date written YYYY-MM-DD."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO date (YYYY-MM-DD, e.g. 2024-01-15)") from None


def page_number(text: str) -> int:
    """``--page`` values: 1 or more."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a page number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number}: pages are numbered from 1")
    return number


def _add_password(p: argparse.ArgumentParser) -> None:
    p.add_argument("--password", help="password of encrypted PDF inputs")


def _add_decoding(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("text dumps")
    g.add_argument("--encoding", metavar="NAME",
                   help="decode .txt dumps as NAME (e.g. gb18030) instead of detecting it")
    g.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                   help="strict (default): an undecodable byte is an error naming its offset; "
                   "replace: read on with U+FFFD and warn once")


def _add_metadata(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("issue metadata (wins over what analysis finds)")
    g.add_argument("--title", help="paper name, e.g. 周口日报")
    g.add_argument("--date", type=iso_date, help="issue date, YYYY-MM-DD")
    g.add_argument("--edition", help="edition / page label, e.g. 3 (第3版)")
    g.add_argument("--section", help="section name, e.g. 要闻")


def _add_limits(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("limits")
    g.add_argument("--max-pages", type=int, default=DEFAULT_SETTINGS.limits.max_pages,
                   metavar="N", help="refuse an input with more pages than this "
                   f"(default {DEFAULT_SETTINGS.limits.max_pages}; exit 2)")


def _add_render(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("output PDF")
    g.add_argument("--page-size", default="A4",
                   help=f"{'|'.join(NAMED_PAGE_SIZES_MM)} or WxH in mm (default A4)")
    g.add_argument("--columns", type=int, choices=(1, 2), default=None,
                   help="text columns (default 1); with --writing-mode vertical: tiers (段), "
                   "by default two when one would make columns over "
                   f"{DEFAULT_SETTINGS.render.vertical_tier_em:g} characters long")
    g.add_argument("--theme", choices=THEMES, default="print",
                   help="print (default) or screen (larger type, narrow pages)")
    g.add_argument("--font-body", metavar="PATH", help="body face: TTF, OTF or TTC[#index]")
    g.add_argument("--font-head", metavar="PATH", help="headline face: TTF, OTF or TTC[#index]")
    g.add_argument("--system-fonts", action="store_true",
                   help="take characters no bundled (or given) face draws from installed fonts")
    g.add_argument("--no-toc", action="store_true", help="leave out the table of contents")
    g.add_argument("--writing-mode", choices=WRITING_MODES, default="horizontal",
                   help="horizontal (default) or vertical: 直排, columns top to bottom, "
                   "right to left (--columns 2: two tiers)")


def _add_reading(p: argparse.ArgumentParser, jobs: bool = False) -> None:
    g = p.add_argument_group("reading PDF pages")
    g.add_argument("--reader", choices=READERS, default=DEFAULT_READER,
                   help=f"PDF reader (default {DEFAULT_READER}; pdfplumber is slower)")
    g.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                   help="OCR pages: auto (default: pages with no usable text layer), always, "
                   "never; needs the extra layout[ocr]")
    g.add_argument("--no-ocr-cache", action="store_true",
                   help="OCR again instead of reusing results kept from an earlier run")
    if jobs:
        g.add_argument("--jobs", type=int, default=1, metavar="N",
                       help="analyse the pages in N processes (default 1; same output)")


def _add_issue_input(p: argparse.ArgumentParser) -> None:
    """What reading one issue takes (``convert``, ``analyze``): metadata, PDF reading with
    ``--jobs``, limits, password and text decoding."""
    _add_metadata(p)
    _add_reading(p, jobs=True)
    _add_limits(p)
    _add_password(p)
    _add_decoding(p)


def _add_log_flags(p: argparse.ArgumentParser, dest_prefix: str) -> None:
    """-v/-q; the subcommands' copies keep their own names so that they never reset
    what was given before the subcommand (``layout -q batch …``)."""
    p.add_argument("-v", "--verbose", action="count", default=0, dest=f"{dest_prefix}verbose",
                   help="more log output; tracebacks on errors")
    p.add_argument("-q", "--quiet", action="store_true", dest=f"{dest_prefix}quiet",
                   help="errors only")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    _add_log_flags(common, "sub_")

    parser = _Parser(
        prog="layout",
        description="Reconstruct Chinese newspaper pages (e-paper PDFs or text dumps) "
        "and republish them as clean, reflowed PDFs with embedded CJK fonts.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=textwrap.dedent(EXAMPLES["convert"]) + textwrap.dedent(EXIT_CODES),
    )
    _add_log_flags(parser, "")
    parser.add_argument("--version", action="version", version=f"layout {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=help_text, description=help_text, parents=[common],
            formatter_class=argparse.RawDescriptionHelpFormatter,
            epilog=textwrap.dedent(EXAMPLES[name]) + textwrap.dedent(EXIT_CODES),
        )

    p = command("convert", "convert pages or dumps of one issue to a clean PDF")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                   help=".pdf, .txt dump (pages split by form feed), an issue folder, "
                   "or a structure .json from analyze (e.g. hand-edited)")
    p.add_argument("-o", "--output", type=str, required=True, metavar="OUT.pdf",
                   help="output PDF, or - for stdout")
    p.add_argument("--json", type=str, metavar="OUT.json",
                   help="also write the structure (- for stdout)")
    p.add_argument("--also", metavar="FORMATS",
                   help="also export alto,mets,epub,txt,md beside OUT.pdf "
                   "(OUT-alto/, OUT-mets/, OUT.epub, OUT.txt, OUT.md)")
    _add_render(p)
    _add_issue_input(p)

    p = command("analyze", "reconstruct the structure only, as JSON")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    p.add_argument("-o", "--output", type=str, required=True, metavar="OUT.json",
                   help="output file, or - for stdout")
    _add_issue_input(p)

    p = command("batch", "convert every issue in a folder (one PDF + JSON each)")
    p.add_argument("input_dir", type=Path, metavar="IN_DIR")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT_DIR")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="issues converted at once in worker processes (default: the cores; "
                   "with fewer issues than N, an issue's pages are spread over them)")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster (one task per issue)")
    p.add_argument("--scheduler", metavar="ADDR",
                   help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--force", action="store_true",
                   help="redo every issue, also those the manifest says are up to date")
    p.add_argument("--retry-failed", action="store_true",
                   help="try again the issues that failed as bad input in an earlier run "
                   "(by default one whose input and settings are unchanged is reported "
                   "failed without a retry)")
    p.add_argument("--formats", default="pdf,json", metavar="LIST",
                   help="what to write per issue: pdf,json,alto,mets,epub,txt,md "
                   "(default pdf,json)")
    _add_render(p)
    _add_reading(p)
    _add_limits(p)
    _add_decoding(p)

    p = command("archive", "many issues -> one printable archive PDF")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    p.add_argument("-o", "--output", type=str, required=True, metavar="ARCHIVE.pdf",
                   help="output PDF, or - for stdout")
    p.add_argument("--strict", action="store_true",
                   help="fail the whole archive when one issue fails (default: leave it out, "
                   "report it, exit 3)")
    _add_render(p)
    _add_limits(p)

    p = command("export", "archive and reading formats: ALTO, METS, EPUB, text, Markdown")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                   help="one issue each: a .pdf, a .txt dump, an issue folder or a "
                   "structure .json")
    p.add_argument("--format", required=True, choices=("alto", "mets", "epub", "txt", "md"),
                   help="alto: a folder of ALTO 4.4 pages; mets: a folder with mets.xml "
                   "and alto/; epub: one EPUB 3 of every input; txt, md: one file")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                   help="a folder (alto, mets), a file, or - for stdout (txt, md)")
    p.add_argument("--writing-mode", choices=WRITING_MODES, default="horizontal",
                   help="EPUB text direction (vertical: top to bottom, right to left)")
    p.add_argument("--embed-fonts", action="store_true",
                   help="EPUB: embed the bundled faces, cut to the characters used")
    _add_metadata(p)
    _add_reading(p, jobs=True)

    p = command("inspect", "draw the detected regions over a page image")
    p.add_argument("input", type=Path, metavar="PAGE.pdf")
    p.add_argument("--page", type=page_number, default=1,
                   help="page number, from 1 (default 1)")
    p.add_argument("-o", "--output", type=str, required=True, metavar="OVERLAY.png",
                   help="output PNG, or - for stdout")
    _add_reading(p)
    _add_password(p)
    return parser
