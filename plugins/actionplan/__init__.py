"""The annotated, citable edition of America's AI Action Plan as an MkDocs plugin.

Data flows one way: load (records remember file and line) -> validate (all problems at once)
-> index (lookups, reverse links) -> render (HTML pages) -> MkDocs. Only ``plugin`` imports
MkDocs, so everything else is tested as plain functions.
"""
