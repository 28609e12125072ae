"""The copy of each page that Pagefind indexes (actionplan.search, no browser): Chinese as bigrams.

search.js holds the query side and the display side to the same rules; tests/test_search.py checks
its decode() against decode_tokens in Chromium.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from actionplan.search import HAN, bigram_tokens, decode_tokens, indexed_copy

PAGE = """<!doctype html><html lang="{lang}"><head><title>数据中心</title><script>var s = "可解释性";</script></head>
<body><div data-pagefind-body=""><h1 data-pagefind-weight="10">目标 I.10 可解释性</h1>
<div hidden><span data-pagefind-meta="title[data-v]" data-v="投资于人工智能可解释性"></span></div>
<p>美国AI北约，数据中心 &amp; 电网</p></div></body></html>"""


def test_a_han_run_becomes_its_bigrams_and_a_lone_character_its_code_point() -> None:
    assert bigram_tokens("数据中心") == ["zz6570636e", "zz636e4e2d", "zz4e2d5fc3"]
    assert bigram_tokens("上") == ["zz4e0a"]
    assert bigram_tokens("AI北约, OSTP") == ["zz53177ea6"]
    assert bigram_tokens("no Han") == []


def test_han_text_is_indexed_as_bigrams_in_place_and_the_markup_kept() -> None:
    copy = indexed_copy(PAGE.format(lang="zh"))
    body = copy[copy.index("<body>"):]
    assert not HAN.search(re.sub(r'data-v="[^"]*"', "", body)), body  # no Han text left to segment
    # the title's bigrams stay in the title, with its weight; the query 解释 is a bigram of it
    assert '<h1 data-pagefind-weight="10">' in copy and "zz89e391ca" in copy.split("</h1>")[0]
    assert 'data-v="投资于人工智能可解释性"' in copy  # attributes (meta, filters) are not text
    assert 'var s = "可解释性";' in copy  # nor are scripts
    assert "&amp;" in copy  # entities pass as they were
    assert "AI zz53177ea6 " in copy


def test_english_pages_get_the_same_tokens() -> None:
    zh, en = indexed_copy(PAGE.format(lang="zh")), indexed_copy(PAGE.format(lang="en"))
    assert en == zh.replace('lang="zh"', 'lang="en"', 1)


def test_stored_tokens_read_back_as_the_characters() -> None:
    text = indexed_copy(PAGE.format(lang="zh"))
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    assert h1 and decode_tokens(h1.group(1)) == "目标 I.10 可解释性"
    # one space where other text stands, none beside CJK punctuation or at the ends
    assert decode_tokens(" zz7f8e56fd AI zz53177ea6 ， zz6570636e zz636e4e2d zz4e2d5fc3 ") == "美国 AI 北约，数据中心"
    assert decode_tokens("Usage. zz5efa8bbe ") == "Usage. 建设"
    assert decode_tokens("zz4e0a") == "上"
    # Chinese text set with half-width punctuation reads back tight, as it was written (issue 23)
    tight = "数据环境,从硬件(芯片认证)到软件,构建“全栈安全体系”;抵御"
    copy = indexed_copy(f'<html lang="zh"><p>{tight}</p></html>').split("<p>")[1].split("</p>")[0]
    assert decode_tokens(copy) == tight
    assert decode_tokens("zz7f8e56fd zz4e2d56fd") == "美国 中国"  # two runs: not one continued
    # The one ambiguity: runs parted by a space only, the second starting with the first's last
    # character, read as one run ("中国 国家" as 中国家). Chinese text parts runs with punctuation.
    assert decode_tokens(" ".join(bigram_tokens("中国 国家"))) == "中国家"


@given(st.text(alphabet=st.sampled_from("可解释性数据中心上美国北约家庭，。、AIx1"), max_size=40))
def test_chinese_text_survives_the_round_trip(s: str) -> None:
    copy = indexed_copy(f'<html lang="zh"><body><p>{s}</p></body></html>')
    text = re.search(r"<p>(.*)</p>", copy, re.S)
    assert text and not HAN.search(text.group(1))
    assert decode_tokens(text.group(1)).replace(" ", "") == s.replace(" ", "")
