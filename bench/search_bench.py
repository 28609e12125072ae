"""The search benchmark (issue 14): the site's Pagefind search box, typed as a reader types.

    .venv/bin/python bench/search_bench.py [--site SITE] [--limit N]

Without --site it first builds the site as ``actionplan build`` does (both languages, then the
Pagefind index) into .cache/search-bench/site. The site is served on 127.0.0.1 (http.server in a
thread, HTTP/1.1 keep-alive); Debian's chromium, driven by Playwright, types every query of
bench/search/queries.yaml into the real search box with fill() (as an input method does) and reads
the results. Reported per language:

* MRR of the first expected unit, recall in the top 5, ID and acronym queries at rank 1;
* bytes: every response of a fresh page per query (page load, opening the box, the query), as the
  response bodies' sizes raw and gzip-compressed here (http.server sends no gzip: the gzip figure
  is what a gzip-serving host would send; Pagefind's own files are already gzipped, so for them the
  two are nearly equal). "Before opening" is what a page fetched for search before the box was
  opened; "opening" what it fetched until search.js reports Pagefind ready (its script, WebAssembly
  and the language's metadata); "per query" what the query itself fetched after that;
* time per query, with CDP ``Emulation.setCPUThrottlingRate`` 4 (Pagefind runs on the page's thread,
  so the throttle covers its work): from the input event that fill() dispatches to the results
  list's last change (MutationObserver, in the page): "cold", the first query of a fresh page (it
  fetches its index chunks and results' text), and "warm", every query in turn in one page per language.

Results go to bench/results/search.json and bench/results/search.md; ``make bench`` (bench/run.py)
runs this too and shows the numbers on the build report page. The measurements made before the
integration (Material's search beside a Pagefind prototype) stay in search.json as ``reference``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
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
CPU_RATE = 4  # the mid-range phone profile
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
_UNIT_URL = re.compile(r"^(?:en/)?(?:plan|commentary|agencies)/([^/#]+)/")
SEARCH_URL = re.compile(r"/pagefind/")


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
        protocol_version = "HTTP/1.1"  # keep-alive, as any static host: no new connection per file
        disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed-ACK stall)

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
  document.addEventListener('input', () => { window.__t0 = performance.now(); }, {capture: true, once: true});
  if (window.__obs) window.__obs.disconnect();
  window.__obs = new MutationObserver(() => { window.__t1 = performance.now(); });
  window.__obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-query']}); }"""


class Pagefind:
    """The search box of search.js, as a reader (or a test) drives it."""

    name = "pagefind"
    box = "input.ap-search__input"

    def open(self, page: Any) -> None:
        page.locator(".ap-search-button").click()
        # Ready: Pagefind's script, WebAssembly and the language's metadata are in (search.js says so).
        page.wait_for_function("() => window.apSearch && window.apSearch.ready()", timeout=20_000, polling=20)

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


def _throttle(context: Any, page: Any, rate: float) -> None:
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})


def _timed_query(page: Any, engine: Pagefind, q: str) -> float:
    page.evaluate(OBSERVE)
    page.locator(engine.box).fill(q)
    engine.wait(page, q)
    return round(float(page.evaluate("() => (window.__t1 || window.__t0) - window.__t0")), 1)


def run(site: Path, queries: list[dict[str, Any]], rate: float = CPU_RATE) -> dict[str, Any]:
    """Every query in a fresh page (rank, bytes, cold time), then all of a language's in one page (warm time)."""
    from playwright.sync_api import sync_playwright

    engine = Pagefind()
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
            phase[0] = "query"
            _throttle(context, page, rate)
            ms = _timed_query(page, engine, item["q"])
            page.wait_for_load_state("networkidle")
            units = ranked_units(engine.hrefs(page), base)
            rr, recall, rank = score(units, item["expect"])
            sizes = {ph: [sum(x[2] for x in responses if x[0] == ph and SEARCH_URL.search(x[1])),
                          sum(x[3] for x in responses if x[0] == ph and SEARCH_URL.search(x[1]))] for ph in ("load", "open", "query")}
            rows.append({**{k: item[k] for k in ("lang", "q", "expect", "type")}, "top5": units[:5], "rank": rank, "rr": rr,
                         "recall5": recall, "ms_cold": ms, "search_bytes": sizes, "outside": outside})
            context.close()
        for lang in ("zh", "en"):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + ("en/" if lang == "en" else ""), wait_until="networkidle")
            engine.open(page)
            page.wait_for_load_state("networkidle")
            _throttle(context, page, rate)
            for row in rows:
                if row["lang"] == lang:
                    row["ms_warm"] = _timed_query(page, engine, row["q"])
            context.close()
        browser.close()
    return {"rows": rows, "summary": summarize(rows)}


def _median(xs: list[float]) -> float:
    return round(float(statistics.median(xs)), 1)


def _p90(xs: list[float]) -> float:
    return sorted(xs)[int(0.9 * (len(xs) - 1))]


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for lang in ("zh", "en"):
        rs = [r for r in rows if r["lang"] == lang]
        strict = [r for r in rs if r["type"] in ("id", "agency-acronym")]
        query = [r["search_bytes"]["query"][1] for r in rs]
        out[lang] = {
            "queries": len(rs),
            "mrr": round(statistics.fmean(r["rr"] for r in rs), 3),
            "recall5": round(statistics.fmean(r["recall5"] for r in rs), 3),
            "id_acronym_at_1": f"{sum(1 for r in strict if r['rank'] == 1)}/{len(strict)}",
            "misses_top5": [r["q"] for r in rs if not r["rank"] or r["rank"] > 5],
            "bytes_before_open_gzip": int(statistics.median(r["search_bytes"]["load"][1] for r in rs)),
            "bytes_open_gzip": int(statistics.median(r["search_bytes"]["open"][1] for r in rs)),
            "bytes_query_gzip_median": int(statistics.median(query)),
            "bytes_query_gzip_p90": _p90(query),
            "bytes_query_gzip_max": max(query),
            "bytes_first_query_total_gzip_median": int(statistics.median(sum(r["search_bytes"][ph][1] for ph in ("load", "open", "query")) for r in rs)),
            "ms_cold_median": _median([r["ms_cold"] for r in rs]),
            "ms_cold_p90": _p90([r["ms_cold"] for r in rs]),
            "ms_warm_median": _median([r["ms_warm"] for r in rs]),
            "ms_warm_p90": _p90([r["ms_warm"] for r in rs]),
            "requests_off_host": sum(len(r["outside"]) for r in rs),
        }
    return out


def build_site(out: Path) -> None:
    """The site as ``actionplan build`` makes it (MkDocs, both languages, then the Pagefind index)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.setdefault("SOURCE_DATE_EPOCH", "1764288000")
    subprocess.run([sys.executable, "-m", "actionplan.cli", "-f", str(ROOT / "mkdocs.yml"), "build", "-d", str(out)],
                   cwd=ROOT, env=env, check=True)


def commit() -> str:
    r = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "plugins", "content/assets", "bench/search_bench.py", "bench/search"],
                           cwd=ROOT, capture_output=True, text=True).stdout
    return r.stdout.strip() + ("-dirty" if dirty.strip() else "")


# The rows of the summary table: key, label, target (printed, never asserted).
ROWS = [("mrr", "MRR", "≥ 0.9"), ("recall5", "recall@5", "≥ 0.95"), ("id_acronym_at_1", "ID + acronym queries at rank 1", "all"),
        ("bytes_before_open_gzip", "search bytes before the box opens (gzip)", "0"),
        ("bytes_open_gzip", "bytes on opening the box, median (gzip)", ""),
        ("bytes_query_gzip_median", "bytes per query, median (gzip)", "≤ 100 KB"),
        ("bytes_query_gzip_p90", "bytes per query, p90 (gzip)", ""),
        ("bytes_query_gzip_max", "bytes per query, max (gzip)", ""),
        ("bytes_first_query_total_gzip_median", "a fresh page's first query incl. opening, median (gzip)", ""),
        ("ms_warm_median", "ms per query at CPU 4×, warm page, median", "< 100"),
        ("ms_warm_p90", "ms per query at CPU 4×, warm page, p90", ""),
        ("ms_cold_median", "ms per query at CPU 4×, a fresh page's first, median", ""),
        ("ms_cold_p90", "ms per query at CPU 4×, a fresh page's first, p90", ""),
        ("requests_off_host", "requests off 127.0.0.1", "0")]


def markdown(result: dict[str, Any]) -> str:
    s = result["pagefind"]["summary"]
    ref = result.get("reference") or {}
    lines = ["# Search benchmark (issue 14)", "",
             f"{result['queries']} queries ({result['per_lang']['zh']} zh, {result['per_lang']['en']} en) from `bench/search/queries.yaml`, "
             "typed with Playwright `fill()` into the site's search box in Debian chromium, "
             f"on the site `actionplan build` makes (measured {result['measured']} at commit `{result['commit']}`), served on 127.0.0.1.", "",
             "Bytes: response bodies of search files (`pagefind/`), gzip-compressed here (level 6) since http.server sends none; "
             "each query in a fresh page. Time: CDP `Emulation.setCPUThrottlingRate` 4, from the input event to the results list's "
             "last change (MutationObserver); warm: every query in turn in one page; cold: a fresh page's first query. "
             f"The machine: {result.get('cpus')} CPUs, load average {result.get('load_before')} before and {result.get('load_after')} after "
             "(other work shares it; the times move with it). "
             "Written by `bench/search_bench.py` (`make bench`); do not edit by hand.", "",
             "| | zh | en | target |", "| --- | --- | --- | --- |"]
    for key, label, target in ROWS:
        lines.append(f"| {label} | {s['zh'][key]} | {s['en'][key]} | {target} |")
    lines += ["", "Queries outside the top 5: " + "; ".join(f"{lang}: {', '.join(s[lang]['misses_top5']) or 'none'}" for lang in ("zh", "en"))]
    if ref:
        lines += ["", "## Before", "", ref["note"], "",
                  "| | " + " | ".join(f"{name} {lang}" for name in ref["summaries"] for lang in ("zh", "en")) + " |",
                  "| --- |" + " --- |" * (2 * len(ref["summaries"]))]
        for key, label in ref["rows"]:
            cells = [str(ref["summaries"][name][lang].get(key, "–")) for name in ref["summaries"] for lang in ("zh", "en")]
            lines.append(f"| {label} | {' | '.join(cells)} |")
    lines += ["", "## Every query", "", "| lang | query | type | expected | rank | top 5 | bytes (gzip) | ms warm | ms cold |",
              "| --- | --- | --- | --- | --- | --- | ---: | ---: | ---: |"]
    for r in result["pagefind"]["rows"]:
        cells = [r["lang"], f"`{r['q']}`", r["type"], ", ".join(r["expect"]), str(r["rank"] or "–"), ", ".join(r["top5"]),
                 str(r["search_bytes"]["query"][1]), str(r["ms_warm"]), str(r["ms_cold"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def measure(site: Path | None = None, limit: int = 0) -> dict[str, Any]:
    """Build (unless ``site`` is given) and measure; the committed reference is carried over."""
    if site is None:
        site = WORK / "site"
        build_site(site)
    queries = load_queries()
    if limit:
        queries = [q for q in queries if q["lang"] == "zh"][:limit] + [q for q in queries if q["lang"] == "en"][:limit]
    old = json.loads((RESULTS / "search.json").read_text(encoding="utf-8")) if (RESULTS / "search.json").is_file() else {}
    t = time.monotonic()
    result: dict[str, Any] = {
        "queries": len(queries), "per_lang": {lg: sum(1 for q in queries if q["lang"] == lg) for lg in ("zh", "en")},
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "commit": commit(), "cpu_rate": CPU_RATE,
        "cpus": os.cpu_count(), "load_before": round(os.getloadavg()[0], 1),
        "pagefind": run(site, queries),
    }
    result["load_after"] = round(os.getloadavg()[0], 1)
    if old.get("reference"):
        result["reference"] = old["reference"]
    print(f"search: {json.dumps(result['pagefind']['summary'], ensure_ascii=False)} ({time.monotonic() - t:.0f} s)", flush=True)
    return result


def write(result: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (RESULTS / "search.md").write_text(markdown(result), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--site", type=Path, help="a site built by actionplan build (default: build one)")
    ap.add_argument("--limit", type=int, default=0, help="the first N queries of each language only (a smoke test; writes nothing)")
    args = ap.parse_args(argv)
    result = measure(args.site, args.limit)
    if not args.limit:
        write(result)
    print(markdown(result).split("\n## ")[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
