"""Short links and ID boxes (issue 23): units, commentary units and agencies, one map for all."""

from __future__ import annotations

import json
from typing import Any, cast

from actionplan.index import Index
from actionplan.pages.hubs import not_found, short_links


def _index(units: list[str], critiques: list[str], agencies: list[str]) -> Index:
    ix = Index(plan=cast(Any, None), order=units)
    ix.critiques = dict.fromkeys(critiques, cast(Any, None))
    ix.agencies = dict.fromkeys(agencies, cast(Any, None))
    return ix


def test_units_commentary_units_and_agencies_each_have_a_short_link() -> None:
    links = short_links(_index(["intro", "I", "I.1", "I.1.1"], ["C01"], ["DOC", "Census"]))
    assert links == {"intro": "plan/intro/", "I": "plan/I/", "I.1": "plan/I.1/", "I.1.1": "plan/I.1.1/",
                     "C01": "commentary/C01/", "DOC": "agencies/DOC/", "Census": "agencies/Census/"}


def test_an_agency_never_takes_a_units_or_commentary_units_short_link() -> None:
    links = short_links(_index(["I", "II"], ["C01"], ["ii", "c01", "DOC"]))
    assert links["II"] == "plan/II/" and links["C01"] == "commentary/C01/"
    assert "ii" not in links and "c01" not in links and links["DOC"] == "agencies/DOC/"


def test_the_404_page_gets_every_language_and_the_same_ids() -> None:
    nf = not_found(_index(["I"], [], ["DOC"]))
    assert json.loads(str(nf["known"])) == {"I": "plan/I/", "DOC": "agencies/DOC/"}
    langs = cast(list[dict[str, str]], nf["langs"])
    assert [(w["lang"], w["prefix"]) for w in langs] == [("zh", ""), ("en", "en/")]
    assert langs[0]["nf_title"] != langs[1]["nf_title"]  # each in its own words
    assert all(set(w) == set(langs[0]) and all(w.values()) for w in langs[1:])
