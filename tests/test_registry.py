"""Permalinks are permanent (issue #5): the URL registry, redirects, canonical site_url."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actionplan import registry

from .conftest import ROOT, run_build

# slow: the real site, built whole, and builds of the tiny fixture.
pytestmark = pytest.mark.slow


def test_the_build_serves_every_published_url_and_anchor(site: Path) -> None:
    published = registry.loads((ROOT / registry.REGISTRY).read_text(encoding="utf-8"))
    assert len(published) > 1000 and "plan/I.3.5/" in published and "lead" in published["plan/I.3.5/"]
    assert registry.check(site, published) == []


def test_a_deliberately_removed_unit_fails(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "plan" / "I.3.5")
    published = registry.loads((ROOT / registry.REGISTRY).read_text(encoding="utf-8"))
    problems = registry.check(copy, published)
    assert "plan/I.3.5/: published, but the build no longer serves it (add a redirect in data/redirects.yaml)" in problems


def test_a_removed_anchor_fails(site: Path) -> None:
    published = {"plan/I.3.5/": {"lead", "no-such-anchor"}}
    problems = registry.check(site, published)
    assert "plan/I.3.5/: anchors #no-such-anchor are gone" in problems


def test_moving_a_unit_needs_a_redirect_that_reaches_it(tiny: Path) -> None:
    result = run_build(tiny, tiny / "site")
    assert result.returncode == 0, result.stderr
    published = registry.scan(tiny / "site")
    published["old/place/I.1.1/"] = {"lead", "unit"}  # a URL readers cited before the unit moved
    assert registry.check(tiny / "site", published)[0].startswith("old/place/I.1.1/: published, but the build no longer serves it")

    (tiny / "data" / "redirects.yaml").write_text("old/place/I.1.1/: plan/I.1.1/\n", encoding="utf-8")
    result = run_build(tiny, tiny / "site")
    assert result.returncode == 0, result.stderr
    assert registry.check(tiny / "site", published) == []
    page = (tiny / "site" / "old" / "place" / "I.1.1" / "index.html").read_text()
    assert 'content="0; url=../../../plan/I.1.1/"' in page and 'href="https://example.org/tiny/plan/I.1.1/"' in page


def test_a_redirect_may_not_shadow_a_live_page(tiny: Path) -> None:
    """Refused by load_all, so by check and build alike, with the same line."""
    (tiny / "data" / "redirects.yaml").write_text("plan/I.1.1/: plan/I.1.2/\n", encoding="utf-8")
    result = run_build(tiny, tiny / "site")
    assert result.returncode != 0
    line = "data/redirects.yaml:1: redirect plan/I.1.1/: old: is still a page; a redirect may only replace a URL that moved away"
    assert line in result.stderr


def test_a_build_without_site_url_fails_in_strict_mode(tiny: Path) -> None:
    config = tiny / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url: https://example.org/tiny/\n", ""))
    result = run_build(tiny, tiny / "site")
    assert result.returncode != 0
    assert "site_url is not set: permalinks and citations would point nowhere" in result.stderr
    assert not (tiny / "site").exists()
