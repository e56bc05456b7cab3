"""Text-dump front end analysis: dump lines -> line roles -> paragraphs -> articles."""
