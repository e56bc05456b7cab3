"""Analysis stages: raw lines/chars → articles, roles and reading order (the model)."""
