"""layout: reconstruct Chinese newspaper pages and republish them as clean PDFs.

Takes e-paper page PDFs or text dumps of them; returns the document model
(:mod:`layout.model`) and re-typeset PDFs (:mod:`layout.render`).
"""

__version__ = "0.1.0"
