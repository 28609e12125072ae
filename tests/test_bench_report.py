"""The benchmark's report: targets judged from the numbers, and the published page true to the raw results.

The performance page is generated; a hand edit to its numbers, or results.json updated without the
page (or the reverse), would publish figures the benchmark never measured.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import ROOT, bench_script

run = bench_script("run")


def _dataset(a_wall: float, b_wall: float, rss: float = 5e8, html: int = 30_000, gz: int = 100_000) -> dict[str, Any]:
    a = {"wall_s": a_wall, "cpu_s": a_wall, "peak_rss_bytes": rss, "pages_per_s": 440 / a_wall}
    b = {"wall_s": b_wall, "cpu_s": b_wall, "peak_rss_bytes": rss, "pages_per_s": 440 / b_wall}
    return {"pages": 440, "summary": {"runs": 3, "ab_wall_ratios": [a_wall / b_wall], "ab_wall_ratio_median": a_wall / b_wall,
                                      "ab_cpu_ratio_median": a_wall / b_wall, "A": a, "B": b},
            "output_A": {"action_page_html_median_bytes": html, "search_index_gzip_bytes": gz}}


def _met(ds: dict[str, Any]) -> dict[str, Any]:
    return {t["key"]: t["met"] for t in run.targets(ds)}


def test_targets_are_judged_from_the_numbers() -> None:
    ok = {"real": _dataset(4.0, 3.9), "1x": _dataset(4.0, 3.9), "10x": _dataset(30.0, 29.0),
          "100x": _dataset(320.0, 310.0, rss=9e8, html=31_000)}
    ok["real"]["page_weight"] = {"pages": {"action (zh)": {"bytes": 390_000, "bytes_gzip": 90_000, "search_index": 1, "search_index_gzip": 1}}}
    ok["real"]["serve_rebuild"] = {"rebuild_wall_s": 2.9}  # 0.74 of B's 3.9 s
    ok["10x"]["serve_rebuild"] = {"rebuild_wall_s": 20.0}
    assert _met(ok) == {"ab": True, "scaling": True, "rss": True, "action_html": True, "real_cold": True, "search_gz": True, "first_view": True,
                        "rebuild": True}
    bad = {"real": _dataset(5.5, 5.0, gz=260_000), "10x": _dataset(30.0, 29.0, html=30_000), "1x": _dataset(4.0, 3.9, html=30_000),
           "100x": _dataset(340.0, 330.0, rss=1.1e9, html=34_000)}
    bad["real"]["page_weight"] = {"pages": {"action (en)": {"bytes": 401_000, "bytes_gzip": 90_000, "search_index": 1, "search_index_gzip": 1}}}
    bad["real"]["serve_rebuild"] = {"rebuild_wall_s": 2.0}
    bad["10x"]["serve_rebuild"] = {"rebuild_wall_s": 22.0}  # 0.76 of B's 29 s: one size missing it misses the target
    assert _met(bad) == {"ab": False, "scaling": False, "rss": False, "action_html": False, "real_cold": False, "search_gz": False,
                         "first_view": False, "rebuild": False}
    assert set(_met({}).values()) == {None}  # nothing measured is not "met"


def test_published_page_is_the_report_of_the_committed_results() -> None:
    results = json.loads((ROOT / "bench" / "results" / "results.json").read_text(encoding="utf-8"))
    assert (ROOT / "bench" / "results" / "performance.md").read_text(encoding="utf-8") == run.report(results)
    for lang, path in run.SITE_PAGES.items():
        assert path.read_text(encoding="utf-8") == run.site_page(results, lang), f"{path}: not what make bench writes; run it again"
    zh = run.SITE_PAGES["zh"].read_text(encoding="utf-8")
    assert "lang: zh" in zh and '<div lang="en" markdown>' in zh and run.ZH_PREAMBLE in zh
    assert json.loads((run.SITE_RAW / "results.json").read_text(encoding="utf-8")) == results
    # Every target is on the page with its verdict, the failed ones too.
    for t in results["targets"]:
        verdict = {True: "yes", False: "**no**", None: "not measured"}[t["met"]]
        assert f"| {t['target']} | {t['measured']} | {verdict} |" in zh


def test_site_pages_round_trip(tmp_path: Path, monkeypatch: Any) -> None:
    results = {"machine": json.loads((ROOT / "bench" / "results" / "results.json").read_text(encoding="utf-8"))["machine"],
               "date": "2026-01-01 00:00 UTC", "datasets": {"real": _dataset(4.0, 3.9)}}
    monkeypatch.setattr(run, "SITE_PAGES", {"zh": tmp_path / "performance.md", "en": tmp_path / "en" / "performance.md"})
    monkeypatch.setattr(run, "SITE_RAW", tmp_path / "assets" / "bench")
    (tmp_path / "en").mkdir()
    run.write_results(results, tmp_path / "out")
    run.write_site_pages(tmp_path / "out")
    en = (tmp_path / "en" / "performance.md").read_text(encoding="utf-8")
    assert "| real | 440 | 4.00 s | 4.00 s | 500.0 MB | 3.90 s |" in en and "](../assets/bench/results.json)" in en
    assert "](assets/bench/results.json)" in (tmp_path / "performance.md").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "assets" / "bench" / "results.json").read_text(encoding="utf-8"))["date"] == "2026-01-01 00:00 UTC"
