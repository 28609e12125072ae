"""The build benchmark (``make bench``): what the plugin costs, measured side by side.

* **A**: the edition as ``make build`` makes it with MkDocs: both language builds
  (``mkdocs.yml``, ``mkdocs.en.yml``), our plugin generating the pages.
* **B**: the very same pages written out by ``actionplan generate`` and built by MkDocs with
  no plugin at all: what the pages cost if a person had written them as plain Markdown.

A and B alternate, each language's two builds back to back and their order swapped from pair
to pair (A B, B A, …), so that drift in the machine's speed hits both alike; each build is a
fresh process, timed by wall clock and by CPU (user + system, from ``os.wait4``). The
median of the per-pair ratios is reported, for wall time and CPU, beside the issue's target
(A/B wall ≤ 1.25), printed and never asserted. Then A once more with the compiled templates
cleared first, as a fresh machine builds it; and Zensical builds the generated folder cold
(``--clean``) and warm (again, nothing changed), next to MkDocs' times for the same folder.

And ``make serve``'s preview, side by side with ``make build`` in one run (the issue's target:
an edit shown in at most a third of a full build's time): in a copy of the project, a full
``actionplan build``, then ``actionplan serve`` on a free loopback port; with the server quiet
(every build, index and check done), one word of a translation (``data/translations/zh/I.yaml``)
is changed and the page showing it is fetched until it has the new word, the reader on the
Chinese page and on the English one in turn. Reported: the medians, and edit-to-page over the
full build (≤ 0.33), printed and never asserted.

    .venv/bin/python bench/run.py            # 5 pairs
    .venv/bin/python bench/run.py --runs 3
    .venv/bin/python bench/run.py --preview-only   # the preview against the full build alone

Then the PDF benchmark (bench/pdf_bench.py): the whole-plan page printed to a PDF in each language by
WeasyPrint (what ``make pdf`` uses) and by Chromium, beside one build (``--no-pdf`` skips it).

Then the search benchmark (bench/search_bench.py) on the site ``actionplan build`` makes: the
95 queries typed into the search box in Chromium, relevance, bytes and time per query.

    .venv/bin/python bench/run.py --search-only   # the search benchmark alone
    .venv/bin/python bench/run.py --no-search     # the build benchmark alone

Results: bench/results/results.json and bench/results/performance.md, bench/results/search.json
and search.md, and the site's performance page (content/performance.md, content/en/performance.md),
out of the reader's menu, which shows both in its language.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
TMP = RESULTS / "tmp"
TARGET = 1.25
PREVIEW_TARGET = 0.33
CONFIGS = (("mkdocs.yml", ""), ("mkdocs.en.yml", "en"))


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.update({"SOURCE_DATE_EPOCH": "1753315200", "NO_MKDOCS_2_WARNING": "1"})
    return e


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one command run to completion; a failure stops the bench."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def edition(engine: list[str], folder: Path, out: Path | None, extra: tuple[str, ...] = ()) -> tuple[float, float]:
    """Both language builds of the configs in ``folder`` (into ``out``; None: the configs' own
    site_dir, as Zensical takes it): summed wall and CPU."""
    wall = cpu = 0.0
    for name, sub in CONFIGS:
        where = [] if out is None else ["-d", str(out / sub if sub else out)]
        w, c = timed([*engine, "build", "-f", str(folder / name), *where, *extra], folder)
        wall, cpu = wall + w, cpu + c
    return wall, cpu


def versions() -> dict[str, str]:
    out = {}
    for dist in ("mkdocs", "mkdocs-material", "markdown", "properdocs", "zensical"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def commit() -> str:
    r = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "plugins", "data", "content", "overrides", "mkdocs.yml",
                            "mkdocs.en.yml"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = "\n".join(line for line in dirty.splitlines() if "performance.md" not in line)
    return r.stdout.strip() + ("-dirty" if dirty else "")


def run(runs: int) -> dict[str, Any]:
    shutil.rmtree(TMP, ignore_errors=True)
    gen = TMP / "generated"
    subprocess.run([sys.executable, "-m", "actionplan.cli", "-f", str(ROOT / "mkdocs.yml"), "generate", str(gen)],
                   cwd=ROOT, env=env(), check=True, capture_output=True)
    pages = sum(1 for _ in gen.rglob("*.md"))
    mkdocs = [sys.executable, "-m", "mkdocs"]
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for i in range(runs):
        # Each language's A and B builds run back to back, the one first in one pair second in
        # the next (A B, B A, …): the machine's speed drifts over seconds, and this way a slow
        # spell falls on both sides of a pair rather than on one.
        wall_a = cpu_a = wall_b = cpu_b = 0.0
        for name, sub in CONFIGS:
            order = (("a", ROOT), ("b", gen)) if i % 2 == 0 else (("b", gen), ("a", ROOT))
            for side, folder in order:
                out = TMP / f"{side}{i}"
                w, c = timed([*mkdocs, "build", "-f", str(folder / name), "-d", str(out / sub if sub else out), "--strict"], folder)
                if side == "a":
                    wall_a, cpu_a = wall_a + w, cpu_a + c
                else:
                    wall_b, cpu_b = wall_b + w, cpu_b + c
        a.append((wall_a, cpu_a))
        b.append((wall_b, cpu_b))
        print(f"pair {i + 1}: A {a[-1][0]:.2f} s wall / {a[-1][1]:.2f} s CPU, B {b[-1][0]:.2f} s / {b[-1][1]:.2f} s", flush=True)
    wall_ratios = [x[0] / y[0] for x, y in zip(a, b, strict=True)]
    cpu_ratios = [x[1] / y[1] for x, y in zip(a, b, strict=True)]
    # A on a fresh machine: the templates not compiled yet (the first build compiles and caches
    # them, the second reads them), as a deploy's one `make build` runs.
    from actionplan.templating import clear_template_cache

    a_cold = []
    for k in range(min(runs, 3)):
        clear_template_cache()
        a_cold.append(edition(mkdocs, ROOT, TMP / f"c{k}", ("--strict",)))
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    zs: dict[str, Any] = {}
    if zensical:
        cold = [edition([zensical], gen, None, ("--clean",)) for _ in range(runs)]
        warm = [edition([zensical], gen, None) for _ in range(runs)]
        zs = {"cold_wall": statistics.median(c[0] for c in cold), "cold_cpu": statistics.median(c[1] for c in cold),
              "warm_wall": statistics.median(w[0] for w in warm), "warm_cpu": statistics.median(w[1] for w in warm)}
    shutil.rmtree(TMP, ignore_errors=True)
    return {
        "measured": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit(), "runs": runs,
        "machine": {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(), "python": platform.python_version(),
                    "system": platform.platform()},
        "versions": versions(), "pages": pages,
        "a": {"wall": [x[0] for x in a], "cpu": [x[1] for x in a]}, "b": {"wall": [y[0] for y in b], "cpu": [y[1] for y in b]},
        "ratio": {"wall": statistics.median(wall_ratios), "cpu": statistics.median(cpu_ratios), "wall_each": wall_ratios},
        "mkdocs_generated": {"wall": statistics.median(y[0] for y in b), "cpu": statistics.median(y[1] for y in b)},
        "a_cold": {"wall": [x[0] for x in a_cold], "cpu": [x[1] for x in a_cold]},
        "zensical": zs, "target": TARGET,
    }


# -- the preview (make serve) against the full build (make build) ----------------------------

# The edit: one word of the translation of action I.1.4, shown on its page in both languages.
EDITED = ("data/translations/zh/I.yaml", "各州人工智能法规", "plan/I.1.4/")
WORDS = ("审视", "考察", "检视", "研判", "审查", "评估")  # each edit puts the next in front of EDITED[1]
STATE = "__actionplan__/state"


def _get(url: str, timeout: float = 600) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return str(r.read().decode("utf-8"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _quiet(base: str, timeout: float = 900) -> None:
    """Until the preview has nothing left to build, index or check."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            s = json.loads(_get(base + STATE, 30))
        except OSError:  # not listening yet: the first build is running
            time.sleep(0.2)
            continue
        if s["error"]:
            raise SystemExit(f"the preview's build failed:\n{s['error']}")
        if not s["pending"] and not s["busy"] and not s["unverified"]:
            return
        time.sleep(0.2)
    raise SystemExit("the preview did not settle")


def preview(runs: int) -> dict[str, Any]:
    """A full build and the preview's edit-to-page, in one run (runs of each, alternating)."""
    project = TMP / "preview-project"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in ("data", "content", "overrides", "plugins", "mkdocs.yml", "mkdocs.en.yml", "published-urls.txt"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(ROOT / name, project / name)
    cli = [sys.executable, "-m", "actionplan.cli", "-f", str(project / "mkdocs.yml")]
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (TMP / "serve.log").open("w")
    server = subprocess.Popen([*cli, "serve", "-p", str(port)], cwd=project, env=env(), stdout=log, stderr=subprocess.STDOUT)
    full: list[tuple[float, float]] = []
    edits: list[dict[str, Any]] = []
    load = [os.getloadavg()[0]]  # other work on the machine slows both sides; the page says how busy it was
    try:
        _quiet(base)
        source = project / EDITED[0]
        word = "评估"
        for i in range(runs):
            full.append(timed([*cli, "build", "-d", str(TMP / "preview-site")], project))
            for lang, prefix in (("zh", ""), ("en", "en/")):
                page = base + prefix + EDITED[2]
                _get(page)  # the reader is on this page, in this language
                _quiet(base)
                new = WORDS[len(edits) % len(WORDS)]
                text = source.read_text(encoding="utf-8")
                assert word + EDITED[1] in text, (word, text[:200])
                tmp = source.with_suffix(".saving")
                tmp.write_text(text.replace(word + EDITED[1], new + EDITED[1], 1), encoding="utf-8")
                start = time.perf_counter()
                tmp.replace(source)  # saved at once, as editors save
                while new + EDITED[1] not in _get(page):
                    time.sleep(0.05)
                shown = time.perf_counter() - start
                while json.loads(_get(base + STATE))["pending"]:  # the other language, then the search index
                    time.sleep(0.05)
                fresh = time.perf_counter() - start
                _quiet(base)  # and the strict check in quiet time
                edits.append({"lang": lang, "seconds": shown, "fresh": fresh, "settled": time.perf_counter() - start})
                word = new
                print(f"full build {full[-1][0]:.2f} s; edit {i + 1}, reader on {lang}: page after {shown:.2f} s, "
                      f"both languages and search after {fresh:.2f} s, checked after {edits[-1]['settled']:.2f} s", flush=True)
    finally:
        server.send_signal(signal.SIGINT)  # serve stops its own builds and removes its folder
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    load.append(os.getloadavg()[0])
    shutil.rmtree(TMP, ignore_errors=True)
    full_wall = statistics.median(w for w, _ in full)
    per = {lang: statistics.median(e["seconds"] for e in edits if e["lang"] == lang) for lang in ("zh", "en")}
    page_all = statistics.median(e["seconds"] for e in edits)
    return {
        "measured": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit(), "runs": runs,
        "full": {"wall": [w for w, _ in full], "cpu": [c for _, c in full]},
        "edits": edits, "page": per, "fresh": statistics.median(e["fresh"] for e in edits),
        "settled": statistics.median(e["settled"] for e in edits),
        "ratio": {"all": page_all / full_wall, **{lang: v / full_wall for lang, v in per.items()}}, "target": PREVIEW_TARGET,
        "load": load, "cpus": os.cpu_count(),
    }


def preview_table(p: dict[str, Any], lang: str) -> str:
    """The preview against the full build, as Markdown in ``lang``."""
    zh = lang == "zh"
    med = statistics.median
    n = {x: sum(1 for e in p["edits"] if e["lang"] == x) for x in ("zh", "en")}
    rows = [
        ("完整构建：`actionplan build`（`make build`：中英两次构建与搜索索引）" if zh else
         "Full build: `actionplan build` (`make build`: both languages and the search index)",
         f"{med(p['full']['wall']):.2f} s", f"{med(p['full']['cpu']):.2f} s"),
        (f"预览：改动译文中的一个词，到读者所看的中文页面显示新词（{n['zh']} 次的中位数）" if zh else
         f"Preview: one word of a translation changed, until the page shows it, reader on the Chinese page (median of {n['zh']})",
         f"{p['page']['zh']:.2f} s", "–"),
        (f"预览：同上，读者在英文页面（{n['en']} 次的中位数）" if zh else
         f"Preview: the same, reader on the English page (median of {n['en']})", f"{p['page']['en']:.2f} s", "–"),
        ("预览：同上，直到另一语言与搜索索引也已更新" if zh else
         "Preview: the same, until the other language and the search index are fresh too",
         f"{p['fresh']:.2f} s", "–"),
        ("预览：同上，直到空闲时的严格复查（两种语言从头构建）也已完成" if zh else
         "Preview: the same, until the strict check in quiet time (both languages built from scratch) is done too",
         f"{p['settled']:.2f} s", "–"),
    ]
    head = "| 测量 | 墙钟时间（中位数） | CPU（中位数） |\n|---|---:|---:|" if zh else "| measure | wall (median) | CPU (median) |\n|---|---:|---:|"
    body = "\n".join(f"| {name} | {wall} | {cpu} |" for name, wall, cpu in rows)
    ratio = p["ratio"]
    met = ratio["all"] <= p["target"]
    where = (f"测量于 {p['measured']}，提交 `{p['commit']}`，在项目的副本中：完整构建与预览在同一次运行中交替进行；"
             "每次改动前预览已空闲。" if zh else
             f"Measured {p['measured']} at commit `{p['commit']}` in a copy of the project: full builds and preview edits "
             "alternate in one run; the preview is quiet before each edit.")
    if p.get("load"):
        where += (f"机器的 1 分钟平均负载：开始时 {p['load'][0]:.1f}，结束时 {p['load'][1]:.1f}（{p['cpus']} 个 CPU）。" if zh else
                  f" The machine's 1-minute load average: {p['load'][0]:.1f} at the start, {p['load'][1]:.1f} at the end ({p['cpus']} CPUs).")
    summary = (f"预览中改动到页面的时间与完整构建之比（中位数）：**{ratio['all']:.2f}**（中文页面 {ratio['zh']:.2f}，英文页面 "
               f"{ratio['en']:.2f}）。目标 ≤ {p['target']}：{'达到' if met else '未达到'}。" if zh else
               f"Preview edit-to-page over the full build (medians): **{ratio['all']:.2f}** (Chinese page {ratio['zh']:.2f}, "
               f"English page {ratio['en']:.2f}). Target ≤ {p['target']}: {'met' if met else 'not met'}.")
    return f"{where}\n\n{head}\n{body}\n\n{summary}\n"


def table(r: dict[str, Any], lang: str) -> str:
    """The results as Markdown (``lang``: the page's language)."""
    zh = lang == "zh"
    med = statistics.median
    rows = [
        ("A：本插件生成页面（MkDocs，中英两次构建）" if zh else "A: our plugin generates the pages (MkDocs, both builds)",
         med(r["a"]["wall"]), med(r["a"]["cpu"])),
        ("B：同样的页面作为普通 Markdown（MkDocs，无插件）" if zh else "B: the same pages as plain Markdown (MkDocs, no plugin)",
         med(r["b"]["wall"]), med(r["b"]["cpu"])),
    ]
    cold = r.get("a_cold")
    if cold:
        rows.append(("A，模板尚未编译（新机器上的首次构建）" if zh else "A, templates not compiled yet (a fresh machine's first build)",
                     med(cold["wall"]), med(cold["cpu"])))
    z = r.get("zensical") or {}
    if z:
        rows += [("Zensical 冷构建（生成的文件夹，--clean）" if zh else "Zensical, cold (the generated folder, --clean)", z["cold_wall"], z["cold_cpu"]),
                 ("Zensical 热构建（无改动再次构建）" if zh else "Zensical, warm (built again, nothing changed)", z["warm_wall"], z["warm_cpu"])]
    head = "| 构建 | 墙钟时间（中位数） | CPU（中位数） |\n|---|---:|---:|" if zh else "| build | wall (median) | CPU (median) |\n|---|---:|---:|"
    body = "\n".join(f"| {name} | {wall:.2f} s | {cpu:.2f} s |" for name, wall, cpu in rows)
    ratio = r["ratio"]
    each = ", ".join(f"{x:.2f}" for x in ratio["wall_each"])
    met = "达到" if ratio["wall"] <= r["target"] else "未达到"
    summary = (f"A/B 墙钟时间比（{r['runs']} 对的中位数）：**{ratio['wall']:.2f}**（各对：{each}）；CPU 时间比：**{ratio['cpu']:.2f}**。"
               f"目标 ≤ {r['target']}：{met}。" if zh else
               f"A/B wall-time ratio (median of {r['runs']} pairs): **{ratio['wall']:.2f}** (each pair: {each}); CPU ratio: "
               f"**{ratio['cpu']:.2f}**. Target ≤ {r['target']}: {'met' if ratio['wall'] <= r['target'] else 'not met'}.")
    if cold:
        c = med(cold["wall"]) / med(r["b"]["wall"])
        summary += (f"\n新机器上的首次构建（{len(cold['wall'])} 次的中位数）与 B 的中位数之比：**{c:.2f}**。" if zh else
                    f"\nA on a fresh machine (median of {len(cold['wall'])}) against B's median: **{c:.2f}**.")
    v = r["versions"]
    m = r["machine"]
    where = (f"测量于 {r['measured']}，提交 `{r['commit']}`；{m['cpus']} 个 CPU（{m['processor']}），Python {m['python']}；"
             if zh else f"Measured {r['measured']} at commit `{r['commit']}` on {m['cpus']} CPUs ({m['processor']}), Python {m['python']}; ")
    where += ", ".join(f"{k} {val}" for k, val in v.items()) + f"; {r['pages']} " + ("个页面源文件。" if zh else "page sources.")
    return f"{where}\n\n{head}\n{body}\n\n{summary}\n"


# The search section: (key in search.json's summary, zh label, en label, target, how the target is met).
SEARCH_ROWS: list[tuple[str, str, str, str, Any]] = [
    ("mrr", "平均倒数排名（MRR）", "MRR", "≥ 0.9", lambda v: v >= 0.9),
    ("recall5", "前 5 名召回率", "recall@5", "≥ 0.95", lambda v: v >= 0.95),
    ("id_acronym_at_1", "编号与缩写查询排第 1", "ID and acronym queries at rank 1", "all",
     lambda v: v.split("/")[0] == v.split("/")[1]),
    ("bytes_before_open_gzip", "打开搜索框前下载的搜索数据", "search bytes before the box opens", "0", lambda v: v == 0),
    ("bytes_open_gzip", "打开搜索框时下载（中位数）", "bytes on opening the box (median)", "", None),
    ("bytes_query_gzip_median", "每次查询下载（中位数）", "bytes per query (median)", "≤ 100 KB", lambda v: v <= 100_000),
    ("bytes_query_gzip_max", "每次查询下载（最大）", "bytes per query (max)", "", None),
    ("ms_warm_median", "每次查询耗时，CPU 4×（中位数）", "time per query, CPU 4× (median)", "< 100 ms", lambda v: v < 100),
    ("ms_warm_p90", "每次查询耗时，CPU 4×（p90）", "time per query, CPU 4× (p90)", "", None),
    ("ms_cold_median", "新页面的首次查询耗时，CPU 4×（中位数）", "a fresh page's first query, CPU 4× (median)", "", None),
    ("requests_off_host", "对其他主机的请求", "requests to other hosts", "0", lambda v: v == 0),
]


def _cell(key: str, v: Any) -> str:
    if key.startswith("bytes_"):
        return f"{v / 1000:.1f} KB"
    if key.startswith("ms_"):
        return f"{v:.0f} ms"
    return str(v)


def search_table(sr: dict[str, Any], lang: str) -> str:
    """The search benchmark's summary (bench/results/search.json) as Markdown in ``lang``."""
    zh = lang == "zh"
    s = sr["pagefind"]["summary"]
    head = ("| 指标 | 中文 | 英文 | 目标 |\n|---|---:|---:|---|" if zh else "| measure | zh | en | target |\n|---|---:|---:|---|")
    rows = []
    for key, zh_label, en_label, target, met in SEARCH_ROWS:
        status = ""
        if met is not None:
            ok = all(met(s[lg][key]) for lg in ("zh", "en"))
            status = ("（达到）" if ok else "（未达到）") if zh else (" (met)" if ok else " (not met)")
        rows.append(f"| {zh_label if zh else en_label} | {_cell(key, s['zh'][key])} | {_cell(key, s['en'][key])} | {target}{status} |")
    n, per = sr["queries"], sr["per_lang"]
    if zh:
        intro = (f"测量于 {sr['measured']}，提交 `{sr['commit']}`：{n} 个查询（中文 {per['zh']}、英文 {per['en']}，"
                 "见 `bench/search/queries.yaml`），在 Chromium 中用 `fill()` 输入本站搜索框，站点为 `actionplan build` 的构建结果，"
                 "在 127.0.0.1 上提供。字节数为 gzip 压缩后的大小（1 KB = 1000 字节），每个查询在新页面中测量；"
                 "耗时为 CPU 降速 4 倍时从输入事件到结果列表最后一次变化的时间，在同一页面中依次输入全部查询。"
                 "逐条结果见 `bench/results/search.md`。")
    else:
        intro = (f"Measured {sr['measured']} at commit `{sr['commit']}`: {n} queries ({per['zh']} zh, {per['en']} en, "
                 "`bench/search/queries.yaml`) typed with `fill()` into the site's search box in Chromium, on the site "
                 "`actionplan build` makes, served on 127.0.0.1. Bytes are gzip-compressed (1 KB = 1000 bytes), each query in a fresh "
                 "page; time is with the CPU throttled 4×, from the input event to the results list's last change, every query in turn "
                 "in one page. Every query's result: `bench/results/search.md`.")
    return f"{intro}\n\n{head}\n" + "\n".join(rows) + "\n"


PAGE = {
    "zh": ("构建性能", "本页供维护者参考，不在读者菜单中。数字由 `make bench` 生成（bench/run.py），请勿手工编辑。"),
    "en": ("Build performance", "For maintainers; not in the reader's menu. The numbers are written by `make bench` (bench/run.py); do not edit them by hand."),
}


SEARCH_HEADING = {"zh": "搜索", "en": "Search"}
PREVIEW_HEADING = {"zh": "预览（make serve）", "en": "Preview (make serve)"}


def page(r: dict[str, Any], lang: str, sr: dict[str, Any] | None = None) -> str:
    """The performance page in ``lang``: the build benchmark ``r`` and, if given, the search benchmark ``sr``."""
    title, note = PAGE[lang]
    out = f"---\ntitle: {title}\nsearch:\n  exclude: true\n---\n\n# {title} {{ #performance }}\n\n{note}\n\n{table(r, lang)}"
    if r.get("preview"):
        out += f"\n## {PREVIEW_HEADING[lang]} {{ #preview }}\n\n{preview_table(r['preview'], lang)}"
    if sr:
        out += f"\n## {SEARCH_HEADING[lang]} {{ #search }}\n\n{search_table(sr, lang)}"
    return out


def load(name: str) -> dict[str, Any] | None:
    f = RESULTS / name
    return json.loads(f.read_text(encoding="utf-8")) if f.is_file() else None


def write(r: dict[str, Any] | None = None, sr: dict[str, Any] | None = None) -> None:
    """Write the results given, then every page from the results committed (new or not)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    if r is not None:
        (RESULTS / "results.json").write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if sr is not None:
        import search_bench

        search_bench.write(sr)
    r, sr = load("results.json"), load("search.json")
    if r is None:
        return
    (RESULTS / "performance.md").write_text(page(r, "en", sr), encoding="utf-8")
    (ROOT / "content" / "performance.md").write_text(page(r, "zh", sr), encoding="utf-8")
    (ROOT / "content" / "en" / "performance.md").write_text(page(r, "en", sr), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--search-only", action="store_true", help="the search benchmark alone")
    which.add_argument("--no-search", action="store_true", help="the build benchmark alone")
    which.add_argument("--preview-only", action="store_true", help="the preview against the full build alone")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF benchmark (bench/pdf_bench.py)")
    args = ap.parse_args()
    if args.preview_only:
        r = load("results.json") or {}
        r["preview"] = preview(min(args.runs, 3))
        write(r)
        print(preview_table(r["preview"], "en"))
        return
    r = None if args.search_only else run(args.runs)
    if r is not None:
        r["preview"] = preview(min(args.runs, 3))
    sr = None
    if not args.no_search:
        sys.path.insert(0, str(BENCH))  # bench/ is a folder of scripts
        import search_bench

        sr = search_bench.measure()
    write(r, sr)
    if r is not None:
        print(table(r, "en"))
        print(preview_table(r["preview"], "en"))
    if sr is not None:
        print(search_table(sr, "en"))
    if not args.no_pdf and not args.search_only:
        # What `make pdf` costs beside the build: WeasyPrint (what it uses) and Chromium's print.
        sys.path.insert(0, str(BENCH))
        import pdf_bench

        pr = pdf_bench.measure()
        pdf_bench.write(pr)
        print(pdf_bench.table(pr))


if __name__ == "__main__":
    main()
