"""Generated pages are written as HTML and skip Python-Markdown (``plugin.HtmlPage``).

What ``Page.render`` would have given MkDocs must still be there: the content exactly as the
templates wrote it, the table of contents, and the ids that links from authored pages are
validated against.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actionplan.site import load_all
from actionplan.render import Renderer

from .conftest import ROOT, run_build


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    project = tmp_path_factory.mktemp("htmlpage") / "tiny"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", project)
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def test_the_rendered_body_reaches_the_built_page_unchanged(site: Path) -> None:
    ix = load_all(ROOT / "data", ROOT / "content" / "commentary", ROOT, version=None)
    page = next(p for p in Renderer(ix, "https://example.org/", None).all_pages(("zh",)) if p.src == "plan/I.3.5.md")
    body = page.content.split("\n---\n", 1)[1]
    # From the parallel text to the cite panel nothing depends on site_url or the repository.
    start, end = body.index('<div class="ap-parallel">'), body.index('<h2 id="cite"')
    fragment = body[start:end]
    assert "<h2 id=" in fragment and "<ul>" in fragment
    assert fragment in (site / "plan" / "I.3.5" / "index.html").read_text(encoding="utf-8")


def test_table_of_contents_is_read_back_from_the_headings(tiny_site: Path) -> None:
    html = (tiny_site / "plan" / "I.1.1" / "index.html").read_text(encoding="utf-8")
    secondary = html[html.index('md-nav--secondary'):]
    secondary = secondary[: secondary.index("</nav>")]
    assert re.findall(r'href="#([^"]+)"', secondary) == ["lead", "commentary", "cite"]
    # The tiny fixture configures `toc: permalink: true`: Python-Markdown's defaults apply.
    assert '<h2 id="lead">牵头机构<a class="headerlink" href="#lead" title="Permanent link">¶</a></h2>' in html


def test_links_from_authored_pages_into_generated_ones_are_validated(tiny: Path) -> None:
    note = tiny / "content" / "note.md"
    note.write_text("# Note\n\n[lead](plan/I.1.1.md#lead) [footnotes](plan/I.md#no-such-anchor)\n", encoding="utf-8")
    result = run_build(tiny, tiny / "site")
    assert result.returncode != 0
    assert "no-such-anchor" in result.stderr and "#lead" not in result.stderr, result.stderr[-2000:]
    note.write_text("# Note\n\n[lead](plan/I.1.1.md#lead) [critique](commentary/index.md#C01)\n", encoding="utf-8")
    result = run_build(tiny, tiny / "site")
    assert result.returncode == 0, result.stderr[-2000:]


def _build_in_process(project: Path) -> list[str]:
    """A strict build of ``project`` in this process; the warnings it logged (raises if it aborted)."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    handler = Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return warnings


def test_generated_links_to_missing_pages_or_anchors_are_warnings(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _build_in_process(tiny) == []
    original = Renderer.crit_view

    def broken(self: Renderer, c: object, from_src: str, lang: str) -> dict[str, object]:
        view = original(self, c, from_src, lang)  # type: ignore[arg-type]
        view["link"] = view["link"] + ("#no-such-anchor" if c.id == "C02" else "")  # type: ignore[attr-defined]
        if c.id == "C03":  # type: ignore[attr-defined]
            view["link"] = view["link"].replace("C03", "C99")
        return view

    monkeypatch.setattr(Renderer, "crit_view", broken)
    warnings = _build_in_process(tiny)
    assert any("generated page links to what the build does not have: ../../commentary/C99/" in w for w in warnings), warnings
    assert any("contains a link '../../commentary/C02/#no-such-anchor', but the doc 'commentary/C02.md' does not contain"
               in w for w in warnings), warnings
