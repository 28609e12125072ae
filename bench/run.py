"""The build benchmark (``make bench``): what the plugin costs, measured side by side.

* **A**: the edition as ``make build`` makes it with MkDocs: both language builds
  (``mkdocs.yml``, ``mkdocs.en.yml``), our plugin generating the pages.
* **B**: the very same pages written out by ``actionplan generate`` and built by MkDocs with
  no plugin at all: what the pages cost if a person had written them as plain Markdown.

A and B alternate (A B A B …) so that drift in the machine's speed hits both alike; each build
is a fresh process, timed by wall clock and by CPU (user + system, from ``os.wait4``). The
median of the per-pair ratios is reported, for wall time and CPU, beside the issue's target
(A/B wall ≤ 1.25), printed and never asserted. Then Zensical builds the generated folder cold
(``--clean``) and warm (again, nothing changed), next to MkDocs' times for the same folder.

    .venv/bin/python bench/run.py            # 5 pairs
    .venv/bin/python bench/run.py --runs 3

Results: bench/results/results.json and bench/results/performance.md, and the site's
performance page (content/performance.md, content/en/performance.md), out of the reader's menu.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
TMP = RESULTS / "tmp"
TARGET = 1.25
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
        a.append(edition(mkdocs, ROOT, TMP / f"a{i}", ("--strict",)))
        b.append(edition(mkdocs, gen, TMP / f"b{i}", ("--strict",)))
        print(f"pair {i + 1}: A {a[-1][0]:.2f} s wall / {a[-1][1]:.2f} s CPU, B {b[-1][0]:.2f} s / {b[-1][1]:.2f} s", flush=True)
    wall_ratios = [x[0] / y[0] for x, y in zip(a, b, strict=True)]
    cpu_ratios = [x[1] / y[1] for x, y in zip(a, b, strict=True)]
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
        "zensical": zs, "target": TARGET,
    }


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
    v = r["versions"]
    m = r["machine"]
    where = (f"测量于 {r['measured']}，提交 `{r['commit']}`；{m['cpus']} 个 CPU（{m['processor']}），Python {m['python']}；"
             if zh else f"Measured {r['measured']} at commit `{r['commit']}` on {m['cpus']} CPUs ({m['processor']}), Python {m['python']}; ")
    where += ", ".join(f"{k} {val}" for k, val in v.items()) + f"; {r['pages']} " + ("个页面源文件。" if zh else "page sources.")
    return f"{where}\n\n{head}\n{body}\n\n{summary}\n"


PAGE = {
    "zh": ("构建性能", "本页供维护者参考，不在读者菜单中。数字由 `make bench` 生成（bench/run.py），请勿手工编辑。"),
    "en": ("Build performance", "For maintainers; not in the reader's menu. The numbers are written by `make bench` (bench/run.py); do not edit them by hand."),
}


def page(r: dict[str, Any], lang: str) -> str:
    title, note = PAGE[lang]
    return f"---\ntitle: {title}\nsearch:\n  exclude: true\n---\n\n# {title} {{ #performance }}\n\n{note}\n\n{table(r, lang)}"


def write(r: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "results.json").write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / "performance.md").write_text(page(r, "en"), encoding="utf-8")
    (ROOT / "content" / "performance.md").write_text(page(r, "zh"), encoding="utf-8")
    (ROOT / "content" / "en" / "performance.md").write_text(page(r, "en"), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    r = run(args.runs)
    write(r)
    print(table(r, "en"))


if __name__ == "__main__":
    main()
