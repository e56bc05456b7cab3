"""PDF front end analysis: glyphs -> lines -> blocks -> roles -> articles (geometry)."""
