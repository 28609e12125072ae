"""The annotated, citable edition of America's AI Action Plan: an engine-free core with a thin MkDocs adapter.

Data flows one way (README, Architecture): settings -> load (records remember file and line) ->
validate (every problem at once) -> index (lookups, reverse links) -> pages (Jinja -> front matter
and Markdown) and export (JSON, CSV, citations, feed) -> an engine: MkDocs or ProperDocs through
``mkdocs_plugin`` (the only module that imports MkDocs), Zensical through ``engines.generate``.
"""
