"""The PDF benchmark (``make bench``, or alone: ``.venv/bin/python bench/pdf_bench.py``): the two ways
to print the whole-plan page (plan/whole/, both languages) to a PDF, measured on the real site.

* **WeasyPrint** (what ``actionplan pdf`` uses, ``plugins/actionplan/pdf.py``): CSS paged media
  (``target-counter`` page numbers in the contents, ``string-set`` running headers,
  ``bookmark-level`` bookmarks), each run a fresh process.
* **Chromium** (Debian's /usr/bin/chromium through Playwright's ``page.pdf``): bookmarks from the
  headings (``outline``), its own header and footer templates for the version and page numbers;
  no ``target-counter``, so the contents has no page numbers. Requests to other hosts are refused.

For each: wall and CPU seconds, bytes, pages, bookmarks, whether every font is embedded and whether
the contents shows page numbers; beside one ``actionplan build`` (both languages) on the same
machine, to say what the PDFs cost against the build. Prints a table; writes bench/results/pdf.json.

    .venv/bin/python bench/pdf_bench.py [--site DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(ROOT / "plugins"))

from actionplan import paths  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

_CHROMIUM_SCRIPT = r"""
import sys
from pathlib import Path
from playwright.sync_api import sync_playwright
page_file, out, version = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
with sync_playwright() as p:
    b = p.chromium.launch(executable_path=sys.argv[4], args=sys.argv[5:])
    pg = b.new_page()
    pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    pg.goto(page_file.as_uri(), wait_until="load")
    pg.emulate_media(media="print")
    small = '<div style="font-size:8px;width:100%;padding:0 18mm;color:#555">'
    pg.pdf(path=out, format="A4", outline=True, tagged=True, print_background=False, display_header_footer=True,
           header_template=small + version + "</div>",
           footer_template=small + '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
           margin={"top": "22mm", "bottom": "20mm", "left": "18mm", "right": "18mm"})
    b.close()
"""


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT / "plugins")
    e.setdefault("NO_MKDOCS_2_WARNING", "1")
    return e


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system, the process and its children) seconds of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime


def inspect(pdf: Path) -> dict[str, Any]:
    """Pages, bookmarks, embedded fonts and whether the contents page numbers its entries."""
    from pypdf import PdfReader

    r = PdfReader(pdf)

    def count(items: list[Any]) -> int:
        return sum(count(x) if isinstance(x, list) else 1 for x in items)

    fonts: dict[str, bool] = {}
    type3 = 0
    for page in r.pages:
        for f in (page["/Resources"].get("/Font") or {}).values():
            f = f.get_object()
            if f.get("/Subtype") == "/Type3":  # glyphs drawn by the PDF itself: nothing to embed
                type3 += 1
                continue
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            d = desc.get_object() if desc is not None else {}
            fonts[str(f["/BaseFont"])] = any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    toc = "".join(r.pages[i].extract_text() for i in range(1, min(5, len(r.pages))))
    numbered = len(re.findall(r"(?:\. ){3,}\.?\s*\d+", toc))
    return {"bytes": pdf.stat().st_size, "pages": len(r.pages), "bookmarks": count(r.outline),
            "fonts": len(fonts), "type3_fonts": type3, "fonts_embedded": all(fonts.values()), "cjk_font": any("CJK" in f for f in fonts),
            "toc_page_numbers": numbered}


def measure(site: Path | None = None, runs: int = 1) -> dict[str, Any]:
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        build_wall, build_cpu = timed([py, "-m", "actionplan.cli", "build", "-d", str(Path(tmp) / "site")])
        site = site or Path(tmp) / "site"
        version = json.loads((site / "export" / "plan.json").read_text())["dataset_version"]
        out: dict[str, Any] = {"measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "runs": runs,
                               "build": {"wall": build_wall, "cpu": build_cpu}, "tools": {}}
        for tool in ("weasyprint", "chromium"):
            per: dict[str, Any] = {}
            for lang in paths.LANGS:
                pdf = Path(tmp) / f"{tool}-{lang}.pdf"
                page = site / paths.site_path(paths.WHOLE, lang) / "index.html"
                if tool == "weasyprint":
                    cmd = [py, "-c", "import sys; from pathlib import Path; from actionplan import pdf; "
                           "pdf.render(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))", str(site), lang, str(pdf)]
                else:
                    cmd = [py, "-c", _CHROMIUM_SCRIPT, str(page), str(pdf), f"version {version}", CHROMIUM, *ARGS]
                times = [timed(cmd) for _ in range(runs)]
                per[lang] = {"wall": statistics.median(t[0] for t in times), "cpu": statistics.median(t[1] for t in times),
                             **inspect(pdf)}
            per["wall_both"] = sum(per[lang]["wall"] for lang in paths.LANGS)
            per["over_build"] = per["wall_both"] / build_wall
            out["tools"][tool] = per
    return out


def table(r: dict[str, Any]) -> str:
    rows = ["| tool | lang | wall s | CPU s | KB | pages | bookmarks | fonts embedded (FontFile*) | Type3 font resources (summed over pages) | CJK font file | "
            "contents entries with page numbers |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: |"]
    for tool, per in r["tools"].items():
        for lang in paths.LANGS:
            x = per[lang]
            rows.append(f"| {tool} | {lang} | {x['wall']:.1f} | {x['cpu']:.1f} | {x['bytes'] / 1024:.0f} | {x['pages']} | "
                        f"{x['bookmarks']} | {'yes' if x['fonts_embedded'] else 'NO'} ({x['fonts']}) | {x.get('type3_fonts', 0)} | "
                        f"{'yes' if x['cjk_font'] else 'no'} | {x['toc_page_numbers']} |")
    b = r["build"]
    rows.append("")
    rows.append(f"One `actionplan build` (both languages): {b['wall']:.1f} s wall, {b['cpu']:.1f} s CPU. "
                "(Chromium's CPU counts only what its processes report back when reaped: compare wall times.)")
    for tool, per in r["tools"].items():
        rows.append(f"{tool}: both PDFs {per['wall_both']:.1f} s wall = {per['over_build']:.2f}× the build.")
    return "\n".join(rows)


def write(r: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "pdf.json").write_text(json.dumps(r, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--site", type=Path, default=None, help="a built site to print (default: build one first)")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    r = measure(args.site, args.runs)
    write(r)
    print(table(r))


if __name__ == "__main__":
    main()
