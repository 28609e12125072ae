"""No input may put script into a reader's page (issue #9): hostile data, built, inspected, run."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import run_build

# slow: the tiny fixture, poisoned, built with `actionplan build`.
pytestmark = pytest.mark.slow

PAYLOADS = [
    '<script>window.__pwned=1</script>',
    '<img src=x onerror="window.__pwned=2">',
    '[click](javascript:window.__pwned=3)',
    '<a href="javascript:window.__pwned=4">a</a>',
    '{: onclick="window.__pwned=5" }',
    '"><svg onload=window.__pwned=6>',
    '</title><script>window.__pwned=7</script>',
    '![x](x" onerror="window.__pwned=8)',
    '<iframe src="javascript:window.__pwned=9"></iframe>',
    '*emph* **bold** `code` # heading',
]
HOSTILE = " ".join(PAYLOADS)
SHORT = " ".join([PAYLOADS[0], PAYLOADS[1], PAYLOADS[3], PAYLOADS[6]])  # titles and names are at most 300 characters


def poison(root: Path) -> None:
    """Put every payload into every kind of text field, keeping the data otherwise valid."""
    def edit(rel: str, old: str, new: str) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    q = HOSTILE.replace("'", "''")
    short = SHORT.replace("'", "''")
    edit("data/pillars/II.yaml", "text: Stabilize the grid of today as much as possible.", f"text: '{q}'")
    edit("data/pillars/II.yaml", "title: Develop a Grid to Match the Pace of AI Innovation", f"title: '{short}'")
    edit("data/pillars/II.yaml", "- The U.S. electric grid is one of the largest and most complex machines on Earth.", f"- '{q}'")
    edit("data/footnotes.yaml", "text: Executive Order 14110 of October 30, 2023.", f"text: '{q}'")
    edit("data/agencies.yaml", "name: Federal Trade Commission", f"name: 'Federal Trade Commission {short}'")
    edit("data/translations/zh/II.yaml", "text: 尽可能稳定现有电网。", f"text: '电网 {q}'")
    edit("data/translations/zh/II.yaml", "title: 建设与人工智能创新步伐相匹配的电网", f"title: '电网 {short}'")
    edit("data/translations/zh/plan.yaml", "FTC: 联邦贸易委员会", f"FTC: '联邦贸易委员会 {short}'")
    # The index's name, as the first mention of the acronym must give it (and as abbr.py puts it in a title).
    edit("data/translations/zh/I.yaml", "text: 审查联邦贸易委员会（FTC）的所有调查。", f"text: '审查联邦贸易委员会 {short}（FTC）的所有调查。'")
    edit("content/commentary/C03.md", "电网是风险所在。", f"电网是风险所在。{HOSTILE}")
    edit("content/commentary/C03.md", "en: The grid is a risk.", f"en: '{q}'")
    edit("content/commentary/C02.md", "  en: Attached to I.1.1 because it paraphrases it.", f"  en: '{q}'")
    edit("content/commentary/C02.md", "  zh: 挂接于 I.1.1，因为它转述了该行动。", f"  zh: '挂接 {q}'")
    edit("data/pillars/I.yaml", "en: A note of ours.,", f"en: '{q}',")


class Executable(HTMLParser):
    """Finds payload text in places a browser would execute: script bodies, handlers, URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_script = False
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name.startswith("on") and "__pwned" in v:
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "data") and v.startswith("javascript:"):
                self.found.append(f"<{tag} {name}={v[:40]}>")
        if tag in ("script", "iframe", "svg") and any("__pwned" in (v or "") for _, v in attrs):
            self.found.append(f"<{tag}> with payload")
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "__pwned" in data:
            self.found.append("payload inside <script>")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from .conftest import TINY

    root = tmp_path_factory.mktemp("hostile") / "tiny"
    shutil.copytree(TINY, root)
    poison(root)
    result = run_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_hostile_text_is_published_as_text_never_as_markup(hostile_site: Path) -> None:
    pages = [p for p in hostile_site.rglob("*.html")]
    found = []
    for page in pages:
        parser = Executable()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(hostile_site)}: {f}" for f in parser.found]
    assert not found, "\n".join(found[:20])
    action = (hostile_site / "plan" / "II.1.1" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in action  # shown to the reader, as text
    assert "<em>emph</em>" not in action and "<strong>bold</strong>" not in action


def test_hostile_titles_do_not_break_out_of_the_head(hostile_site: Path) -> None:
    goal = (hostile_site / "plan" / "II.1" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", goal, re.S)
    assert title and "<script" not in title.group(1)
    assert goal.count("<title>") == 1


@pytest.mark.browser
def test_no_script_runs_in_a_real_browser(hostile_site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(hostile_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    dialogs: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in ["plan/II.1.1/", "plan/II.1/", "plan/II/", "plan/footnotes/", "agencies/FTC/", "agencies/",
                     "commentary/C03/", "commentary/C02/", "commentary/", "en/plan/II.1.1/", "en/commentary/C03/", "plan/I.1.2/", ""]:
            page.goto(base + path, wait_until="networkidle")
            assert page.evaluate("typeof window.__pwned") == "undefined", path
    finally:
        context.close()
        httpd.shutdown()
    assert not dialogs
