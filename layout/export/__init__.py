"""Archive and reading formats: ALTO 4.4, METS 1.12, EPUB 3, plain text, Markdown.

Takes issues read for export (:class:`~layout.export.sources.IssueSource`, each one
issue with the files its pages came from), a format name and an output path; writes
the files (:func:`export`) and returns the paths written, or returns the text for
``txt``/``md`` (:func:`export_text`). One module per format: ``alto``, ``mets``,
``epub``, ``text``; shared pieces in ``content`` (segments, language) and ``lines``
(text placed on printed lines); ``verify`` checks exported XML without schema files.
"""

from layout.export.write import FORMATS, ExportOptions, export, export_text, parse_formats

__all__ = ["FORMATS", "ExportOptions", "export", "export_text", "parse_formats"]
