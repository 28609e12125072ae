"""The toolchain, as a newcomer installs and runs it (issue 17, "Contributors")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, TINY, run_build


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_build_imports_jieba(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str) -> None:
    """Search is Pagefind's, over the built HTML: no engine segments Chinese with jieba any more
    (Material's search plugin did, printing "Building prefix dict…" on every build), so jieba is
    not a requirement. A stand-in ``jieba`` first on the path records any import of it."""
    fake = tmp_path / "fake"
    (fake / "jieba").mkdir(parents=True)
    marker = tmp_path / "jieba-imported"
    (fake / "jieba" / "__init__.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).write_text('imported')\nraise ImportError('stand-in')\n", encoding="utf-8")
    # First on the path, before whatever the run already has there (a checkout's plugins/, say).
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(x for x in (str(fake), os.environ.get("PYTHONPATH", "")) if x))
    project = tmp_path / "tiny"
    shutil.copytree(TINY, project)
    result = run_build(project, tmp_path / "site", engine=engine)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "index.html").exists()
    assert not marker.exists(), f"the {engine} build imported jieba"
    assert "prefix dict" not in result.stdout + result.stderr


def test_jieba_is_not_required() -> None:
    assert "jieba" not in (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()


def test_the_plugin_installs_its_templates_without_a_setuptools_warning(tmp_path: Path) -> None:
    """``plugins/pyproject.toml`` lists ``actionplan.templates`` as a package with its data:
    setuptools warned "Package 'actionplan.templates' is absent from the packages configuration"."""
    src = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", src, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__", "build"))
    out = tmp_path / "lib"
    result = subprocess.run([sys.executable, "-W", "always", "-c", "import setuptools; setuptools.setup()",
                             "build_py", "--build-lib", str(out)], cwd=src, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    said = result.stdout + result.stderr
    assert "actionplan.templates" not in said, said[-3000:]
    templates = sorted(p.name for p in (ROOT / "plugins" / "actionplan" / "templates").glob("*.j2"))
    assert templates and sorted(p.name for p in (out / "actionplan" / "templates").glob("*.j2")) == templates
    assert (out / "actionplan" / "py.typed").exists()
