"""In-process builds for the benchmark: a cProfile of one build, and a ``mkdocs serve``-style rebuild.

Why a separate script: both must run in a fresh interpreter (a profile of the benchmark driver, or a
rebuild in a process that already imported everything for other reasons, would measure the wrong
thing), so ``run.py`` starts this file as a subprocess:

    python bench/inprocess.py profile CONFIG SITE_DIR OUT.txt
    python bench/inprocess.py rebuild CONFIG SITE_DIR PROJECT   # prints JSON timings
"""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import sys
import sysconfig
import time
from pathlib import Path
from typing import Any

# (file suffix, function): the phases worth naming in the profile summary.
PHASES = [
    ("mkdocs/commands/build.py", "build", "whole build"),
    ("actionplan/plugin.py", "on_files", "our plugin: load, validate, render pages, export, redirects"),
    ("actionplan/site.py", "load_all", "  load + validate + index the data"),
    ("actionplan/render.py", "all_pages", "  render the pages (Jinja)"),
    ("actionplan/plugin.py", "_redirects", "  short-ID redirect pages"),
    ("mkdocs/structure/files.py", "get_files", "MkDocs: scan docs_dir"),
    ("mkdocs/structure/nav.py", "get_navigation", "MkDocs: navigation"),
    ("mkdocs/commands/build.py", "_populate_page", "MkDocs: read + convert Markdown to HTML (all pages)"),
    ("markdown/core.py", "convert", "  Python-Markdown convert"),
    ("mkdocs/commands/build.py", "_build_page", "MkDocs: render theme templates + write HTML (all pages)"),
    ("jinja2/environment.py", "render", "  Jinja render (theme templates and ours)"),
    ("material/plugins/search/plugin.py", "on_page_context", "search: index each page"),
    ("material/plugins/search/plugin.py", "_segment_chinese", "  search: jieba Chinese segmentation"),
    ("material/plugins/search/plugin.py", "on_post_build", "search: write search_index.json"),
    ("mkdocs/structure/files.py", "copy_static_files", "MkDocs: copy static files"),
]


def _load(config: Path, site_dir: Path) -> Any:
    from mkdocs.config import load_config

    return load_config(str(config), site_dir=str(site_dir), strict=True)


def _shorten(text: str) -> str:
    """Paths relative to site-packages or the repository, so the profile reads well."""
    for prefix in (sysconfig.get_paths()["purelib"] + "/", str(Path(__file__).resolve().parents[1]) + "/"):
        text = text.replace(prefix, "")
    return text


def profile(config: Path, site_dir: Path, out: Path) -> None:
    """cProfile ``mkdocs.commands.build.build`` on ``config``; write the top 40 by cumulative and by own time."""
    from mkdocs.commands.build import build

    cfg = _load(config, site_dir)
    cfg.plugins.on_startup(command="build", dirty=False)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    try:
        build(cfg)
    finally:
        prof.disable()
        cfg.plugins.on_shutdown()
    wall = time.perf_counter() - t0
    stats = pstats.Stats(prof)
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = max((ct for (f, _, fn), (_, _, _, ct, _) in table.items() if f.endswith("mkdocs/commands/build.py") and fn == "build"),
                default=wall)
    buf = io.StringIO()
    buf.write(f"cProfile of mkdocs.commands.build.build for {config}\n")
    buf.write(f"wall time under the profiler: {wall:.1f} s (cProfile slows Python code down, roughly 1.5-2x; "
              "read the shares, not the absolute times)\n\n")
    buf.write("Phases (cumulative time, share of the whole build):\n")
    for suffix, name, label in PHASES:
        ct = sum(v[3] for (f, _, fn), v in table.items() if f.endswith(suffix) and fn == name)
        if ct:
            buf.write(f"  {ct:8.2f} s  {100 * ct / total:5.1f} %  {label}  [{suffix}:{name}]\n")
    for key, title in (("cumulative", "Top 40 by cumulative time"), ("tottime", "Top 40 by total (own) time")):
        buf.write(f"\n\n===== {title} =====\n")
        s = pstats.Stats(prof, stream=buf)
        s.sort_stats(key).print_stats(40)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_shorten(buf.getvalue()), encoding="utf-8")


def rebuild(config: Path, site_dir: Path, project: Path) -> dict[str, float]:
    """What ``mkdocs serve`` does on a change: one process, a cold build, one edit to a data file
    (``generate.edit_one_translation``), then reload the config and build again."""
    from mkdocs.commands.build import build

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import generate
    from run import forget_warm_state

    forget_warm_state(project)

    cfg = _load(config, site_dir)
    cfg.plugins.on_startup(command="serve", dirty=False)
    t0, c0 = time.perf_counter(), time.process_time()
    build(cfg)
    first_wall, first_cpu = time.perf_counter() - t0, time.process_time() - c0
    generate.edit_one_translation(project)
    t0, c0 = time.perf_counter(), time.process_time()
    cfg = _load(config, site_dir)
    build(cfg)
    again_wall, again_cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"first_wall_s": first_wall, "first_cpu_s": first_cpu, "rebuild_wall_s": again_wall, "rebuild_cpu_s": again_cpu}


def main(argv: list[str]) -> int:
    try:
        if len(argv) == 4 and argv[0] == "profile":
            profile(Path(argv[1]), Path(argv[2]), Path(argv[3]))
            return 0
        if len(argv) == 4 and argv[0] == "rebuild":
            print(json.dumps(rebuild(Path(argv[1]), Path(argv[2]), Path(argv[3]))))
            return 0
    except Exception as e:  # MkDocs' Abort prints nothing by itself outside its CLI
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
