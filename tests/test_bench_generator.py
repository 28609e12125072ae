"""The benchmark's synthetic data must be data our plugin accepts, at the size it claims.

A generator that drifted from the schema would make ``make bench`` measure a failing build (or a
different site); these runs are small (1× and 0.2×) so they stay in the normal test suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from actionplan.model import Plan
from actionplan.site import load_all

from .conftest import bench_script

ROOT = Path(__file__).resolve().parents[1]


gen = bench_script("generate")


def _load(site: Path):
    return load_all(site / gen.DATA_DIR, site / "content" / gen.COMMENTARY_DIR, site, version=_version(site))


def _version(site: Path) -> str:
    """The plugin's configured version, so the changelog check runs as in a build."""
    import re

    m = re.search(r'^\s+version:\s*"?([\d.]+)"?\s*$', (site / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert m, "mkdocs.yml: plugins.actionplan.version not found"
    return m.group(1)


@pytest.fixture(scope="module")
def real() -> Plan:
    return load_all(ROOT / "data", ROOT / "content" / "commentary", ROOT).plan


def test_one_x_is_the_real_shape(tmp_path: Path, real: Plan) -> None:
    counts = gen.generate(1, tmp_path / "site")
    plan = _load(tmp_path / "site").plan
    assert counts == gen.real_counts(real)
    # Same goals per pillar and actions per goal as the real plan, same commentary and agency counts.
    assert [len(p.goals) for p in plan.pillars] == [len(p.goals) for p in real.pillars]
    assert [len(g.actions) for p in plan.pillars for g in p.goals] == [len(g.actions) for p in real.pillars for g in p.goals]
    assert len(plan.critiques) == len(real.critiques) and len(plan.agencies) == len(real.agencies)
    assert len(plan.footnotes) == len(real.footnotes)
    assert plan.counts == {"pillars": 3, "goals": counts.goals, "actions": counts.actions}
    # Complete translations: every action has its Chinese text.
    zh = plan.translations["zh"]
    assert all(a.id in zh for p in plan.pillars for g in p.goals for a in g.actions)
    # The site around the data is the real one (config, theme overrides, authored pages).
    assert (tmp_path / "site" / "mkdocs.yml").read_text(encoding="utf-8").count("navigation.prune") == 1
    assert "watch:" not in (tmp_path / "site" / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_fraction_scales_every_count(tmp_path: Path, real: Plan) -> None:
    k = 0.2
    site = tmp_path / "site"
    counts = gen.generate(k, site)
    plan = _load(site).plan
    assert counts == gen.expected_counts(k, gen.real_counts(real))
    assert counts.goals == round(30 * k**0.5) and counts.actions == round(103 * k)
    assert [p.id for p in plan.pillars] == ["I", "II", "III"]
    assert sum(len(p.goals) for p in plan.pillars) == counts.goals
    assert sum(len(g.actions) for p in plan.pillars for g in p.goals) == counts.actions
    assert len(plan.critiques) == counts.critiques
    assert len(plan.agencies) == counts.agencies


def test_deterministic(tmp_path: Path) -> None:
    """Same k and seed, same bytes: benchmark runs on different days compare like with like."""
    gen.generate(0.2, tmp_path / "a")
    gen.generate(0.2, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for f in files:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f
