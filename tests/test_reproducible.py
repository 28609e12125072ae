"""Two builds of one commit are byte-identical (issue #7): SOURCE_DATE_EPOCH fixes every date.

Except the search index: Pagefind 1.5 names its index files by hashes that differ between two runs
over the very same pages (measured: same input folder, different file names), so ``pagefind/`` is
compared by what it finds, not by its bytes (tests/test_search.py), and left out here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from .conftest import ROOT, run_build

# slow: the real site built twice.
pytestmark = pytest.mark.slow


def digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    result = run_build(ROOT, again)
    assert result.returncode == 0, result.stderr
    first, second = digest(site), digest(again)
    assert first.keys() == second.keys()
    differ = [k for k in first if first[k] != second[k]]
    assert not differ, differ[:10]
    assert "sitemap.xml.gz" in first and "en/sitemap.xml.gz" in first
    assert (site / "pagefind" / "pagefind.js").is_file() and (again / "pagefind" / "pagefind.js").is_file()
