"""The Nu Html Checker (vnu.jar, the W3C validator's engine) on a sample of built pages.

Every error must be one the theme's own markup causes (Material's drawer and search toggles carry
``autocomplete`` on checkboxes; its table-of-contents title is a label for a toggle it hides):
those are listed here by message and element, so an error that our templates cause fails the test.
``make test`` fetches the pinned checker (npm's vnu-jar) into .venv; it needs Java 11 or newer.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

# slow: the real site, built whole, then the Nu Html Checker on Java.
pytestmark = pytest.mark.slow

VNU = Path(os.environ["VNU_JAR"]) if os.environ.get("VNU_JAR") else max(
    (ROOT / ".venv").glob("vnu-*/package/build/dist/vnu.jar"), default=ROOT / ".venv" / "vnu-missing" / "vnu.jar")
SAMPLE = ["", "plan/intro/", "plan/I/", "plan/I.3/", "plan/I.3.5/", "plan/footnotes/", "commentary/", "commentary/C19/",
          "commentary/coverage/", "agencies/", "agencies/OSTP/", "ids/", "changelog/", "open-data/", "plan/whole/"]
# (message, the start of the offending element's source), as the theme prints them.
THEIRS = [
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
     re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"')),
    (re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control"),
     re.compile(r'<label class="md-nav__title" for="__toc">')),
]


def theirs(message: dict[str, object], source: str) -> bool:
    return any(m.search(str(message.get("message", ""))) and e.search(source) for m, e in THEIRS)


def test_no_checker_error_comes_from_our_templates(site: Path) -> None:
    java = shutil.which("java")
    assert java, "the HTML check needs Java 11+ (apt-get install default-jre-headless)"
    assert VNU.is_file(), f"missing {VNU}: run make test (it fetches npm's vnu-jar), or set VNU_JAR"
    files = [site / p / "index.html" for p in SAMPLE] + [site / "en" / p / "index.html" for p in SAMPLE]
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout or "{}")
    ours = []
    for m in report.get("messages", []):
        if m.get("type") != "error":
            continue
        path = Path(str(m.get("url", "")).removeprefix("file:"))
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        line = int(m.get("lastLine", 0) or 0)
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        if not theirs(m, source):
            ours.append(f"{path.relative_to(site) if path.is_relative_to(site) else path}:{line}: {m.get('message')}")
    assert report.get("messages") is not None, result.stderr[-2000:]
    assert not ours, "\n".join(ours)
