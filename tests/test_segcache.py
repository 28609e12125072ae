"""The search index's Chinese segmentation, kept between builds (segcache.py, option search_cache)."""

from __future__ import annotations

import json
from pathlib import Path

from actionplan.segcache import SegmentCache

from .conftest import run_build


def fake_segment(calls: list[str]):  # type: ignore[no-untyped-def]
    def segment(data: str) -> str:
        calls.append(data)
        return "\u200b".join(data)
    return segment


def test_unchanged_text_is_answered_from_the_file_and_changed_text_is_segmented(tmp_path: Path) -> None:
    path = tmp_path / "c" / "segments.json"
    calls: list[str] = []
    first = SegmentCache(path, "s1")
    seg = first.wrap(fake_segment(calls))
    assert [seg("数据中心"), seg("开源"), seg("数据中心")] == ["数\u200b据\u200b中\u200b心", "开\u200b源", "数\u200b据\u200b中\u200b心"]
    assert calls == ["数据中心", "开源"] and (first.hits, first.misses) == (0, 2)
    first.save()
    calls.clear()
    second = SegmentCache(path, "s1")
    seg = second.wrap(fake_segment(calls))
    assert seg("开源") == "开\u200b源" and seg("监管") == "监\u200b管"
    assert calls == ["监管"] and (second.hits, second.misses) == (1, 1)
    second.save()  # keeps only what this build used: 数据中心 is gone
    assert json.loads(path.read_text(encoding="utf-8"))["segments"] == {"开源": "开\u200b源", "监管": "监\u200b管"}


def test_a_file_from_other_versions_or_a_broken_file_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "segments.json"
    old = SegmentCache(path, "jieba 0.41")
    old.wrap(lambda s: "stale")("开源")
    old.save()
    calls: list[str] = []
    new = SegmentCache(path, "jieba 0.42")
    assert new.problem == "made by other versions or settings"
    assert new.wrap(fake_segment(calls))("开源") == "开\u200b源" and calls == ["开源"]
    path.write_text('{"stamp": "jieba 0.42", "segments": {"开源": ', encoding="utf-8")
    broken = SegmentCache(path, "jieba 0.42")
    assert broken.problem is not None and broken.problem.startswith("unreadable") and broken.known == {}


def test_an_unchanged_build_does_not_rewrite_the_file(tmp_path: Path) -> None:
    path = tmp_path / "segments.json"
    c = SegmentCache(path, "s")
    c.wrap(lambda s: s + "!")("开源")
    c.save()
    before = path.stat().st_mtime_ns
    path.touch()  # no-op guard: mtime moves only if we write
    touched = path.stat().st_mtime_ns
    again = SegmentCache(path, "s")
    again.wrap(lambda s: "never called")("开源")
    again.save()
    assert path.stat().st_mtime_ns == touched >= before


def test_second_build_segments_nothing_and_publishes_the_same_index(tiny: Path) -> None:
    config = tiny / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:\n", "plugins:\n  - search:\n      lang: [zh, en]\n"))
    first = run_build(tiny, tiny / "site1")
    assert first.returncode == 0, first.stderr[-2000:]
    assert (tiny / ".cache" / "search-segments.json").is_file()
    second = run_build(tiny, tiny / "site2")
    assert second.returncode == 0, second.stderr[-2000:]
    assert "prefix dict" not in second.stderr  # jieba never loaded its dictionary
    for rel in ("search/search_index.json", "en/search/search_index.json"):
        assert (tiny / "site1" / rel).read_bytes() == (tiny / "site2" / rel).read_bytes()
    (tiny / ".cache" / "search-segments.json").write_text("not json", encoding="utf-8")
    third = run_build(tiny, tiny / "site3")
    assert third.returncode == 0, third.stderr[-2000:]
    assert (tiny / "site1" / "search/search_index.json").read_bytes() == (tiny / "site3" / "search/search_index.json").read_bytes()
    assert "prefix dict" in third.stderr  # segmented afresh
