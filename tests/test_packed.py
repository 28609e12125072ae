"""PackedFile holds generated content compressed; what MkDocs reads back must be exactly what was given."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from actionplan.plugin import PackedFile

ROOT = Path(__file__).resolve().parents[1]


def test_round_trip_and_smaller() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = "actionplan"  # as MkDocs sets it while a plugin's event runs
    text = "# 标题 { #t }\n\n" + "Led by DOC, 由商务部牵头。\n" * 2000
    f = PackedFile.generated(config, "plan/X.md", content=text)
    assert f.content_string == text and f.content_bytes == text.encode("utf-8")
    assert f._packed is not None and len(f._packed) < len(text.encode("utf-8")) / 5
    assert f.url == "plan/X/" and f.is_documentation_page() and f.generated_by == "actionplan"  # a File like any other
    data = bytes(range(256)) * 50
    g = PackedFile.generated(config, "export/x.bin", content=data)
    assert g.content_bytes == data and not g.is_documentation_page()
    g.content_bytes = b""  # what the plugin does once MkDocs has copied it
    assert g.content_bytes == b"" and g.abs_src_path is None
    h = PackedFile.generated(config, "x.md", content="")
    assert h.content_string == ""


def test_a_packed_build_is_byte_identical(site: Path, tmp_path: Path) -> None:
    """The real site built with every generated file packed (pack_above: 0) is the same site, byte for byte."""
    from .conftest import bench_script, run_build
    from .test_reproducible import digest

    project = tmp_path / "project"
    bench_script("generate").copy_real(project)  # the real site, as the benchmark copies it
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    packed = config.replace("  - actionplan:\n", "  - actionplan:\n      pack_above: 0\n", 1)
    assert packed != config
    (project / "mkdocs.yml").write_text(packed, encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = digest(site), digest(tmp_path / "site")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
