"""The search relevance benchmark (issue 14): Material's search as the site has it, against Pagefind.

    .venv/bin/python bench/search_bench.py [--material SITE] [--pagefind SITE] [--build]

Each engine's built site is served on 127.0.0.1 (http.server in a thread); Debian's chromium,
driven by Playwright, types every query of bench/search/queries.yaml into the real search box with
fill() (as an input method does), and reads the results. Reported per language and engine:

* MRR of the first expected unit, recall in the top 5, ID and acronym queries at rank 1;
* bytes: every response of a fresh page per query (page load, opening the box, the query), as the
  response bodies' sizes raw and gzip-compressed here (http.server sends no gzip: the gzip figure
  is what a gzip-serving host would send; Pagefind's own files are already gzipped, so for them the
  two are nearly equal). "Before opening" is what a page fetched for search before the box was
  opened; "per query" is what the query itself fetched after the box was open;
* time per query: from fill() to the results list changing last (MutationObserver, in the page),
  unthrottled in a fresh page, and with CDP Emulation.setCPUThrottlingRate 4 in a warm page.

--build builds the Pagefind variant: mkdocs.yml less Material's search plugin, plus search.js/css,
into .cache/search-bench/site-pagefind, then actionplan.search.index_site. Results go to
bench/results/search.json and bench/results/search.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "bench" / "search" / "queries.yaml"
RESULTS = ROOT / "bench" / "results"
WORK = ROOT / ".cache" / "search-bench"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
_UNIT_URL = re.compile(r"^(?:en/)?(?:plan|commentary|agencies)/([^/#]+)/")
SEARCH_URL = re.compile(r"/(pagefind/|search/search_index\.json|assets/javascripts/workers/search)")


def load_queries(path: Path = QUERIES) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def unit_of(href: str, base: str) -> str | None:
    """The unit ID a result link points to (plan unit, commentary unit or agency), else None."""
    path = urlsplit(href).path
    rel = path[len(urlsplit(base).path):] if path.startswith(urlsplit(base).path) else path.lstrip("/")
    m = _UNIT_URL.match(rel)
    return m.group(1) if m else None


def score(ranked: list[str], expect: list[str]) -> tuple[float, float, int | None]:
    """Reciprocal rank of the first expected unit, recall in the top 5, and that rank (1-based)."""
    rank = next((i + 1 for i, u in enumerate(ranked) if u in expect), None)
    recall = len(set(ranked[:5]) & set(expect)) / len(expect)
    return (1.0 / rank if rank else 0.0), recall, rank


@contextmanager
def serve(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


OBSERVE = """() => { window.__t0 = performance.now(); window.__t1 = null;
  if (window.__obs) window.__obs.disconnect();
  window.__obs = new MutationObserver(() => { window.__t1 = performance.now(); });
  window.__obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-query']}); }"""


class Engine:
    name = ""
    box = ""

    def open(self, page: Any) -> None:
        raise NotImplementedError

    def after_fill(self, page: Any) -> None:
        """Material searches on key events only (fill() alone, like an input method, starts no search)."""

    def wait(self, page: Any, q: str) -> None:
        raise NotImplementedError

    def hrefs(self, page: Any) -> list[str]:
        raise NotImplementedError


class Material(Engine):
    name = "material"
    box = "input.md-search__input"

    def open(self, page: Any) -> None:
        page.locator("label.md-search__icon, .md-search__input").first.click()

    def after_fill(self, page: Any) -> None:
        page.locator(self.box).press("End")  # as tests/test_browser.py does: commit, then a key

    def wait(self, page: Any, q: str) -> None:
        page.wait_for_function(
            """() => { const m = document.querySelector('.md-search-result__meta');
               return m && window.__t1 !== null && performance.now() - window.__t1 > 150 && !/键入|Type to start/i.test(m.textContent); }""",
            timeout=20_000, polling=50)

    def hrefs(self, page: Any) -> list[str]:
        return list(page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)"))


class Pagefind(Engine):
    name = "pagefind"
    box = "input.ap-search__input"

    def open(self, page: Any) -> None:
        page.locator(".ap-search-button").click()
        page.wait_for_function("() => window.apSearch && document.getElementById('ap-search-status')", timeout=10_000)

    def wait(self, page: Any, q: str) -> None:
        page.wait_for_function(
            "q => { const l = document.getElementById('ap-search-results'); return l && l.getAttribute('data-query') === q.trim(); }",
            arg=q, timeout=20_000, polling=20)

    def hrefs(self, page: Any) -> list[str]:
        return list(page.eval_on_selector_all(".ap-search__link", "els => els.map(e => e.href)"))


def ranked_units(hrefs: list[str], base: str) -> list[str]:
    out: list[str] = []
    for h in hrefs:
        u = unit_of(h, base)
        if u and u not in out:
            out.append(u)
    return out


def run_engine(engine: Engine, site: Path, queries: list[dict[str, Any]]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    rows: list[dict[str, Any]] = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        host = urlsplit(base).netloc
        for item in queries:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            responses: list[tuple[str, str, int, int]] = []  # phase, url, raw, gzip
            phase = ["load"]
            outside: list[str] = []

            def on_response(r: Any, phase: list[str] = phase, responses: list[tuple[str, str, int, int]] = responses) -> None:
                try:
                    body = r.body()
                except Exception:  # redirects and aborted requests have no body
                    return
                responses.append((phase[0], r.url, len(body), len(gzip.compress(body, 6))))

            def route(r: Any, outside: list[str] = outside) -> None:
                if urlsplit(r.request.url).netloc != host and not r.request.url.startswith(("data:", "blob:")):
                    outside.append(r.request.url)
                    r.abort()
                else:
                    r.continue_()

            page.route("**/*", route)
            page.on("response", on_response)
            page.goto(base + ("en/" if item["lang"] == "en" else ""), wait_until="networkidle")
            phase[0] = "open"
            engine.open(page)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(100)
            phase[0] = "query"
            page.evaluate(OBSERVE)
            page.locator(engine.box).fill(item["q"])
            engine.after_fill(page)
            engine.wait(page, item["q"])
            ms = page.evaluate("() => (window.__t1 || window.__t0) - window.__t0")
            page.wait_for_load_state("networkidle")
            units = ranked_units(engine.hrefs(page), base)
            rr, recall, rank = score(units, item["expect"])
            sizes = {ph: [sum(x[2] for x in responses if x[0] == ph and SEARCH_URL.search(x[1])),
                          sum(x[3] for x in responses if x[0] == ph and SEARCH_URL.search(x[1]))] for ph in ("load", "open", "query")}
            rows.append({**{k: item[k] for k in ("lang", "q", "expect", "type")}, "top5": units[:5], "rank": rank, "rr": rr,
                         "recall5": recall, "ms": round(ms, 1), "search_bytes": sizes, "outside": outside})
            context.close()
        # Warm page per language, CPU throttled 4x: time per query only.
        for lang in ("zh", "en"):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + ("en/" if lang == "en" else ""), wait_until="networkidle")
            engine.open(page)
            page.wait_for_load_state("networkidle")
            page.evaluate(OBSERVE)
            page.locator(engine.box).fill("ai")
            engine.after_fill(page)
            engine.wait(page, "ai")
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            for row in rows:
                if row["lang"] != lang:
                    continue
                page.evaluate(OBSERVE)
                page.locator(engine.box).fill(row["q"])
                engine.after_fill(page)
                engine.wait(page, row["q"])
                row["ms_cpu4"] = round(page.evaluate("() => (window.__t1 || window.__t0) - window.__t0"), 1)
            context.close()
        browser.close()
    return {"rows": rows, "summary": summarize(rows)}


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for lang in ("zh", "en"):
        rs = [r for r in rows if r["lang"] == lang]
        strict = [r for r in rs if r["type"] in ("id", "agency-acronym")]
        out[lang] = {
            "queries": len(rs),
            "mrr": round(statistics.fmean(r["rr"] for r in rs), 3),
            "recall5": round(statistics.fmean(r["recall5"] for r in rs), 3),
            "id_acronym_at_1": f"{sum(1 for r in strict if r['rank'] == 1)}/{len(strict)}",
            "misses_top5": [r["q"] for r in rs if not r["rank"] or r["rank"] > 5],
            "bytes_before_open_gzip": int(statistics.median(r["search_bytes"]["load"][1] for r in rs)),
            "bytes_open_gzip": int(statistics.median(r["search_bytes"]["open"][1] for r in rs)),
            "bytes_query_gzip_median": int(statistics.median(r["search_bytes"]["query"][1] for r in rs)),
            "bytes_query_gzip_max": max(r["search_bytes"]["query"][1] for r in rs),
            "bytes_first_query_total_gzip_median": int(statistics.median(sum(r["search_bytes"][ph][1] for ph in ("load", "open", "query")) for r in rs)),
            "ms_median": statistics.median(r["ms"] for r in rs),
            "ms_cpu4_median": statistics.median(r.get("ms_cpu4", 0) for r in rs),
            "ms_cpu4_p90": sorted(r.get("ms_cpu4", 0) for r in rs)[int(0.9 * (len(rs) - 1))],
            "requests_off_host": sum(len(r["outside"]) for r in rs),
        }
    return out


def build_pagefind_site(out: Path) -> None:
    """mkdocs.yml less Material's search plugin, with search.js/css; then the Pagefind index."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    variant = re.sub(r"  - search:\n(?:      .*\n)*", "", config)
    variant = variant.replace("  - assets/actionplan.css\n", "  - assets/actionplan.css\n  - assets/search.css\n")
    variant = variant.replace("  - assets/actionplan.js\n", "  - assets/actionplan.js\n  - assets/search.js\n")
    assert "- search:" not in variant and "assets/search.js" in variant
    cfg = ROOT / ".mkdocs-search-bench.yml"  # beside mkdocs.yml: docs_dir and the plugin's paths are relative to it
    cfg.write_text(variant, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", JIEBA_CACHE_DIR=str(ROOT / ".cache"))
    env.setdefault("SOURCE_DATE_EPOCH", "1764288000")
    try:
        subprocess.run([sys.executable, "-m", "actionplan.cli", "-f", str(cfg), "build", "-d", str(out)], cwd=ROOT, env=env, check=True)
    finally:
        cfg.unlink()


def prepare_pagefind(site: Path) -> None:
    """Today's search.js/css into the site (it may be older than them), and a fresh index."""
    from actionplan.search import index_site

    for name in ("search.js", "search.css"):
        shutil.copy2(ROOT / "content" / "assets" / name, site / "assets" / name)
    index_site(site)


def markdown(result: dict[str, Any]) -> str:
    s = {e: result[e]["summary"] for e in ("material", "pagefind")}
    lines = ["# Search benchmark (issue 14)", "",
             f"{result['queries']} queries ({result['per_lang']['zh']} zh, {result['per_lang']['en']} en) "
             "from `bench/search/queries.yaml`, "
             "typed with Playwright `fill()` into each engine's search box in Debian chromium, site served on 127.0.0.1. "
             "Material: the site as built today (Material's search plugin, jieba-segmented per-language indexes). "
             "Pagefind: the same site built without Material's search, "
             "with `content/assets/search.js` and `actionplan.search.index_site`.", "",
             "Bytes: response bodies of search files (Material: `search/search_index.json`, the worker; Pagefind: `pagefind/`), "
             "gzip-compressed here (level 6) since http.server sends none; medians over queries, each in a fresh page. "
             "Time: fill() to the results list's last change (MutationObserver), median; CPU 4×: CDP `Emulation.setCPUThrottlingRate` 4, warm page.", "",
             "| | Material zh | Pagefind zh | Material en | Pagefind en | target |", "| --- | --- | --- | --- | --- | --- |"]
    keys = [("mrr", "MRR", "≥ 0.9"), ("recall5", "recall@5", "≥ 0.95"), ("id_acronym_at_1", "ID + acronym queries at rank 1", "all"),
            ("bytes_before_open_gzip", "search bytes before the box opens (gzip)", "0"),
            ("bytes_open_gzip", "bytes on opening the box (gzip)", ""),
            ("bytes_query_gzip_median", "bytes per query after opening, median (gzip)", ""),
            ("bytes_query_gzip_max", "bytes per query after opening, max (gzip)", ""),
            ("bytes_first_query_total_gzip_median", "search bytes for a first query incl. load + open (gzip)", "≤ 100 KB"),
            ("ms_median", "ms per query, median", ""), ("ms_cpu4_median", "ms per query at CPU 4×, median", "< 100"),
            ("ms_cpu4_p90", "ms per query at CPU 4×, p90", ""), ("requests_off_host", "requests off 127.0.0.1", "0")]
    for key, label, target in keys:
        cells = [str(s[e][lang][key]) for lang in ("zh", "en") for e in ("material", "pagefind")]
        lines.append(f"| {label} | {' | '.join(cells)} | {target} |")
    lines += ["", "Queries outside the top 5:", ""]
    for e in ("material", "pagefind"):
        for lang in ("zh", "en"):
            lines.append(f"- {e} {lang}: {', '.join(s[e][lang]['misses_top5']) or 'none'}")
    lines += ["", "## Every query", "", "| lang | query | type | expected | Material rank | Pagefind rank | Pagefind top 5 |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for a, b in zip(result["material"]["rows"], result["pagefind"]["rows"], strict=True):
        cells = [a["lang"], f"`{a['q']}`", a["type"], ", ".join(a["expect"]), str(a["rank"] or "–"), str(b["rank"] or "–"), ", ".join(b["top5"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--material", type=Path, default=ROOT / "site", help="the site as built today (make build)")
    ap.add_argument("--pagefind", type=Path, default=WORK / "site-pagefind", help="the site built for Pagefind")
    ap.add_argument("--build", action="store_true", help="build the Pagefind variant first")
    ap.add_argument("--only", choices=("material", "pagefind"))
    ap.add_argument("--limit", type=int, default=0, help="the first N queries only (a smoke test; writes nothing)")
    args = ap.parse_args(argv)
    queries = load_queries()
    if args.limit:
        queries = [q for q in queries if q["lang"] == "zh"][: args.limit] + [q for q in queries if q["lang"] == "en"][: args.limit]
    if args.build or not args.pagefind.is_dir():
        build_pagefind_site(args.pagefind)
    prepare_pagefind(args.pagefind)
    result: dict[str, Any] = {"queries": len(queries), "per_lang": {lg: sum(1 for q in queries if q["lang"] == lg) for lg in ("zh", "en")},
                              "date": time.strftime("%Y-%m-%d")}
    old = json.loads((RESULTS / "search.json").read_text(encoding="utf-8")) if (RESULTS / "search.json").is_file() else {}
    for engine, site in ((Material(), args.material), (Pagefind(), args.pagefind)):
        if args.only and engine.name != args.only and engine.name in old:
            result[engine.name] = old[engine.name]
            continue
        t = time.monotonic()
        result[engine.name] = run_engine(engine, site, queries)
        print(f"{engine.name}: {json.dumps(result[engine.name]['summary'], ensure_ascii=False)} ({time.monotonic() - t:.0f} s)")
    if args.limit:
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (RESULTS / "search.md").write_text(markdown(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
