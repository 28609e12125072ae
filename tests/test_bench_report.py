"""The benchmark's report (bench/run.py): its format on a fixture, and the committed pages true to it."""

from __future__ import annotations

import json

from .conftest import ROOT, bench_script

FIXTURE = {
    "measured": "2026-01-02 03:04 UTC", "commit": "abc1234", "runs": 2,
    "machine": {"cpus": 2, "processor": "x86_64", "python": "3.11.7", "system": "Linux"},
    "versions": {"mkdocs": "1.6.1", "zensical": "0.0.73"}, "pages": 450,
    "a": {"wall": [10.0, 12.0], "cpu": [9.0, 11.0]}, "b": {"wall": [9.0, 10.0], "cpu": [8.0, 10.0]},
    "ratio": {"wall": 1.1611, "cpu": 1.1125, "wall_each": [1.111, 1.2]},
    "mkdocs_generated": {"wall": 9.5, "cpu": 9.0},
    "zensical": {"cold_wall": 6.0, "cold_cpu": 5.5, "warm_wall": 3.0, "warm_cpu": 2.5}, "target": 1.25,
}


def test_report_prints_both_builds_side_by_side_and_the_ratio() -> None:
    run = bench_script("run")
    en = run.table(FIXTURE, "en")
    assert "| A: our plugin generates the pages (MkDocs, both builds) | 11.00 s | 10.00 s |" in en
    assert "| B: the same pages as plain Markdown (MkDocs, no plugin) | 9.50 s | 9.00 s |" in en
    assert "| Zensical, cold (the generated folder, --clean) | 6.00 s | 5.50 s |" in en
    assert "| Zensical, warm (built again, nothing changed) | 3.00 s | 2.50 s |" in en
    assert "**1.16** (each pair: 1.11, 1.20); CPU ratio: **1.11**. Target ≤ 1.25: met." in en
    failing = {**FIXTURE, "ratio": {"wall": 1.3, "cpu": 1.2, "wall_each": [1.3, 1.3]}}
    assert "Target ≤ 1.25: not met." in run.table(failing, "en")
    zh = run.page(FIXTURE, "zh")
    assert zh.startswith("---\ntitle: 构建性能\n") and "目标 ≤ 1.25：达到" in zh


def test_published_pages_are_the_report_of_the_committed_results() -> None:
    run = bench_script("run")
    results = json.loads((ROOT / "bench" / "results" / "results.json").read_text(encoding="utf-8"))
    assert (ROOT / "content" / "performance.md").read_text(encoding="utf-8") == run.page(results, "zh")
    assert (ROOT / "content" / "en" / "performance.md").read_text(encoding="utf-8") == run.page(results, "en")
    assert (ROOT / "bench" / "results" / "performance.md").read_text(encoding="utf-8") == run.page(results, "en")
