"""Renderer: reads the document model, writes a re-typeset PDF with ReportLab.

Never imports ``layout.ingest`` or ``layout.analysis``: it draws, it does not decide.
"""
