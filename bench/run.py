"""The performance benchmark (``make bench``, issue 8): how long the site takes to build, and why.

For the real data and synthetic datasets at 1×, 10× and 100× (bench/generate.py) it builds

* A: the site with our plugin, exactly as ``make build`` would (strict);
* B: a baseline of the very same pages written as plain Markdown files into docs_dir (pages from
  ``Renderer.all_pages``; the export files and redirect pages the plugin adds as static files) with
  the plugin removed (see ``baseline_config``), so A/B is the cost of our plugin over the bare
  MkDocs + Material toolchain. The generated pages' bodies are HTML, so B's Markdown files hold
  HTML: the cheapest input Python-Markdown takes, and so the lowest floor MkDocs offers for them.

A and B alternate (A B A B …) so that drift in the machine's speed hits both alike. Every build is a
fresh ``python -m mkdocs build --strict`` subprocess (no ``-q``: see QUIET): wall time by
``perf_counter``, CPU time and peak RSS from ``os.wait4``. Results go to bench/results/results.json and bench/results/performance.md
(merged with earlier runs, so ``--sizes 100`` can be run separately); the targets of the issue are
printed beside the numbers, never asserted. Scratch folders live in bench/results/tmp/ (git-ignored).

    .venv/bin/python bench/run.py                       # real, 1×, 10×, 100×; 3 runs each
    .venv/bin/python bench/run.py --sizes 1,10 --runs 3  # quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
SOURCE_DATE_EPOCH = "1753315200"  # fixed, so sitemap dates and the like do not vary between builds
GIB = 1024**3

# The targets: (key, description). Evaluated in ``targets``; printed, never asserted.
TARGETS = [
    ("ab", "median A/B wall-time ratio ≤ 1.05 at every size"),
    ("scaling", "time(100×) / time(10×) ≤ 11"),
    ("rss", "peak RSS at 100× ≤ 1 GB (10⁹ bytes)"),
    ("action_html", "median action page HTML at 100× within 10 % of 1×"),
    ("real_cold", "real site cold strict build ≤ 5 s"),
    ("search_gz", "search index ≤ 250 KB gzipped (real site, the larger of the two per-language indexes; KB = 1000 bytes)"),
    ("first_view", "first view of an action page ≤ 400 KB (HTML, CSS, JS, fonts; cold cache, measured in Chromium, "
                   "bytes as a plain static server sends them; the larger of the zh and en action pages)"),
    ("rebuild", "stretch: a rebuild as `mkdocs serve` does it after one data file changes ≤ 0.75× B's cold build of the same "
                "pages (every size where it was measured)"),
]


# -- measuring ------------------------------------------------------------------------------

def build_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            "JIEBA_CACHE_DIR": str(ROOT / ".cache")}


# `mkdocs build --strict -q` is not strict in MkDocs 1.6: -q raises the logger level to ERROR, so the
# strict-mode warning counter never sees a warning (mkdocs/mkdocs#4126). We build without -q and send
# the output to a log file instead; --quiet-builds restores -q, e.g. to compare.
QUIET: list[str] = []


# What one build leaves for the next (the plugin's search_cache option, as configured in mkdocs.yml).
WARM_STATE = [Path(".cache") / "search-segments.json"]


def forget_warm_state(project: Path) -> None:
    """Cold means cold: no build of A may start from what an earlier build of the benchmark left."""
    for rel in WARM_STATE:
        (project / rel).unlink(missing_ok=True)


def timed_build(config: Path, site_dir: Path, timeout: float | None) -> dict[str, Any]:
    """One strict CLI build in a fresh process: wall, CPU (user+sys) and peak RSS of that process."""
    log = site_dir.with_name(site_dir.name + ".log")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", *QUIET, "-f", str(config), "-d", str(site_dir)]
    load = os.getloadavg()[0]  # other work on the machine skews wall time; recorded beside each build
    with open(log, "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=config.parent, stdout=err, stderr=subprocess.STDOUT, env=build_env())
        killer = threading.Timer(timeout, p.kill) if timeout else None
        if killer:
            killer.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        if killer:
            killer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    out: dict[str, Any] = {
        "wall_s": wall, "cpu_s": ru.ru_utime + ru.ru_stime, "user_s": ru.ru_utime, "sys_s": ru.ru_stime,
        "peak_rss_bytes": ru.ru_maxrss * 1024, "returncode": p.returncode, "loadavg_1min_before": load,
    }
    if p.returncode != 0:
        out["timed_out"] = bool(timeout and wall >= timeout)
        text = log.read_text(encoding="utf-8", errors="replace").splitlines()
        important = [line for line in text if line.startswith(("WARNING", "ERROR", "Aborted", "Traceback")) or "Error" in line]
        out["log_tail"] = "\n".join([*important[:40], "…", *text[-15:]])
    return out


def output_metrics(site: Path, action_ids: list[str]) -> dict[str, Any]:
    """Size of the built site, of its search indexes (raw and gzip -6) and of the action pages.

    Our plugin splits Material's index into one per language tree (``search/`` for Chinese,
    ``en/search/`` for English); a reader downloads one of them, so the largest is the one that counts.
    """
    total = files = 0
    for dirpath, _, names in os.walk(site):
        for n in names:
            total += os.path.getsize(os.path.join(dirpath, n))
            files += 1
    indexes = {}
    for lang, rel in (("zh", "search/search_index.json"), ("en", "en/search/search_index.json")):
        if (site / rel).exists():
            raw = (site / rel).read_bytes()
            indexes[lang] = {"bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, compresslevel=6, mtime=0))}

    def median_size(prefix: str) -> float | None:
        sizes = [(site / prefix / a / "index.html").stat().st_size for a in action_ids if (site / prefix / a / "index.html").exists()]
        return statistics.median(sizes) if sizes else None

    largest = max(indexes.values(), key=lambda i: i["gzip_bytes"], default={"bytes": 0, "gzip_bytes": 0})
    return {
        "site_bytes": total, "site_files": files, "search_indexes": indexes,
        "search_index_bytes": largest["bytes"], "search_index_gzip_bytes": largest["gzip_bytes"],
        "search_index_total_bytes": sum(i["bytes"] for i in indexes.values()),
        "action_page_html_median_bytes": median_size("plan"), "action_page_html_median_bytes_en": median_size("en/plan"),
    }


def compare_outputs(a: Path, b: Path) -> dict[str, Any]:
    """How far B's output is from A's: the files each has alone and the byte totals of shared pages."""
    def listing(root: Path) -> dict[str, int]:
        return {str(p.relative_to(root)): p.stat().st_size for p in root.rglob("*") if p.is_file()}

    la, lb = listing(a), listing(b)
    shared = la.keys() & lb.keys()
    differ = sum(1 for k in shared if la[k] != lb[k])
    return {"only_in_A": sorted(la.keys() - lb.keys())[:20], "only_in_B": sorted(lb.keys() - la.keys())[:20],
            "n_only_in_A": len(la.keys() - lb.keys()), "n_only_in_B": len(lb.keys() - la.keys()),
            "shared_files_with_other_size": differ, "bytes_A": sum(la.values()), "bytes_B": sum(lb.values())}


def rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


# -- datasets -------------------------------------------------------------------------------

def baseline_config(text: str) -> str:
    """A's mkdocs.yml without our plugin.

    The plugin's ``enabled: false`` was meant for exactly this, but its on_config now refuses it
    when nav names pages the plugin would generate (as ours does), so B leaves it out of
    ``plugins`` instead: not even imported, the bare toolchain.
    """
    out = re.sub(r"(?m)^  - actionplan:?\n(?:      .*\n)*", "", text)
    if out == text or re.search(r"(?m)^  - actionplan\b", out):
        raise SystemExit("bench: cannot find the actionplan plugin entry in mkdocs.yml to remove it for the baseline")
    return out


def prepare(name: str, k: float | None, seed: int, work: Path) -> dict[str, Any]:
    """Write A (real snapshot or generated) and B; runs in its own process (see ``prepare_in_child``)."""
    sys.path.insert(0, str(BENCH))
    import generate

    a_dir, b_dir = work / "A", work / "B"
    t0 = time.perf_counter()
    if k is None:
        generate.copy_real(a_dir)
    else:
        generate.generate(k, a_dir, seed=seed)
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    generate.write_shell(b_dir)
    (b_dir / "mkdocs.yml").write_text(baseline_config((a_dir / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    info = prepare_baseline(a_dir, b_dir)
    return {"generate_s": gen_s, "prepare_baseline_s": time.perf_counter() - t0,
            **info}


def prepare_in_child(name: str, k: float | None, seed: int, work: Path) -> dict[str, Any]:
    """Run ``prepare`` in a subprocess, so that this process stays small.

    Linux carries a process's peak RSS across exec (and subprocess forks with vfork), so a build's
    ``ru_maxrss`` is at least the peak of the process that started it: rendering 36,000 pages here
    would have inflated every later measurement.
    """
    out = work / "prepare.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_prepare", name, "none" if k is None else repr(k), str(seed), str(work), str(out)]
    subprocess.run(cmd, cwd=ROOT, env=build_env(), check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def prepare_baseline(a_dir: Path, b_dir: Path) -> dict[str, Any]:
    """Write B's pages: A's rendered pages as Markdown, the plugin's other generated files as static files.

    Pages come from ``Renderer(...).all_pages(paths.LANGS)`` as the plugin calls it; the plugin's own
    ``on_files`` is run too, to take the non-page files it adds (export, redirects) and to check that
    the pages B gets are exactly the pages A builds.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from actionplan import paths
    from actionplan.plugin import _heading_link
    from actionplan.render import Renderer

    cfg = load_config(str(a_dir / "mkdocs.yml"))
    plugin: Any = cfg.plugins["actionplan"]
    cfg = cfg.plugins.on_config(cfg)
    files = plugin.on_files(get_files(cfg), config=cfg)
    ix = plugin.index
    repo_blob = f"{cfg.repo_url.rstrip('/')}/blob/{plugin.config.repo_branch}/" if cfg.repo_url else None
    pages = Renderer(ix, cfg.site_url or "", repo_blob, heading_link=_heading_link(cfg)).all_pages(paths.LANGS)
    docs = b_dir / "content"
    generated = {f.src_uri: f for f in files if f.generated_by is not None}
    mismatched = 0
    written = 0
    for page in pages:
        target = docs / page.src
        if target.exists():  # an authored page wins, as in the plugin
            continue
        plugin_file = generated.get(page.src)
        if plugin_file is None or plugin_file.content_string != page.content:
            mismatched += 1
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
        written += 1
    static = 0
    for src, f in generated.items():
        if f.is_documentation_page():
            continue
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.content_bytes)
        static += 1
    n_pages = len(files.documentation_pages())
    cfg_b = load_config(str(b_dir / "mkdocs.yml"))
    n_pages_b = len(get_files(cfg_b).documentation_pages())
    actions = [uid for uid in ix.order if ix.units[uid].kind == "action"]
    return {"pages": n_pages, "pages_B": n_pages_b, "generated_pages_written": written, "static_files_written": static,
            "pages_differing_from_plugin": mismatched, "action_ids": actions,
            "counts": {"goals": sum(len(p.goals) for p in ix.plan.pillars), "actions": len(actions),
                       "critiques": len(ix.plan.critiques), "agencies": len(ix.plan.agencies),
                       "footnotes": len(ix.plan.footnotes)}}


def bench_dataset(name: str, k: float | None, args: argparse.Namespace, checkpoint: Any) -> dict[str, Any]:
    """Generate (or copy) one dataset, build A and B alternately, measure outputs and rebuilds.

    ``checkpoint(res)`` is called after every build, so a run killed by a time limit keeps its numbers.
    """
    work = args.work / name
    rmtree(work)
    work.mkdir(parents=True)
    a_dir, b_dir = work / "A", work / "B"
    info = prepare_in_child(name, k, args.seed, work)
    action_ids = info.pop("action_ids")
    res: dict[str, Any] = {"name": name, "k": k, "date": now(), "commit": machine()["commit"], "runs_requested": args.runs,
                           **info, "A": [], "B": []}
    say(f"{name}: {info['pages']} pages ({info['counts']}); generated in {info['generate_s']:.1f} s, "
        f"baseline in {info['prepare_baseline_s']:.1f} s")
    last: dict[str, Path] = {}
    for i in range(args.runs):
        for variant, d in (("A", a_dir), ("B", b_dir)):
            site = work / f"site-{variant}-{i}"
            forget_warm_state(d)
            m = timed_build(d / "mkdocs.yml", site, args.build_timeout)
            res[variant].append(m)
            summarise(res)
            checkpoint(res)
            say(f"  {name} run {i + 1} {variant}: {m['wall_s']:.2f} s wall, {m['cpu_s']:.2f} s CPU, "
                f"{m['peak_rss_bytes'] / 2**20:.0f} MiB" + ("" if m["returncode"] == 0 else f"  FAILED rc={m['returncode']}"))
            if m["returncode"] != 0:
                res["error"] = f"{variant} build failed (rc={m['returncode']}{', timed out' if m.get('timed_out') else ''}): " + m.get("log_tail", "")
                summarise(res)
                return res
            if variant in last:
                rmtree(last[variant])
            last[variant] = site
        if i == 0:  # the output is the same every run; measured at once, in case a time limit stops the rest
            res["output_A"] = output_metrics(last["A"], action_ids)
            res["output_B"] = output_metrics(last["B"], action_ids)
            res["A_vs_B_output"] = compare_outputs(last["A"], last["B"])
            checkpoint(res)
    rmtree(last["B"])
    if not args.skip_rebuild:
        # Warm rebuild, CLI: the same command again after one edit to a data file, into the existing site/,
        # with what the last build of A left (the search segmentation cache).
        sys.path.insert(0, str(BENCH))
        import generate

        generate.edit_one_translation(a_dir)
        m = timed_build(a_dir / "mkdocs.yml", last["A"], args.build_timeout)
        res["warm_cli_rebuild"] = m
        say(f"  {name} warm CLI rebuild: {m['wall_s']:.2f} s wall")
        # What `mkdocs serve` does on a change: same process, config reloaded, full build again.
        load = os.getloadavg()[0]
        proc = subprocess.run([sys.executable, str(BENCH / "inprocess.py"), "rebuild", str(a_dir / "mkdocs.yml"),
                               str(work / "site-serve"), str(a_dir)], cwd=a_dir, env=build_env(),
                              capture_output=True, text=True, timeout=args.build_timeout * 3 if args.build_timeout else None)
        if proc.returncode == 0:
            res["serve_rebuild"] = {**json.loads(proc.stdout.strip().splitlines()[-1]), "loadavg_1min_before": load}
            say(f"  {name} serve-style in-process rebuild: {res['serve_rebuild']['rebuild_wall_s']:.2f} s wall")
        else:
            res["serve_rebuild"] = {"error": proc.stderr[-2000:]}
        rmtree(work / "site-serve")
    if name == "real" and args.page_weight:
        res["page_weight"] = page_weight(last["A"], work)
        checkpoint(res)
    rmtree(last["A"])
    summarise(res)
    if not args.keep:
        rmtree(work)
    return res


def page_weight(site: Path, work: Path) -> dict[str, Any]:
    """bench/pageweight.py in its own process: what Chromium transfers for a first view, per page type."""
    if not Path("/usr/bin/chromium").exists():
        say("  page weight: skipped, /usr/bin/chromium is missing (`make test` as root installs it)")
        return {"error": "/usr/bin/chromium missing"}
    out = work / "pageweight.json"
    proc = subprocess.run([sys.executable, str(BENCH / "pageweight.py"), str(site), "--json", str(out)],
                          cwd=ROOT, env=build_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        say(f"  page weight failed: {proc.stderr.strip().splitlines()[-1:]}")
        return {"error": proc.stderr[-2000:]}
    pages: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    for n, r in pages.items():
        say(f"  page weight {n}: {r['bytes'] / 1000:.0f} KB ({r['bytes_gzip'] / 1000:.0f} KB gzip), "
            f"+ search index {r['search_index'] / 1000:.0f} KB ({r['search_index_gzip'] / 1000:.0f} KB gzip)")
    return {"pages": pages}


def summarise(res: dict[str, Any]) -> None:
    """Medians and A/B ratios of a dataset's runs (only successful pairs)."""
    pairs = [(a, b) for a, b in zip(res["A"], res["B"], strict=False) if a["returncode"] == 0 and b["returncode"] == 0]
    summary: dict[str, Any] = {"runs": len(pairs)}
    for variant in ("A", "B"):
        ok = [m for m in res[variant] if m["returncode"] == 0]
        if ok:
            summary[variant] = {key: statistics.median(m[key] for m in ok) for key in ("wall_s", "cpu_s", "peak_rss_bytes")}
            summary[variant]["pages_per_s"] = res["pages"] / summary[variant]["wall_s"]
    if pairs:
        summary["ab_wall_ratios"] = [a["wall_s"] / b["wall_s"] for a, b in pairs]
        summary["ab_cpu_ratios"] = [a["cpu_s"] / b["cpu_s"] for a, b in pairs]
        summary["ab_wall_ratio_median"] = statistics.median(summary["ab_wall_ratios"])
        summary["ab_cpu_ratio_median"] = statistics.median(summary["ab_cpu_ratios"])
    res["summary"] = summary


# -- machine, targets, report ---------------------------------------------------------------

def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def machine() -> dict[str, Any]:
    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        # Dirty means changed code or data; the benchmark's own outputs, written at every
        # checkpoint, would otherwise mark every dataset after the first as measured on a dirty tree.
        ours = [f":!{p.relative_to(ROOT)}" for p in (RESULTS, SITE_RAW, *SITE_PAGES.values())]
        status = subprocess.run(["git", "status", "--porcelain", "--", ".", *ours], cwd=ROOT, capture_output=True, text=True).stdout
        commit += "-dirty" if status.strip() else ""
    except OSError:
        commit = "?"
    return {
        "nproc": len(os.sched_getaffinity(0)), "cpu_count": os.cpu_count(), "cpu_model": first("/proc/cpuinfo", "model name"),
        "memory": first("/proc/meminfo", "MemTotal"), "platform": platform.platform(), "python": platform.python_version(),
        "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material"), "markdown": version("Markdown"),
        "jieba": version("jieba"), "loadavg_at_start": os.getloadavg(), "commit": commit,
    }


def targets(ds: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each target of the issue with the measured value and whether it is met (None: not measured)."""
    def summ(name: str, *keys: str) -> Any:
        v: Any = ds.get(name, {}).get("summary", {})
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        return v

    def out(name: str, key: str) -> Any:
        return ds.get(name, {}).get("output_A", {}).get(key)

    rows = []
    ratios = {n: summ(n, "ab_wall_ratio_median") for n in ds}
    ratios = {n: r for n, r in ratios.items() if r is not None}
    rows.append(("ab", ", ".join(f"{n}: {r:.2f}" for n, r in ratios.items()) or "–",
                 all(r <= 1.05 for r in ratios.values()) if ratios else None))
    t10, t100 = summ("10x", "A", "wall_s"), summ("100x", "A", "wall_s")
    rows.append(("scaling", f"{t100 / t10:.1f} ({t100:.0f} s / {t10:.1f} s)" if t10 and t100 else "–",
                 t100 / t10 <= 11 if t10 and t100 else None))
    rss = summ("100x", "A", "peak_rss_bytes")
    rows.append(("rss", f"{rss / 1e9:.2f} GB" if rss else "–", rss <= 1e9 if rss else None))
    h1, h100 = out("1x", "action_page_html_median_bytes"), out("100x", "action_page_html_median_bytes")
    rows.append(("action_html", f"{h100 / h1 - 1:+.1%} ({h100 / 1000:.1f} KB vs {h1 / 1000:.1f} KB)" if h1 and h100 else "–",
                 abs(h100 / h1 - 1) <= 0.10 if h1 and h100 else None))
    real = summ("real", "A", "wall_s")
    rows.append(("real_cold", f"{real:.2f} s" if real else "–", real <= 5 if real else None))
    gz = out("real", "search_index_gzip_bytes")
    rows.append(("search_gz", f"{gz / 1000:.0f} KB" if gz else "–", gz <= 250_000 if gz else None))
    weights = ds.get("real", {}).get("page_weight", {}).get("pages", {})
    action = [w for n, w in weights.items() if n.startswith("action")]
    worst = max(action, key=lambda w: w["bytes"], default=None)
    rows.append(("first_view", f"{worst['bytes'] / 1000:.0f} KB ({worst['bytes_gzip'] / 1000:.0f} KB gzipped); the search worker "
                 f"then fetches the search index, {worst['search_index'] / 1000:.0f} KB ({worst['search_index_gzip'] / 1000:.0f} KB gzipped)"
                 if worst else "–", worst["bytes"] <= 400_000 if worst else None))
    rebuilt = {n: d["serve_rebuild"]["rebuild_wall_s"] / b for n, d in ds.items()
               if "rebuild_wall_s" in d.get("serve_rebuild", {}) and (b := summ(n, "B", "wall_s"))}
    rows.append(("rebuild", ", ".join(f"{n}: {r:.2f}" for n, r in rebuilt.items()) or "–",
                 all(r <= 0.75 for r in rebuilt.values()) if rebuilt else None))
    desc = dict(TARGETS)
    return [{"key": k, "target": desc[k], "measured": m, "met": ok} for k, m, ok in rows]


def fmt_bytes(n: float | None) -> str:
    if n is None:
        return "–"
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n:.0f} B"


def report(results: dict[str, Any], raw: str = "") -> str:
    """The Markdown page: machine, method, the two tables, rebuilds, page weight, targets.

    ``raw`` is the relative link prefix to the published copies of results.json and the profile
    (the site's pages), or empty for bench/results/performance.md beside them.
    """
    m = results["machine"]
    ds = results["datasets"]
    order = [n for n in ("real", "1x", "10x", "100x") if n in ds] + sorted(n for n in ds if n not in ("real", "1x", "10x", "100x"))
    lines = [
        "# Build performance",
        "",
        f"Measured {results['date']} on {m['nproc']} CPUs ({m['cpu_model']}), {m['memory']} RAM, {m['platform']}; "
        f"Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['mkdocs-material']}, Python-Markdown {m['markdown']}, "
        f"jieba {m['jieba']}; commit `{m['commit']}`. Load average at start: {', '.join(f'{x:.2f}' for x in m['loadavg_at_start'])}.",
        "",
        "**A** is the site built with our plugin (`mkdocs build --strict`, a fresh process per build). **B** is the "
        "same pages as plain Markdown files in `docs_dir`, plus the plugin's export and redirect files as static files, "
        "with the plugin removed from `plugins`: the bare MkDocs + Material cost of the same output. The plugin writes "
        "its pages' bodies as HTML and hands them to MkDocs without Python-Markdown; B's files hold the very same "
        "front matter and HTML, the cheapest input Python-Markdown takes, which it must still parse. A and B alternate; each "
        "figure is the median of the runs (CPU = user + system time of the build process; RSS = its peak resident "
        "memory). *real* is our data; *k×* is `bench/generate.py` at scale k (goals ×√k, actions ×k, commentary, "
        "agencies and footnotes ×k), every unit rendered in Chinese and in English. Pages are MkDocs documentation "
        "pages (both language trees together; the short-ID redirect files are not pages).",
        "",
        "| dataset | pages | A wall | A CPU | A peak RSS | B wall | B CPU | B peak RSS | A pages/s | A/B wall per run | A/B wall median | A/B CPU median |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for n in order:
        d = ds[n]
        s = d.get("summary", {})
        a, b = s.get("A", {}), s.get("B", {})
        per = ", ".join(f"{r:.2f}" for r in s.get("ab_wall_ratios", [])) or "–"
        med = f"{s['ab_wall_ratio_median']:.2f}" if "ab_wall_ratio_median" in s else "–"
        cmed = f"{s['ab_cpu_ratio_median']:.2f}" if "ab_cpu_ratio_median" in s else "–"
        note = " (failed)" if "error" in d else ""
        lines.append(
            f"| {n}{note} | {d.get('pages', '–')} | {_s(a.get('wall_s'))} | {_s(a.get('cpu_s'))} | {fmt_bytes(a.get('peak_rss_bytes'))} "
            f"| {_s(b.get('wall_s'))} | {_s(b.get('cpu_s'))} | {fmt_bytes(b.get('peak_rss_bytes'))} "
            f"| {a['pages_per_s']:.0f} | {per} | {med} | {cmed} |" if a else f"| {n}{note} | {d.get('pages', '–')} |" + " – |" * 10
        )
    lines += [
        "",
        "Output of A. Search indexes: one per language tree (our plugin splits Material's), raw / gzip -6; B has "
        "Material's single combined index. Action page = `plan/<action>/index.html` (Chinese tree) and "
        "`en/plan/<action>/index.html`, median.",
        "",
        "| dataset | runs | site/ size | files | search index zh | search index en | B: combined index | median action page zh | en |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def idx(o: dict[str, Any], lang: str) -> str:
        i = o.get("search_indexes", {}).get(lang)
        return f"{fmt_bytes(i['bytes'])} / {fmt_bytes(i['gzip_bytes'])}" if i else "–"

    for n in order:
        d = ds[n]
        o, ob = d.get("output_A", {}), d.get("output_B", {})
        lines.append(f"| {n} | {d.get('summary', {}).get('runs', 0)} | {fmt_bytes(o.get('site_bytes'))} | {o.get('site_files', '–')} "
                     f"| {idx(o, 'zh')} | {idx(o, 'en')} | {idx(ob, 'zh')} "
                     f"| {fmt_bytes(o.get('action_page_html_median_bytes'))} | {fmt_bytes(o.get('action_page_html_median_bytes_en'))} |")
    lines += [
        "",
        "Rebuilds after one edit to a data file (a translated text in `data/translations/zh/I.yaml` gains a word). "
        "MkDocs has no incremental build: *warm CLI* is the same full `mkdocs build` again, into the existing site "
        "folder, with what the last build of A left behind: the plugin's search segmentation cache (option "
        "`search_cache`, not used above `pack_above` pages), so jieba segments only the edited text. *serve-style* is "
        "what `mkdocs serve` does on a change: in the same process, after a cold first build, reload the config and "
        "build everything again (imports and compiled templates are loaded already). B, the bare toolchain, has "
        "nothing to keep between builds; its cold median is the yardstick.",
        "",
        "| dataset | A cold (median) | B cold (median) | warm CLI rebuild | serve-style in-process rebuild | serve-style / B |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for n in order:
        d = ds[n]
        cold = d.get("summary", {}).get("A", {}).get("wall_s")
        cold_b = d.get("summary", {}).get("B", {}).get("wall_s")
        warm = d.get("warm_cli_rebuild", {}).get("wall_s")
        serve = d.get("serve_rebuild", {}).get("rebuild_wall_s")
        ratio = f"{serve / cold_b:.2f}" if serve and cold_b else "–"
        lines.append(f"| {n} | {_s(cold)} | {_s(cold_b)} | {_s(warm)} | {_s(serve)} | {ratio} |")
    weights = ds.get("real", {}).get("page_weight", {}).get("pages")
    if weights:
        lines += [
            "",
            "Page weight of the real site: what Chromium transfers for a first view from a cold cache (cache disabled; "
            "`bench/pageweight.py`, every response counted). *As served* is the bytes of the files, as a plain static "
            "server sends them; *gzip* is what a host that compresses text (GitHub Pages does) sends. Material's search "
            "worker fetches the search index of the page's language right after the page has loaded; it is counted apart.",
            "",
            "| page | requests | HTML, CSS, JS, fonts, images (as served) | same, gzip | + search index (as served) | + search index, gzip |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for n, r in weights.items():
            lines.append(f"| {n} | {r['requests']} | {fmt_bytes(r['bytes'])} | {fmt_bytes(r['bytes_gzip'])} "
                         f"| {fmt_bytes(r['search_index'])} | {fmt_bytes(r['search_index_gzip'])} |")
    lines += ["", "Targets of the issue (reported, not enforced):", "", "| target | measured | met |", "|---|---|---|"]
    for t in results.get("targets", []):
        met = {True: "yes", False: "**no**", None: "not measured"}[t["met"]]
        lines.append(f"| {t['target']} | {t['measured']} | {met} |")
    notes = []
    for n in order:
        d = ds[n]
        if "error" in d:
            notes.append(f"- {n}: {d['error'].strip().splitlines()[0] if d['error'].strip() else 'failed'}")
        cmp_ = d.get("A_vs_B_output")
        if cmp_:
            only = ", ".join(f"`{f}`" for f in cmp_["only_in_A"][:3])
            notes.append(f"- {n}: B's output has {cmp_['n_only_in_A']} files fewer ({only or 'none'}) and {cmp_['n_only_in_B']} more than A's; "
                         f"{cmp_['shared_files_with_other_size']} shared files differ in size (edit links: A's point at the "
                         f"data file, B's at the page; B's pages have no table of contents, as Python-Markdown sees no "
                         f"headings in HTML); {fmt_bytes(cmp_['bytes_A'])} vs {fmt_bytes(cmp_['bytes_B'])}. "
                         f"Pages differing from the plugin's own: {d.get('pages_differing_from_plugin', '?')}.")
        if d.get("commit") and d["commit"] != m["commit"]:
            notes.append(f"- {n}: measured {d.get('date', '?')} at commit `{d['commit']}`.")
        loads = [b["loadavg_1min_before"] for v in ("A", "B") for b in d.get(v, []) if "loadavg_1min_before" in b]
        if loads:
            notes.append(f"- {n}: 1-minute load average before the builds: {min(loads):.1f} to {max(loads):.1f} "
                         f"(on {m['nproc']} CPUs; above ~1 other work was competing and wall times are inflated, CPU times less so).")
        if d.get("runs_requested") and d.get("summary", {}).get("runs", 0) < d["runs_requested"]:
            notes.append(f"- {n}: {d['summary'].get('runs', 0)} of {d['runs_requested']} runs completed.")
    if notes:
        lines += ["", "Notes:", "", *notes]
    if raw:
        lines += ["", f"Raw numbers: [results.json]({raw}results.json); profile of one 10× build: "
                  f"[profile-10x.txt]({raw}profile-10x.txt) (both also in `bench/results/` of the repository).", ""]
    else:
        lines += ["", "Raw numbers: `bench/results/results.json`; profile of one 10× build: `bench/results/profile-10x.txt`.", ""]
    return "\n".join(lines)


def _s(x: float | None) -> str:
    return f"{x:.2f} s" if isinstance(x, (int, float)) else "–"


# The site's performance page, in both language trees, and the raw files it links to (static files).
SITE_PAGES = {"zh": ROOT / "content" / "performance.md", "en": ROOT / "content" / "en" / "performance.md"}
SITE_RAW = ROOT / "content" / "assets" / "bench"
ZH_PREAMBLE = ("本页由基准测试（`make bench`，见 `bench/`）自动生成，记录本站构建的耗时、内存与页面体积。"
               "以下数据与说明为英文原文，未经翻译。")


def site_page(results: dict[str, Any], lang: str) -> str:
    """The performance page of one language tree, front matter as on the other authored pages.

    The Chinese page carries the English report inside ``lang="en"``, so screen readers and the
    search index treat it as English; an untranslated report is better than a paraphrased one.
    """
    if lang == "en":
        body = report(results, raw="../assets/bench/").split("\n", 2)[2]  # below its "# Build performance"
        return f"---\ntitle: Build performance\nlang: en\nalternate: performance/\n---\n\n# Build performance {{ #performance }}\n\n{body}"
    body = report(results, raw="assets/bench/").split("\n", 2)[2]
    return (f"---\ntitle: 构建性能\nlang: zh\nalternate: en/performance/\n---\n\n# 构建性能 {{ #performance }}\n\n{ZH_PREAMBLE}\n\n"
            f'<div lang="en" markdown>\n\n{body}\n</div>\n')


def write_results(results: dict[str, Any], out: Path) -> None:
    results["targets"] = targets(results["datasets"])
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "performance.md").write_text(report(results), encoding="utf-8")


def write_site_pages(out: Path) -> None:
    """Publish the results in the site: the page in both trees, results.json and the profile beside it."""
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    SITE_RAW.mkdir(parents=True, exist_ok=True)
    for name in ("results.json", "profile-10x.txt"):
        if (out / name).exists():
            shutil.copyfile(out / name, SITE_RAW / name)
    for lang, path in SITE_PAGES.items():
        path.write_text(site_page(results, lang), encoding="utf-8")


def say(msg: str) -> None:
    print(msg, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", default="1,10,100", help="comma-separated scale factors (default 1,10,100)")
    ap.add_argument("--runs", type=int, default=3, help="builds of A and of B per dataset (default 3)")
    ap.add_argument("--no-real", action="store_true", help="skip the real data")
    ap.add_argument("--skip-rebuild", action="store_true", help="skip the warm and serve-style rebuilds")
    ap.add_argument("--profile", default="10", help="scale factor to profile in-process (default 10; 'none' to skip)")
    ap.add_argument("--build-timeout", type=float, default=None, help="kill a build after this many seconds")
    ap.add_argument("--quiet-builds", action="store_true", help="pass -q to mkdocs (which, in MkDocs 1.6, also disables --strict)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=RESULTS, help="results folder (default bench/results)")
    ap.add_argument("--work", type=Path, default=RESULTS / "tmp", help="scratch folder (default bench/results/tmp)")
    ap.add_argument("--fresh", action="store_true", help="forget earlier results instead of merging them")
    ap.add_argument("--keep", action="store_true", help="keep the generated datasets in the scratch folder")
    ap.add_argument("--no-site", action="store_true", help="do not write the site's performance pages (content/performance.md, content/en/…)")
    ap.add_argument("--page-weight", action=argparse.BooleanOptionalAction, default=True,
                    help="measure what a browser transfers for the real site's first views (needs /usr/bin/chromium)")
    ap.add_argument("--_prepare", nargs=5, help=argparse.SUPPRESS)  # internal: prepare_in_child
    args = ap.parse_args(argv)
    if args._prepare:
        name, k, seed, work, out = args._prepare
        info = prepare(name, None if k == "none" else float(k), int(seed), Path(work))
        Path(out).write_text(json.dumps(info), encoding="utf-8")
        return 0
    args.work = args.work.resolve()
    if args.quiet_builds:
        QUIET.append("-q")
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]

    previous = args.out / "results.json"
    results: dict[str, Any] = {"datasets": {}}
    if previous.exists() and not args.fresh:
        results = json.loads(previous.read_text(encoding="utf-8"))
    results["machine"] = machine()
    results["date"] = now()
    plan: list[tuple[str, float | None]] = ([] if args.no_real else [("real", None)]) + [(f"{k:g}x", k) for k in sizes]
    for name, k in plan:
        def checkpoint(res: dict[str, Any], name: str = name) -> None:
            results["datasets"][name] = res
            write_results(results, args.out)

        checkpoint(bench_dataset(name, k, args, checkpoint))
    if args.profile != "none":
        k = float(args.profile)
        d = args.work / f"profile-{k:g}x"
        rmtree(d)
        subprocess.run([sys.executable, str(BENCH / "generate.py"), f"{k:g}", str(d), "--seed", str(args.seed), "--no-check"],
                       cwd=ROOT, env=build_env(), check=True, stdout=subprocess.DEVNULL)
        say(f"profiling one {k:g}× build in-process …")
        subprocess.run([sys.executable, str(BENCH / "inprocess.py"), "profile", str(d / "mkdocs.yml"), str(d / "site"),
                        str(args.out / f"profile-{k:g}x.txt")], cwd=d, env=build_env(), check=True)
        rmtree(d)
    write_results(results, args.out)
    if not args.no_site:
        write_site_pages(args.out)
        say(f"wrote {SITE_PAGES['zh'].relative_to(ROOT)} and {SITE_PAGES['en'].relative_to(ROOT)} (run `make urls` once, to register them)")
    for t in results["targets"]:
        met = {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
        say(f"target: {t['target']}: {t['measured']} -> {met}")
    say(f"wrote {args.out / 'results.json'} and {args.out / 'performance.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
