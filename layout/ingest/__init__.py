"""Front-end readers: PDF pages (pdfplumber) and text dumps → raw lines/chars."""
