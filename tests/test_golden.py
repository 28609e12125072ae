"""Golden tests: the tiny fixture's page sources (front matter over Markdown), compared with reviewed
files in tests/golden/.

A change to templates shows up here as a readable diff of exactly what MkDocs receives. After
reviewing it, regenerate with: UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from actionplan import paths
from actionplan.pages import all_pages
from actionplan.render import Renderer
from actionplan.site import load_all

from .conftest import TINY

GOLDEN = Path(__file__).parent / "golden"
PAGES = ["index.md", "plan/intro.md", "plan/I/index.md", "plan/I.1.md", "plan/I.1.1.md", "plan/I.1.2.md", "en/plan/I.2.1.md",
         "agencies/FTC.md", "commentary/C01.md", "en/commentary/C02.md", "commentary/index.md", "plan/footnotes.md",
         "plan/whole.md", "en/plan/whole.md"]


@pytest.fixture(scope="module")
def rendered_pages() -> list[tuple[str, str]]:
    """Every page the renderer generates, in order, as (source path with its language prefix, content)."""
    ix = load_all(TINY / "data", TINY / "content" / "commentary", TINY)
    return [(paths.prefix(lang) + p.src, p.content) for lang in paths.LANGS
            for p in all_pages(Renderer(ix, lang, "https://example.org/tiny/", "https://example.org/repo/blob/main/"))]


@pytest.fixture(scope="module")
def rendered(rendered_pages: list[tuple[str, str]]) -> dict[str, str]:
    return dict(rendered_pages)


@pytest.mark.parametrize("src", PAGES)
def test_rendered_page_matches_golden(rendered: dict[str, str], src: str) -> None:
    golden = GOLDEN / (src.replace("/", "__"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered[src], encoding="utf-8")
    assert golden.exists(), f"no golden file for {src}: run UPDATE_GOLDEN=1"
    assert rendered[src] == golden.read_text(encoding="utf-8")


def test_every_unit_and_page_kind_is_rendered_once(rendered: dict[str, str], rendered_pages: list[tuple[str, str]]) -> None:
    for lang_prefix in ("", "en/"):
        for uid in ("intro", "I", "I.1", "I.1.1", "I.1.2", "I.2", "I.2.1", "II", "II.1", "II.1.1"):
            assert f"{lang_prefix}{paths.unit(uid)}" in rendered
        for extra in ("index.md", "agencies/index.md", "agencies/FTC.md", "plan/footnotes.md", "ids.md", "changelog.md",
                      "commentary/index.md", "commentary/coverage.md", "commentary/C03.md"):
            assert f"{lang_prefix}{extra}" in rendered
    # No two generated pages share a path (the dict above would silently keep only the last of them).
    srcs = [src for src, _ in rendered_pages]
    assert len(srcs) == len(set(srcs)), sorted(src for src, n in Counter(srcs).items() if n > 1)
