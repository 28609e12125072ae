"""Shared fixtures: the real dataset, a strict build of the real site, and the tiny fixture site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]


def bench_script(name: str) -> Any:
    """Import bench/<name>.py: bench/ is a folder of scripts run as ``python bench/run.py``, not a package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
SHARED = ROOT.parent / "shared" / "source"
TINY = ROOT / "tests" / "fixtures" / "tiny"
EPOCH = "1764288000"  # fixed SOURCE_DATE_EPOCH: builds in tests are reproducible


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"SOURCE_DATE_EPOCH": env.get("SOURCE_DATE_EPOCH", EPOCH), "NO_MKDOCS_2_WARNING": "1"})
    return env


def run_build(project: Path, site: Path, engine: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """``actionplan build`` (strict, atomic, both languages) as a subprocess, as ``make build`` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "actionplan.cli", "-f", str(project / "mkdocs.yml"), "build", "-d", str(site), "--engine", engine],
        cwd=project, env=build_env(), capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with --strict."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = run_build(ROOT, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


@pytest.fixture(scope="session")
def index():  # type: ignore[no-untyped-def]
    from actionplan.site import load_all

    return load_all(ROOT / "data", ROOT / "content" / "commentary", ROOT)


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture site."""
    dest = tmp_path / "tiny"
    shutil.copytree(TINY, dest)
    return dest


@pytest.fixture(scope="session")
def shared_source() -> Path:
    """The official sources; CI has ../shared beside the clone, so their absence is a failure."""
    assert (SHARED / "Americas-AI-Action-Plan.layout.txt").exists(), f"missing {SHARED}: tests need ../shared/source"
    return SHARED


CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def server(site: Path):  # type: ignore[no-untyped-def]
    """The built site over HTTP on 127.0.0.1 (a random free port), as a reader's browser sees it."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's chromium driven by Playwright (never a downloaded browser build)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "browser tests need Debian's chromium at /usr/bin/chromium (make test installs it as root)"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()


ENGINES = ("mkdocs", "properdocs", "zensical")


@pytest.fixture(scope="session", params=ENGINES)
def engine_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The real site built by each engine we support: MkDocs (the suite's own ``site``), ProperDocs
    (plugin and all) and Zensical (from ``actionplan generate``)."""
    engine = str(request.param)
    if engine == "mkdocs":
        return engine, request.getfixturevalue("site")
    out = tmp_path_factory.mktemp(engine) / "site"
    result = run_build(ROOT, out, engine=engine)
    assert result.returncode == 0, result.stderr[-4000:]
    return engine, out


def local_only(page, server: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Abort and record every request that would leave 127.0.0.1."""
    outside: list[str] = []
    host = urlsplit(server).netloc

    def route(r):  # type: ignore[no-untyped-def]
        if urlsplit(r.request.url).netloc != host and not r.request.url.startswith(("data:", "blob:")):
            outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    return outside
