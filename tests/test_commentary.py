"""The commentary (issue #3): verbatim units, two-way links, the figure, checked claims."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actionplan import paths
from actionplan.index import Index

from .conftest import run_build
from .sitecheck import parse


def source_paragraphs(shared: Path) -> list[str]:
    lines = (shared / "commentary.zh.txt").read_text(encoding="utf-8").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    assert lines[-1] == "热门跟贴", "the excerpt's last line is web-page debris"
    return lines[:-1]


def test_units_reproduce_the_commentary_exactly_in_order(index: Index, shared_source: Path) -> None:
    units = index.plan.critiques
    rebuilt: list[str] = []
    last = None
    for c in units:
        if c.paragraph != last:
            rebuilt.append("")
            last = c.paragraph
        rebuilt[-1] += c.text
    assert rebuilt == source_paragraphs(shared_source)
    assert [c.paragraph for c in units] == sorted(c.paragraph for c in units)
    assert [c.position for c in units] == list(range(1, len(units) + 1))


@pytest.mark.slow
def test_debris_is_not_published(site: Path) -> None:
    for f in (site / "commentary").rglob("*.html"):
        assert "热门跟贴" not in f.read_text(encoding="utf-8"), f


def test_captions_are_captions(index: Index) -> None:
    by_text = {c.text: c for c in index.plan.critiques}
    assert by_text["《计划》三大支柱及其细分目标示意图"].kind == "caption"
    assert by_text["通过自主机器人等新兴产业提高民众的生活水平"].kind == "caption"
    assert all(c.kind != "caption" for c in index.plan.critiques if len(c.text) > 40)


def test_units_are_attached_at_the_grain_of_their_points(index: Index) -> None:
    """The Pillar III paragraph's three 化 points are three units with their own targets."""
    points = [c for c in index.plan.critiques if c.text.startswith(("第一,技术霸权联盟化", "第二,国际规则武器化", "第三,安全议题扩张化"))]
    assert len(points) == 3
    assert len({c.targets for c in points}) == 3
    assert all(t.startswith("III") for c in points for t in c.targets)


@pytest.mark.slow
def test_every_target_page_links_its_critiques_and_back(site: Path, index: Index) -> None:
    missing = []
    for c in index.plan.critiques:
        for lang in ("zh", "en"):
            crit_html = (site / paths.url(paths.prefix(lang) + paths.critique(c.id)) / "index.html").read_text(encoding="utf-8")
            for t in c.targets:
                target_src = (paths.prefix(lang) + paths.unit(t))
                target_html = (site / paths.url(target_src) / "index.html").read_text(encoding="utf-8")
                link_to_crit = paths.rel_url(paths.url(target_src), paths.url(paths.prefix(lang) + paths.critique(c.id)))
                if f'href="{link_to_crit}"' not in target_html:
                    missing.append(f"{lang}: {t} does not link {c.id}")
                link_to_target = paths.rel_url(paths.url(paths.prefix(lang) + paths.critique(c.id)), paths.url(target_src))
                if f'href="{link_to_target}"' not in crit_html:
                    missing.append(f"{lang}: {c.id} does not link its target {t}")
    assert not missing, "\n".join(missing[:20])


@pytest.mark.slow
def test_pages_without_critiques_say_so_and_parents_count_their_childrens(site: Path, index: Index) -> None:
    quiet = next(uid for uid in index.order if index.units[uid].kind == "action" and not index.critiques_of.get(uid))
    assert "评论未专门论及本单元" in (site / "plan" / quiet / "index.html").read_text(encoding="utf-8")
    below = index.critique_count_below("III")
    assert below > 0
    assert f"其下各单元共有 {below} 条评论" in (site / "plan" / "III" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_commentary_read_whole_is_anchored_with_targets(site: Path, index: Index) -> None:
    page = (site / "commentary" / "index.html").read_text(encoding="utf-8")
    info = parse(site / "commentary" / "index.html")
    for c in index.plan.critiques:
        assert info.ids[c.id] == 1, c.id
    assert page.index('id="C01"') < page.index('id="C02"') < page.index(f'id="{index.plan.critiques[-1].id}"')
    assert 'href="../plan/III.1.1/"' in page


@pytest.mark.slow
def test_figure_links_every_pillar_and_goal_without_script(site: Path, index: Index) -> None:
    for src in ("index.md", "commentary/coverage.md", "en/index.md"):
        page = (site / paths.url(src) / "index.html").read_text(encoding="utf-8")
        svg = re.search(r"<figure class=\"ap-figure ap-goals-figure\".*?</figure>", page, re.S)  # HTML since issue 23
        assert svg, src
        hrefs = set(re.findall(r'<a [^>]*href="([^"]+)"', svg.group(0)))
        goals = [g for p in index.plan.pillars for g in p.goals]
        for g in goals:
            assert paths.rel_url(paths.url(src), paths.url(paths.prefix("en" if src.startswith("en/") else "zh") + paths.unit(g.id))) in hrefs, (src, g.id)
            assert f">{g.id}<" in svg.group(0)
        assert len(hrefs) == 33
        assert "<script" not in svg.group(0)


@pytest.mark.slow
def test_coverage_table_covers_all_30_goals(site: Path) -> None:
    page = (site / "commentary" / "coverage" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<a href="../../plan/((?:I|II|III)\.\d+)/">', page)
    assert len(set(rows)) == 30


@pytest.mark.slow
def test_claims_are_shown_as_holding(site: Path, index: Index) -> None:
    claims = [(c, k) for c in index.plan.critiques for k in c.claims]
    assert {(k.metric, k.scope, k.expected) for _, k in claims} >= {("goals", "plan", 30), ("actions", "plan", 103), ("goals", "II", 8),
                                                                   ("actions", "II", 29), ("goals", "III", 7), ("actions", "III", 16)}
    c = next(c for c, k in claims if k.scope == "II" and k.metric == "actions")
    page = (site / "commentary" / c.id / "index.html").read_text(encoding="utf-8")
    assert "评论称 29，数据计得 29" in page and "ap-claim-holds" in page


@pytest.mark.slow
def test_a_broken_claim_fails_the_build(tiny: Path) -> None:
    unit = tiny / "content" / "commentary" / "C01.md"
    unit.write_text(unit.read_text().replace("expected: 2", "expected: 3").replace("两大支柱", "三大支柱").replace("quote: 两大支柱", "quote: 三大支柱"))
    result = run_build(tiny, tiny / "site")
    assert result.returncode != 0
    assert ("content/commentary/C01.md:9: claim K-plan-pillars: holds: recorded as holding, but it does not hold: "
            "the data has 2 pillars in plan, the commentary says 3") in result.stderr
    assert not (tiny / "site").exists()


@pytest.mark.slow
def test_a_claim_recorded_as_not_holding_is_shown_so(tiny: Path) -> None:
    unit = tiny / "content" / "commentary" / "C01.md"
    text = unit.read_text().replace("expected: 2", "expected: 3\n    holds: false").replace("两大支柱", "三大支柱")
    unit.write_text(text)
    result = run_build(tiny, tiny / "site")
    assert result.returncode == 0, result.stderr
    page = (tiny / "site" / "commentary" / "C01" / "index.html").read_text(encoding="utf-8")
    assert "评论称 3，数据计得 2" in page and "ap-claim-fails" in page and "不成立" in page


def test_check_against_the_source_finds_nothing_in_the_real_units(index: Index, shared_source: Path) -> None:
    from actionplan.validate.commentary import validate_commentary_source

    assert validate_commentary_source(index.plan.critiques, (shared_source / "commentary.zh.txt").read_text(encoding="utf-8")) == []


def test_a_missing_or_duplicated_sentence_is_named_with_its_file(index: Index, shared_source: Path) -> None:

    from actionplan.validate.commentary import validate_commentary_source

    source = (shared_source / "commentary.zh.txt").read_text(encoding="utf-8")
    units = list(index.plan.critiques)
    c = next(u for u in units if "。" in u.text[:-1])
    first, rest = c.text.split("。", 1)
    i = units.index(c)

    dropped = [*units[:i], c.with_body(rest), *units[i + 1:]]
    problems = [str(p) for p in validate_commentary_source(tuple(dropped), source)]
    assert problems == [f"{c.where.file}:{c.lines['body']}: critique {c.id}: body: the source text before this unit is in no unit: {(first + '。')[:60]!r}"]

    doubled = [*units[:i], c.with_body(c.text + first + "。"), *units[i + 1:]]
    problems = [str(p) for p in validate_commentary_source(tuple(doubled), source)]
    assert len(problems) == 1 and problems[0].startswith(f"{c.where.file}:{c.lines['body']}: critique {c.id}: body: differs from the source")


def test_make_check_uses_the_source_when_it_is_beside_the_project(tiny: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "commentary.zh.txt"
    source.write_text("《计划》设定了两大支柱。信息征询是批评对象。\n电网是风险所在。\n热门跟贴\n", encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "actionplan.cli", "check", "--commentary-source", str(source)], cwd=tiny,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    source.write_text("《计划》设定了两大支柱。信息征询是批评对象。\n电网是最大的风险所在。\n热门跟贴\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "actionplan.cli", "check", "--commentary-source", str(source)], cwd=tiny,
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "content/commentary/C03.md:9: critique C03: body: differs from the source after '电网是': source has '最大的风险所在。'" in bad.stdout
