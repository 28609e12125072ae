"""``make serve``: a preview of both languages that rebuilds when a source changes.

Each language is its own build, so no engine's own server shows the whole edition; this one
serves the last good build of both on 127.0.0.1 and rebuilds (``engines.build_into``) when a
watched file changes. When a build fails (broken data, say), the last good site stays up and
every page shows the problem, ``path:line: record: field: message``, in a banner; the page
reloads by itself once a build succeeds. The banner and reload script exist only here, in
responses of this server, never in the built site.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .engines import BuildFailed, build_into
from .problems import DataError
from .settings import Settings, SettingsError

WATCHED = ("data", "content", "overrides", "plugins/actionplan", "mkdocs.yml", "mkdocs.en.yml")
STATE = "/__actionplan__/state"
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
    el.textContent = "The last build failed; this is the last good site.\\n\\n" + text;
  }
  function poll() {
    fetch("__STATE__", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
      banner(s.error);
    }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>""".replace("__STATE__", STATE)


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """What the watched sources look like now: every file with its size and modification time."""
    out: list[tuple[str, int, int]] = []
    for name in WATCHED:
        p = root / name
        files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts) if p.is_dir() else []
        for f in files:
            st = f.stat()
            out.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(out)


class Preview:
    """The state the server shows: the folder of the last good build, its number, the last error."""

    def __init__(self, root: Path, engine: str) -> None:
        self.root = root
        self.engine = engine
        self.work = Path(tempfile.mkdtemp(prefix="actionplan-serve-"))
        self.site: Path | None = None
        self.version = 0
        self.error: str | None = None
        self.lock = threading.Lock()

    def rebuild(self) -> None:
        target = self.work / f"site-{self.version + 1}"
        try:
            # Read each time: mkdocs.yml is watched, and its options may have changed.
            build_into(Settings.read(self.root), target, self.engine, work=self.work / "generated")
        except (BuildFailed, DataError, SettingsError) as e:
            shutil.rmtree(target, ignore_errors=True)
            with self.lock:
                self.error = str(e)
            print(f"build failed; still serving the last good site.\n{e}", flush=True)
            return
        with self.lock:
            old, self.site, self.error = self.site, target, None
            self.version += 1
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        print(f"built (#{self.version})", flush=True)

    def state(self) -> dict[str, Any]:
        with self.lock:
            return {"version": self.version, "error": self.error}


class Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def translate_path(self, path: str) -> str:
        # The folder changes with every good build: the standard mapping, onto the current one.
        self.directory = str(self.preview.site or self.preview.work / "missing")
        return super().translate_path(path)

    def do_GET(self) -> None:
        if self.path.split("?")[0] == STATE:
            body = json.dumps(self.preview.state()).encode()
            self._send(200, "application/json", body)
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # the standard redirect to the directory URL
                return
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            html = target.read_text(encoding="utf-8")
            html = html.replace("</body>", CLIENT + "</body>", 1) if "</body>" in html else html + CLIENT
            self._send(200, "text/html; charset=utf-8", html.encode("utf-8"))
            return
        super().do_GET()

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(root: Path, port: int = 8000, engine: str = "mkdocs", poll: float = 1.0) -> int:
    preview = Preview(root, engine)
    preview.rebuild()
    handler = partial(type("BoundHandler", (Handler,), {"preview": preview}))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving both languages at http://127.0.0.1:{port}/ (en: /en/); Ctrl-C to stop", flush=True)
    seen = fingerprint(root)
    try:
        while True:
            time.sleep(poll)
            now = fingerprint(root)
            if now != seen:
                seen = now
                preview.rebuild()
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
        shutil.rmtree(preview.work, ignore_errors=True)
