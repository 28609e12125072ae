"""Configuration mistakes (issue #9) stop the build with a message that says what to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_build

# slow: each test builds the tiny fixture with `actionplan build`.
pytestmark = pytest.mark.slow


def configure(tiny: Path, old: str, new: str) -> None:
    config = tiny / "mkdocs.yml"
    text = config.read_text()
    assert old in text
    config.write_text(text.replace(old, new))


@pytest.mark.parametrize(("old", "new", "message"), [
    ("      data_dir: data\n", "      data_dri: data\n",
     "Plugin 'actionplan' option 'data_dri': Unrecognised configuration name: data_dri"),
    ("  - actionplan:\n", "  - actionplan\n  - actionplan:\n",
     "Plugin 'actionplan' was specified multiple times"),
    ("      data_dir: data\n", "      data_dir: no-such-folder\n",
     "actionplan: data_dir 'no-such-folder' is not a folder next to mkdocs.yml"),
    ("      data_dir: data\n", "      data_dir: data\n      require_translations: maybe\n",
     "mkdocs.yml: plugins.actionplan.require_translations: expected true or false, got 'maybe'"),
    ("use_directory_urls: true\n", "use_directory_urls: false\n", "actionplan: use_directory_urls must stay true"),
])
def test_configuration_mistakes_are_refused_clearly(tiny: Path, old: str, new: str, message: str) -> None:
    configure(tiny, old, new)
    result = run_build(tiny, tiny / "site")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert not (tiny / "site").exists()


def test_disabling_the_plugin_while_nav_needs_its_pages_is_refused(tiny: Path) -> None:
    configure(tiny, "      data_dir: data\n", "      enabled: false\n      data_dir: data\n")
    configure(tiny, "plugins:\n", "nav:\n  - plan/intro.md\nplugins:\n")
    result = run_build(tiny, tiny / "site")
    assert result.returncode != 0
    # MkDocs itself refuses a nav that names pages nobody made (a warning, fatal under --strict).
    assert "A reference to 'plan/intro.md' is included in the 'nav' configuration" in result.stderr


def test_a_failed_build_leaves_the_previous_site_intact(tiny: Path) -> None:
    site = tiny / "site"
    assert run_build(tiny, site).returncode == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert len(before) > 50
    pillar = tiny / "data" / "pillars" / "I.yaml"
    pillar.write_text(pillar.read_text().replace("lead: [OSTP]", "lead: [OSPT]"))
    result = run_build(tiny, site)
    assert result.returncode != 0 and "unknown agency 'OSPT'" in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tiny.glob(".site.*")), "temporary build folders were left behind"


def test_a_build_stopped_by_sigterm_leaves_no_temporary_folder(tiny: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from .conftest import build_env

    proc = subprocess.Popen([sys.executable, "-m", "actionplan.cli", "-f", str(tiny / "mkdocs.yml"), "build", "-d", str(tiny / "site")],
                            cwd=tiny, env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    # Stop it while the engine is writing the site: the Chinese build's pages are appearing.
    while not list(tiny.glob(".site.building-*/site/plan")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert list(tiny.glob(".site.building-*/site/plan")), "the build never started writing"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=120) != 0
    assert not list(tiny.glob(".site.*")), "a stopped build left its temporary folder"
    assert not (tiny / "site").exists()
