"""The data files and their published schemas (issues #4, #6): complete, consistent, editor-ready."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from actionplan import export
from actionplan.filespec import editor_schemas
from actionplan.index import Index
from actionplan.validate.translations import validate_translations

from .conftest import ROOT

SCHEMAS = editor_schemas()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schemas_are_current(name: str) -> None:
    """Editors underline what the build would refuse: schemas/ is generated from the record declarations (`actionplan schemas`)."""
    committed = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert committed == SCHEMAS[name], f"run: .venv/bin/actionplan schemas ({name} is stale)"


def test_no_stray_schema_files() -> None:
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(f"{n}.schema.json" for n in SCHEMAS)


def test_the_export_validates_against_the_derived_export_schema(index: Index) -> None:
    """export.build()'s document satisfies export.schema(), which is derived from records.PlanOut."""
    doc = json.loads(export.dumps(export.build(index, "https://example.org/", index.plan.version)))
    jsonschema.Draft202012Validator.check_schema(export.schema())
    jsonschema.validate(doc, export.schema())
    broken = {**doc, "pillars": [{**doc["pillars"][0], "id": "IV"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, export.schema())


FILES = {
    "plan": ["data/plan.yaml"], "pillar": ["data/pillars/I.yaml", "data/pillars/II.yaml", "data/pillars/III.yaml"],
    "footnotes": ["data/footnotes.yaml"], "agencies": ["data/agencies.yaml"], "glossary": ["data/glossary.yaml"],
    "changelog": ["data/changelog.yaml"], "redirects": ["data/redirects.yaml"], "record": ["data/record.yaml"], "commentary": ["data/commentary.yaml"],
    "translation": sorted(str(p.relative_to(ROOT)) for p in (ROOT / "data/translations/zh").glob("*.yaml")),
}


@pytest.mark.parametrize(("name", "file"), [(n, f) for n, fs in FILES.items() for f in fs])
def test_data_files_satisfy_their_json_schema_and_name_it(name: str, file: str) -> None:
    text = (ROOT / file).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text()))
    modeline = text.splitlines()[0]
    assert modeline.startswith("# yaml-language-server: $schema="), file
    target = (ROOT / file).parent / modeline.split("$schema=", 1)[1].strip()
    assert target.resolve() == (ROOT / "schemas" / f"{name}.schema.json").resolve(), file


def test_commentary_front_matter_satisfies_its_json_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "critique.schema.json").read_text())
    for f in sorted((ROOT / "content" / "commentary").glob("*.md")):
        front = f.read_text(encoding="utf-8").split("---\n")[1]
        jsonschema.validate(yaml.safe_load(front), schema)


def test_every_unit_is_translated_and_every_commentary_unit_has_english(index: Index) -> None:
    assert validate_translations(index.plan, require=True) == []
    zh = index.plan.translations["zh"]
    for uid in index.order:
        assert uid in zh, uid
    for a in index.plan.agencies:
        assert zh["agencies"].fields.get(a.id), a.id
    assert all(c.en for c in index.plan.critiques)


def test_glossary_is_used_consistently(index: Index) -> None:
    """Every glossary term in an original comes out as its one rendering (checked per paragraph)."""
    from actionplan.validate.translations import _glossary

    zh = index.plan.translations["zh"]
    assert _glossary(index.plan, zh, index.plan.texts(), "zh") == []
    used = [t for t in index.plan.glossary if any(t.en in a.text for p in index.plan.pillars for g in p.goals for a in g.actions)]
    assert len(used) >= 20  # the glossary is exercised, not decorative


def test_repeated_actions_are_noted_on_both_units(index: Index) -> None:
    """An action the plan prints twice (III.6.4 = III.7.3) carries a "repeated" note on each of its
    places, naming the other, and the two texts are the same."""
    import re

    from actionplan.model import Action

    actions = {uid: u for uid, u in index.units.items() if isinstance(u, Action)}
    twice: dict[str, str] = {}
    for uid, a in actions.items():
        for n in a.notes:
            if n.kind == "repeated":
                other = re.findall(r"\baction ([IV]+\.\d+\.\d+)\b", n.text.en)
                assert len(other) == 1 and other[0] in actions, f"{uid}: the repeated note must name the other action"
                twice[uid] = other[0]
    texts: dict[str, list[str]] = {}
    for uid, a in actions.items():
        texts.setdefault(a.text, []).append(uid)
    printed_twice = {uid for same in texts.values() if len(same) > 1 for uid in same}
    assert set(twice) == printed_twice and printed_twice, "every action printed twice, and only those, has a repeated note"
    assert all(twice[twice[uid]] == uid for uid in twice), "the two notes name each other"


@pytest.mark.slow
def test_translations_are_labelled_unofficial(site: Path) -> None:
    page = (site / "plan" / "I.1.1" / "index.html").read_text(encoding="utf-8")
    assert "非官方中文译文" in page and "本站译文，非官方；以英文原文为准。" in page
    page = (site / "en" / "commentary" / "C19" / "index.html").read_text(encoding="utf-8")
    assert "Unofficial English translation" in page


@pytest.mark.slow
def test_passages_carry_their_language(site: Path) -> None:
    zh = (site / "plan" / "I.1.1" / "index.html").read_text(encoding="utf-8")
    assert '<p class="ap-orig" lang="en">' in zh and '<p class="ap-trans" lang="zh-Hans">' in zh
    en = (site / "en" / "commentary" / "C19" / "index.html").read_text(encoding="utf-8")
    assert '<blockquote class="ap-quote ap-orig" lang="zh-Hans">' in en and '<p class="ap-trans" lang="en">' in en
    assert '<html lang="en"' in en and '<html lang="zh"' in zh


@pytest.mark.slow
def test_chinese_headings_have_explicit_stable_anchors(site: Path) -> None:
    page = (site / "plan" / "I.1.1" / "index.html").read_text(encoding="utf-8")
    for anchor in ("unit", "lead", "commentary", "cite"):
        assert f'id="{anchor}"' in page
    assert 'id="_1"' not in page


@pytest.mark.slow
def test_search_index_is_one_per_language_build(site: Path) -> None:
    """Pagefind keeps one index per language build (``<html lang>``), and an ID map for each."""
    import gzip

    from actionplan.search import bigram_tokens, decode_tokens

    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"zh", "en"}
    assert entry["languages"]["zh"]["page_count"] == entry["languages"]["en"]["page_count"] > 100
    zh_ids = json.loads((site / "pagefind" / "ids.zh.json").read_text(encoding="utf-8"))
    en_ids = json.loads((site / "pagefind" / "ids.en.json").read_text(encoding="utf-8"))
    assert zh_ids["I.10.3"][0] == "plan/I.10.3/" and en_ids["I.10.3"][0] == "en/plan/I.10.3/"
    fragments = {}
    for f in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(f.read_bytes())
        doc = json.loads(raw[raw.index(b"{"):])
        fragments[doc["url"]] = doc
    zh, en = fragments["/plan/I.10.3/"], fragments["/en/plan/I.10.3/"]
    # the Chinese translation is stored (and indexed) as bigram tokens; the official English as words
    assert bigram_tokens("黑客马拉松")[0] in zh["content"]
    assert "黑客马拉松" in decode_tokens(zh["content"].replace("\u200b", ""))
    assert "hackathon" in zh["content"] and "hackathon" in en["content"]
    assert zh["meta"]["uid"] == en["meta"]["uid"] == "I.10.3"
