"""``make serve``: a preview of both languages that rebuilds when a source changes.

Each language is its own build, so no engine's own server shows the whole edition; this one
serves both on 127.0.0.1, and ``preview.Preview`` rebuilds what a change to a watched file
touches: the pages it changed, in the language being read first (why and how: ``preview``).
When a build fails (broken data, say), the last good site stays up and every page shows the
problem, ``path:line: record: field: message``, in a banner; a page reloads by itself when its
language has a new build. A page whose language is still being rebuilt waits for it (a few
seconds), and is marked as being rebuilt if it is not ready by then. The banner, the mark and
the reload script exist only here, in responses of this server, never in the built site.
"""

from __future__ import annotations

import json
import threading
import time
from functools import partial
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .labels import LABELS
from .preview import Preview
from .preview_site import LANGS, PREFIX, part_of

STATE = "/__actionplan__/state"
STALE = ('<p id="__ap_stale" role="status" style="position:fixed;z-index:1001;left:0;right:0;top:0;margin:0;padding:.5em 1em;'
         'background:#fff8e1;color:#5d4000;border-bottom:2px solid #c79100;font:13px/1.4 sans-serif">__STALE_WORDS__</p>')
CLIENT = """<script>
(function () {
  var seen = null;
  function banner(text) {
    var el = document.getElementById("__ap_problem");
    if (!text) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement("pre");
      el.id = "__ap_problem";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;z-index:1000;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;margin:0;" +
        "padding:1em;background:#fff3f3;color:#8b0000;border-top:3px solid #b00020;font:13px/1.4 monospace;white-space:pre-wrap";
      document.body.appendChild(el);
    }
    el.textContent = __FAILED_WORDS__ + "\\n\\n" + text;
  }
  function poll() {
    fetch("__STATE__?page=" + encodeURIComponent(location.pathname), {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
      banner(s.error);
      var stale = document.getElementById("__ap_stale");
      if (stale && !s.stale) { stale.remove(); }
    }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>""".replace("__STATE__", STATE)


def lang_of(url_path: str) -> str:
    """The language of a page of the preview (the stored editions' and search's: the root's)."""
    part = part_of(url_path)
    return part if part in LANGS else LANGS[0]


class Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def translate_path(self, path: str) -> str:
        # Each part of the site (a language, the search index, the stored editions) is shown from
        # a folder of its own that changes with every build: the standard mapping, onto it.
        part = part_of(path)
        prefix = PREFIX[part]
        if prefix:
            path = "/" + path.lstrip("/")[len(prefix):].lstrip("/")
        self.directory = str(self.preview.folder(part) or self.preview.work / "missing")
        return super().translate_path(path)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == STATE:
            page = parse_qs(url.query).get("page", ["/"])[0]
            self.preview.view(part_of(page))
            self._send(200, "application/json", json.dumps(self.preview.state(page)).encode())
            return
        part = part_of(url.path)
        if url.path.endswith(("/", ".html")):
            self.preview.notice()  # a page asked for right after a save is built from it
            self.preview.view(part)
        fresh = self.preview.fresh(part)  # wait (bounded) while this part is being rebuilt
        if self.preview.folder(part) is None:
            body = "<!doctype html><title>No build yet</title><body><p>The preview has no good build of this yet.</p></body>"
            self._send(503, "text/html; charset=utf-8", self._client(body, fresh).encode("utf-8"))
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not url.path.endswith("/"):
                super().do_GET()  # the standard redirect to the directory URL
                return
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            html = self._client(target.read_text(encoding="utf-8"), fresh)
            self._send(200, "text/html; charset=utf-8", html.encode("utf-8"))
            return
        super().do_GET()

    def _client(self, html: str, fresh: bool) -> str:
        """The page with this server's script (banner, reload) and, unless ``fresh``, the mark,
        in the page's language (its part of the site); the problems themselves are ours, as
        ``check`` prints them."""
        L = LABELS[lang_of(self.path)]
        client = CLIENT.replace("__FAILED_WORDS__", json.dumps(L["serve_failed"], ensure_ascii=False).replace("</", "<\\/"))
        added = client if fresh else STALE.replace("__STALE_WORDS__", escape(L["serve_stale"])) + client
        return html.replace("</body>", added + "</body>", 1) if "</body>" in html else html + added

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def handler(preview: Preview) -> partial[Handler]:
    """The request handler for ``preview``, as ThreadingHTTPServer takes it."""
    return partial(type("BoundHandler", (Handler,), {"preview": preview}))


def serve(root: Path, port: int = 8000, engine: str = "mkdocs", poll: float = 0.2) -> int:
    preview = Preview(root, engine)
    print("building both languages…", flush=True)
    preview.start()
    if preview.error is None:
        print(f"built ({', '.join(LANGS)} and the search index)", flush=True)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler(preview))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving both languages at http://127.0.0.1:{port}/ (en: /en/); Ctrl-C to stop", flush=True)
    try:
        while True:
            time.sleep(poll)
            preview.notice()
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
        preview.stop()
