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


PREVIEW = {
    "measured": "2026-01-02 03:04 UTC", "commit": "abc1234", "runs": 2,
    "full": {"wall": [8.0, 10.0], "cpu": [7.5, 8.5]},
    "edits": [{"lang": "zh", "seconds": 1.2, "fresh": 9.0, "settled": 20.0}, {"lang": "en", "seconds": 1.0, "fresh": 8.0, "settled": 19.0},
              {"lang": "zh", "seconds": 1.4, "fresh": 9.0, "settled": 20.0}, {"lang": "en", "seconds": 1.1, "fresh": 8.0, "settled": 19.0}],
    "page": {"zh": 1.3, "en": 1.05}, "fresh": 8.5, "settled": 19.5, "ratio": {"all": 0.1278, "zh": 0.1444, "en": 0.1167}, "target": 0.33,
}


def test_report_shows_the_preview_beside_the_full_build_and_their_ratio() -> None:
    run = bench_script("run")
    en = run.preview_table(PREVIEW, "en")
    assert "| Full build: `actionplan build` (`make build`: both languages and the search index) | 9.00 s | 8.00 s |" in en
    assert "reader on the Chinese page (median of 2) | 1.30 s | – |" in en and "reader on the English page (median of 2) | 1.05 s | – |" in en
    assert "**0.13** (Chinese page 0.14, English page 0.12). Target ≤ 0.33: met." in en
    busy = run.preview_table({**PREVIEW, "load": [1.04, 2.5], "cpus": 2}, "en")
    assert "The machine's 1-minute load average: 1.0 at the start, 2.5 at the end (2 CPUs)." in busy
    slow = {**PREVIEW, "ratio": {"all": 0.4, "zh": 0.45, "en": 0.35}}
    assert "Target ≤ 0.33: not met." in run.preview_table(slow, "en")
    page = run.page({**FIXTURE, "preview": PREVIEW}, "zh")
    assert "\n## 预览（make serve） { #preview }\n" in page and "目标 ≤ 0.33：达到" in page
    assert "## Preview (make serve) { #preview }" in run.page({**FIXTURE, "preview": PREVIEW}, "en")


def _summary(**over: object) -> dict[str, object]:
    s: dict[str, object] = {
        "queries": 47, "mrr": 0.989, "recall5": 1.0, "id_acronym_at_1": "10/10", "misses_top5": [], "bytes_before_open_gzip": 0,
        "bytes_open_gzip": 82902, "bytes_query_gzip_median": 75226, "bytes_query_gzip_p90": 90000, "bytes_query_gzip_max": 99999,
        "bytes_first_query_total_gzip_median": 158128, "ms_cold_median": 150.0, "ms_cold_p90": 250.0, "ms_warm_median": 61.2,
        "ms_warm_p90": 120.0, "requests_off_host": 0,
    }
    s.update(over)
    return s


SEARCH = {"queries": 95, "per_lang": {"zh": 47, "en": 48}, "measured": "2026-01-02 03:04 UTC", "commit": "abc1234",
          "pagefind": {"rows": [], "summary": {"zh": _summary(), "en": _summary(mrr=0.948, ms_warm_median=99.6)}}}


def test_report_shows_the_search_benchmark_in_each_language_with_its_targets() -> None:
    run = bench_script("run")
    en = run.search_table(SEARCH, "en")
    assert "| MRR | 0.989 | 0.948 | ≥ 0.9 (met) |" in en
    assert "| bytes per query (median) | 75.2 KB | 75.2 KB | ≤ 100 KB (met) |" in en
    assert "| time per query, CPU 4× (median) | 61 ms | 100 ms | < 100 ms (met) |" in en  # 99.6 rounds for print only
    assert "| search bytes before the box opens | 0.0 KB | 0.0 KB | 0 (met) |" in en
    assert "at commit `abc1234`: 95 queries (47 zh, 48 en" in en
    slow = {**SEARCH, "pagefind": {"rows": [], "summary": {"zh": _summary(ms_warm_median=104.2, bytes_query_gzip_median=128495),
                                                            "en": _summary()}}}
    slow_en = run.search_table(slow, "en")
    assert "| 128.5 KB | 75.2 KB | ≤ 100 KB (not met) |" in slow_en and "| 104 ms | 61 ms | < 100 ms (not met) |" in slow_en
    zh = run.page(FIXTURE, "zh", SEARCH)
    assert "\n## 搜索 { #search }\n" in zh and "| 平均倒数排名（MRR） | 0.989 | 0.948 | ≥ 0.9（达到） |" in zh
    assert "## Search { #search }" in run.page(FIXTURE, "en", SEARCH) and "## " not in run.page(FIXTURE, "en")


def test_published_pages_are_the_report_of_the_committed_results() -> None:
    run = bench_script("run")
    results = json.loads((ROOT / "bench" / "results" / "results.json").read_text(encoding="utf-8"))
    search = json.loads((ROOT / "bench" / "results" / "search.json").read_text(encoding="utf-8"))
    assert "pagefind" in search and search["pagefind"]["summary"]["zh"]["queries"] >= 40
    assert (ROOT / "content" / "performance.md").read_text(encoding="utf-8") == run.page(results, "zh", search)
    assert (ROOT / "content" / "en" / "performance.md").read_text(encoding="utf-8") == run.page(results, "en", search)
    assert (ROOT / "bench" / "results" / "performance.md").read_text(encoding="utf-8") == run.page(results, "en", search)


def test_search_results_page_is_the_rendering_of_the_committed_search_results() -> None:
    bench = bench_script("search_bench")
    search = json.loads((ROOT / "bench" / "results" / "search.json").read_text(encoding="utf-8"))
    assert (ROOT / "bench" / "results" / "search.md").read_text(encoding="utf-8") == bench.markdown(search)
