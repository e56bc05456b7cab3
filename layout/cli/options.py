"""What a command's arguments ask for: settings, issue metadata, render options, outputs.

Takes the parsed arguments (:func:`layout.cli.parser.build_parser`); returns the
:class:`~layout.settings.Settings` of the run (reader, password, OCR, text decoding,
limits, writing mode), the :class:`~layout.pipeline.IssueMetadata` given, the
:class:`~layout.render.options.RenderOptions` and the output paths, each checked before
any work (a bad encoding or page size, an output that is an input: UsageError).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from layout.fileio import check_output_path, refuse_overwriting_inputs
from layout.ingest.readers import DEFAULT_READER
from layout.ingest.text import TextDecoding
from layout.pipeline import IssueMetadata
from layout.render.options import RenderOptions
from layout.settings import DEFAULT_SETTINGS, Settings


def settings_for(args: argparse.Namespace) -> Settings:
    """Settings with the options of this run: PDF reader and password, text decoding."""
    encoding = getattr(args, "encoding", None)
    errors = getattr(args, "encoding_errors", "strict")
    TextDecoding(encoding, errors)  # an unknown encoding is a usage error, before any work
    limits = {"max_pages": args.max_pages} if hasattr(args, "max_pages") else {}
    ocr = {"mode": args.ocr, "cache": not args.no_ocr_cache} if hasattr(args, "ocr") else {}
    render = {"writing_mode": args.writing_mode} if hasattr(args, "writing_mode") else {}
    return DEFAULT_SETTINGS.with_overrides(
        pdf={"reader": getattr(args, "reader", DEFAULT_READER),
             "password": getattr(args, "password", None)},
        text={"encoding": encoding, "encoding_errors": errors}, limits=limits, ocr=ocr,
        render=render)


def metadata_of(args: argparse.Namespace) -> IssueMetadata:
    return IssueMetadata(title=args.title, date=args.date, edition=args.edition,
                         section=args.section)


def render_options(args: argparse.Namespace) -> RenderOptions:
    return RenderOptions(
        page_size=args.page_size, theme=args.theme,
        columns=args.columns or (None if args.writing_mode == "vertical" else 1),
        font_body=args.font_body, font_head=args.font_head,
        table_of_contents=not args.no_toc, system_fonts=args.system_fonts,
    )


def checked_outputs(inputs: Sequence[Path], *targets: str | None) -> list[str]:
    """The outputs asked for, checked before any work: none is an input or a folder name,
    none is named twice, at most one goes to standard output."""
    outputs = [t for t in targets if t is not None]
    for target in outputs:
        check_output_path(target)
    refuse_overwriting_inputs(inputs, outputs)
    return outputs
