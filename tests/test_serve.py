"""``make serve`` (actionplan serve): both languages, the last good site kept when data breaks,
the problem shown in the page, and a reload once it is fixed."""

from __future__ import annotations

import json
import threading
import urllib.request
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from actionplan import serve

# slow: `actionplan serve` builds the tiny fixture in both languages, then again.
pytestmark = pytest.mark.slow


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.status, r.read().decode("utf-8")


def test_serve_keeps_the_last_good_site_and_shows_the_problem(tiny: Path) -> None:
    preview = serve.Preview(tiny, "mkdocs")
    preview.rebuild()
    assert preview.version == 1 and preview.error is None, preview.error
    handler = partial(type("H", (serve.Handler,), {"preview": preview}))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        status, zh = get(base + "plan/I.1.1/")
        assert status == 200 and "行动 I.1.1" in zh and serve.STATE in zh  # the reload script, added by this server only
        status, en = get(base + "en/plan/I.1.1/")
        assert status == 200 and "Action I.1.1" in en
        assert serve.STATE not in (preview.site / "plan" / "I.1.1" / "index.html").read_text(encoding="utf-8")  # type: ignore[operator]

        before = serve.fingerprint(tiny)
        pillar = tiny / "data" / "pillars" / "I.yaml"
        good = pillar.read_text(encoding="utf-8")
        pillar.write_text(good.replace("lead: [OSTP]", "lead: [OSPT]"), encoding="utf-8")
        assert serve.fingerprint(tiny) != before
        preview.rebuild()
        state = json.loads(get(base + serve.STATE.lstrip("/"))[1])
        assert state["version"] == 1 and "unknown agency 'OSPT'" in state["error"]
        assert "data/pillars/I.yaml:" in state["error"]
        status, still = get(base + "plan/I.1.1/")
        assert status == 200 and "行动 I.1.1" in still  # the last good site

        pillar.write_text(good, encoding="utf-8")
        preview.rebuild()
        state = json.loads(get(base + serve.STATE.lstrip("/"))[1])
        assert state == {"version": 2, "error": None}
    finally:
        httpd.shutdown()
