"""Two builds of one commit are byte-identical (issue #7): SOURCE_DATE_EPOCH fixes every date."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .conftest import ROOT, run_build


def digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    result = run_build(ROOT, again)
    assert result.returncode == 0, result.stderr
    first, second = digest(site), digest(again)
    assert first.keys() == second.keys()
    differ = [k for k in first if first[k] != second[k]]
    assert not differ, differ[:10]
    assert "sitemap.xml.gz" in first
