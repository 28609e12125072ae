"""What a reader's browser transfers for the first view of a page, from a cold cache.

Serves a built site on 127.0.0.1, loads each page in Debian's chromium (Playwright) with the
cache disabled, and adds up every response body. A plain static server sends files as they are;
GitHub Pages and most hosts gzip text, so the gzip size of each text response is reported too.
Prints numbers; asserts nothing (targets are read by a person, not a test).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import threading
from pathlib import Path
from urllib.parse import urlsplit

PAGES = {"action (zh)": "plan/I.3.5/", "action (en)": "en/plan/I.3.5/", "goal": "plan/I.3/", "home": "", "critique": "commentary/C19/"}
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", "/")


def measure(site: Path) -> dict[str, dict[str, int]]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    out: dict[str, dict[str, int]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu",
                                        "--disable-background-networking", "--disable-component-update", "--no-first-run"])
            for name, path in PAGES.items():
                context = browser.new_context()
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                urls: list[str] = []
                page.on("response", lambda r, urls=urls: urls.append(r.url))
                page.goto(base + path, wait_until="networkidle")
                raw = zipped = index_raw = index_zipped = 0
                for url in urls:
                    rel = urlsplit(url).path.lstrip("/")
                    f = site / rel
                    if f.is_dir() or rel == "" or rel.endswith("/"):
                        f = f / "index.html"
                    if not f.is_file():
                        continue
                    body = f.read_bytes()
                    packed = len(gzip.compress(body, 6)) if f.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml") else len(body)
                    if f.name == "search_index.json":  # fetched by the search worker right after load
                        index_raw, index_zipped = len(body), packed
                        continue
                    raw += len(body)
                    zipped += packed
                out[name] = {"requests": len(urls), "bytes": raw, "bytes_gzip": zipped,
                             "search_index": index_raw, "search_index_gzip": index_zipped}
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(args.site)
    print("| page | requests | HTML, CSS, JS, fonts (as served) | same, gzip (as most hosts send) | + search index | + search index, gzip |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in result.items():
        print(f"| {name} | {r['requests']} | {r['bytes'] / 1000:.0f} KB | {r['bytes_gzip'] / 1000:.0f} KB "
              f"| {r['search_index'] / 1000:.0f} KB | {r['search_index_gzip'] / 1000:.0f} KB |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
