"""Synthetic datasets shaped like ours, at scale factor k, for the performance benchmark (issue 8).

Why synthetic: the real plan has 3 pillars, 30 goals and 103 actions; we need to know how the build
behaves when the data is 10× or 100× larger before it is. Everything is derived from the real data
so that the work per page is realistic:

* structure: pillars stay I, II, III (the schema allows no others); goals grow by √k and actions per
  goal by √k, so the plan has round(30·√k) goals and round(103·k) actions; commentary units,
  agencies and footnotes grow by k. At k=1 the counts and the shape (goals per pillar, actions per
  goal) are exactly the real plan's.
* text: every unit takes its lengths (characters per paragraph, English and Chinese), footnote
  count, lead/named agency count and notes from a real unit of the same kind (cycling through them,
  so at integer k the length distribution is exactly the real one). The words are drawn, with a
  seeded RNG, from the real vocabulary weighted by frequency: English words from the plan and the
  commentary's translation, Chinese words segmented by jieba from our translations and the
  commentary, so that the search plugin's Chinese segmentation does real work.
* validity: the result passes ``actionplan.site.load_all`` (lead texts, agency mentions,
  footnote markers, complete and glossary-consistent translations, verifiable claims).

The output folder is a complete site: mkdocs.yml (the real one without ``watch``), overrides/,
content/ (the real authored pages and assets, the generated commentary) and data/ (generated; the
glossary, changelog and any other file copied). Run ``python bench/generate.py 10 /tmp/site10``.
Below k=1 the data is valid but a strict build is not: authored pages link to units such as I.3.5
and C19, which a smaller plan does not have.
"""

from __future__ import annotations

import argparse
import functools
import math
import random
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from actionplan.model import Action, Goal, Pillar, footnote_refs
from actionplan.site import load_all

REPO = Path(__file__).resolve().parents[1]
PILLARS = ("I", "II", "III")
DATA_DIR = "data"  # as in the real mkdocs.yml (plugin option data_dir)
COMMENTARY_DIR = "commentary"  # plugin option commentary_dir, inside docs_dir "content"
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]*[A-Za-z]|[A-Za-z]")
CHINESE_WORD = re.compile(r"^[\u4e00-\u9fff]+$")
# A word ending in "led" ("led", "private-sector-led") could form "led by", which validation
# reserves for an action with a recorded lead agency.
BANNED_WORD = re.compile(r"\b[Ll]ed$")
ZH_NUMERALS = {"I": "一", "II": "二", "III": "三"}


@dataclass(frozen=True)
class Counts:
    """What a dataset at scale k holds; the test and the benchmark report check against this."""

    pillars: int
    goals: int
    actions: int
    critiques: int
    agencies: int


def expected_counts(k: float, real: Counts) -> Counts:
    """Counts at scale ``k``: goals ×√k, actions ×k (so actions per goal ×√k), the rest ×k."""
    goals = max(len(PILLARS), round(real.goals * math.sqrt(k)))
    return Counts(
        pillars=len(PILLARS),
        goals=goals,
        actions=max(goals, round(real.actions * k)),
        critiques=max(1, round(real.critiques * k)),
        agencies=max(1, round(real.agencies * k)),
    )


def _allocate(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), at least 1 each.

    When ``total`` equals ``sum(weights)`` the weights come back unchanged, so k=1 is the real shape.
    """
    n = len(weights)
    assert total >= n, (total, n)
    wsum = sum(weights)
    quotas = [total * w / wsum for w in weights]
    out = [int(q) for q in quotas]
    order = sorted(range(n), key=lambda i: (-(quotas[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    for i in range(n):
        while out[i] < 1:
            donor = max(range(n), key=lambda j: (out[j], -j))
            out[donor] -= 1
            out[i] += 1
    return out


class Words:
    """Deterministic text from the real vocabulary, weighted by how often each word occurs."""

    def __init__(self, rng: random.Random, english: Counter[str], chinese: Counter[str]) -> None:
        self.rng = rng
        self.en = list(english)
        self.en_cum = _cumulative(english[w] for w in self.en)
        self.zh = list(chinese)
        self.zh_cum = _cumulative(chinese[w] for w in self.zh)

    def en_sentences(self, chars: int) -> list[str]:
        """English sentences totalling about ``chars`` characters (at least one sentence)."""
        out: list[str] = []
        total = 0
        while total < chars or not out:
            n = self.rng.randint(10, 28)
            words = self.rng.choices(self.en, cum_weights=self.en_cum, k=n)
            for i in range(2, n - 2):
                if self.rng.random() < 0.07:
                    words[i] += ","
            words[0] = words[0][0].upper() + words[0][1:]
            s = " ".join(words) + "."
            if total + len(s) > chars * 1.02:  # trim the last sentence towards the target
                keep = max(3, (chars - total) // 6)
                s = " ".join(words[:keep]).rstrip(",") + "."
            out.append(s)
            total += len(s) + 1
        return out

    def zh_sentences(self, chars: int) -> list[str]:
        """Chinese sentences (clauses of real words, ，and 。) totalling about ``chars`` characters."""
        out: list[str] = []
        total = 0
        while total < chars or not out:
            clauses = []
            for _ in range(self.rng.randint(1, 4)):
                clauses.append("".join(self.rng.choices(self.zh, cum_weights=self.zh_cum, k=self.rng.randint(3, 8))))
            s = "，".join(clauses) + "。"
            if total + len(s) > chars * 1.02:
                s = s[: max(4, chars - total)].rstrip("，") + "。"
            out.append(s)
            total += len(s)
        return out

    def en_title(self, chars: int) -> str:
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < chars or not words:
            w = self.rng.choices(self.en, cum_weights=self.en_cum)[0]
            words.append(w if len(w) < 4 else w[0].upper() + w[1:])
        return " ".join(words)

    def zh_title(self, chars: int) -> str:
        out = ""
        while len(out) < chars or not out:
            out += self.rng.choices(self.zh, cum_weights=self.zh_cum)[0]
        return out


def _cumulative(weights: Any) -> list[int]:
    out: list[int] = []
    total = 0
    for w in weights:
        total += w
        out.append(total)
    return out


def _with_markers(sentences: list[str], markers: list[int], rng: random.Random, sep: str) -> str:
    """Attach footnote markers after sentences, in order, as the plan prints them."""
    if not markers:
        return sep.join(sentences)
    slots = sorted(rng.choices(range(len(sentences)), k=len(markers)))
    out = list(sentences)
    for n, slot in zip(markers, slots, strict=True):
        out[slot] += f"[^{n}]"
    return sep.join(out)


def _vocabulary(plan: Any) -> tuple[Counter[str], Counter[str]]:
    """Word frequencies of the real English (plan, commentary translation) and Chinese texts."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    english: list[str] = [plan.title, *plan.intro.intro]
    for p in plan.pillars:
        english += [p.title, *p.intro]
        for g in p.goals:
            english += [g.title, *g.intro, *(a.text for a in g.actions)]
    english += [c.en for c in plan.critiques if c.en]
    chinese: list[str] = []
    for t in plan.translations.get("zh", {}).values():
        for v in t.fields.values():
            chinese += [v] if isinstance(v, str) else [x for x in v if isinstance(x, str)]
    chinese += [c.text for c in plan.critiques]
    en_words = Counter(w for text in english for w in ENGLISH_WORD.findall(re.sub(r"\[\^\d+\]", " ", text)) if not BANNED_WORD.search(w))
    zh_words = Counter(w for text in chinese for w in jieba.cut(text) if CHINESE_WORD.match(w))
    return en_words, zh_words


@functools.cache
def _real(repo: Path) -> tuple[Any, tuple[Counter[str], Counter[str]]]:
    """The real plan and its vocabulary, read once per process (YAML parsing is the slow part)."""
    plan = load_all(repo / DATA_DIR, repo / "content" / COMMENTARY_DIR, repo).plan
    return plan, _vocabulary(plan)


def site_config(text: str) -> str:
    """The real mkdocs.yml for a copied site: ``watch`` names folders that exist only in the repo."""
    out = re.sub(r"(?m)^watch:\n(?:[ \t]+.*\n|[ \t]*\n)*", "", text)
    if "navigation.prune" not in out:
        raise ValueError("mkdocs.yml lost navigation.prune; the benchmark relies on it")
    return out


def write_shell(out: Path, repo: Path = REPO) -> None:
    """Everything of the site except data/ and the commentary: config, theme overrides, assets."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "mkdocs.yml").write_text(site_config((repo / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    if (repo / "overrides").is_dir():
        shutil.copytree(repo / "overrides", out / "overrides", dirs_exist_ok=True)
    shutil.copytree(repo / "content", out / "content", dirs_exist_ok=True,
                    ignore=lambda d, names: [COMMENTARY_DIR] if Path(d) == repo / "content" else [])


def copy_real(out: Path, repo: Path = REPO) -> None:
    """A snapshot of the real site, so benchmark edits ("touch a data file") never touch the repo."""
    write_shell(out, repo)
    shutil.copytree(repo / DATA_DIR, out / DATA_DIR, dirs_exist_ok=True)
    shutil.copytree(repo / "content" / COMMENTARY_DIR, out / "content" / COMMENTARY_DIR, dirs_exist_ok=True)


def edit_one_translation(site: Path) -> Path:
    """A contributor's edit, for the rebuild benchmarks: the first translated text of pillar I gets
    a word more. Its page and search text change (a touch alone would change nothing a cache sees)."""
    path = site / DATA_DIR / "translations" / "zh" / "I.yaml"
    data = _load_yaml(path)
    uid = next(uid for uid, fields in data.items() if isinstance(fields, dict) and isinstance(fields.get("text"), str))
    data[uid]["text"] = "（修订）" + data[uid]["text"]
    _dump(data, path)
    return path


def _dump(data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def _load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def real_counts(plan: Any) -> Counts:
    return Counts(
        pillars=len(plan.pillars), goals=sum(len(p.goals) for p in plan.pillars),
        actions=sum(len(g.actions) for p in plan.pillars for g in p.goals),
        critiques=len(plan.critiques), agencies=len(plan.agencies),
    )


# Data files the generator writes itself; the rest of data/ is copied from the real plan.
GENERATED = {"plan.yaml", "agencies.yaml", "footnotes.yaml", "pillars", "translations"}


class Generator:
    """Builds one synthetic dataset; ``write`` puts it on disk as the plugin expects it."""

    def __init__(self, k: float, seed: int, repo: Path) -> None:
        self.repo = repo
        self.rng = random.Random(f"actionplan-bench-{seed}-{k}")
        self.real, vocabulary = _real(repo)
        self.real_zh = {uid: t.fields for uid, t in self.real.translations.get("zh", {}).items()}
        self.words = Words(self.rng, *vocabulary)
        self.counts = expected_counts(k, real_counts(self.real))
        self.glossary = [(re.compile(r"(?<![\w-])" + re.escape(t.en) + r"(?![\w-])"), t.zh) for t in self.real.glossary]
        self.real_pillars = list(self.real.pillars)
        self.real_goals = [g for p in self.real.pillars for g in p.goals]
        self.real_actions = [a for g in self.real_goals for a in g.actions]
        self.next_footnote = max(footnote_refs(*self.real.intro.intro), default=0) + 1
        self.page = self.real.intro.printed_page + 2
        self._agencies()

    # -- agencies ------------------------------------------------------------------------------
    def _agencies(self) -> None:
        """Real agencies first, then numbered regional copies of them, so each agency's page
        lists about as many actions at every scale (the real popularity is kept per copy)."""
        base = list(self.real.agencies)
        zh_names = self.real_zh.get("agencies", {})
        n = self.counts.agencies
        self.agencies: list[dict[str, Any]] = []
        self.agency_zh: dict[str, str] = {}
        self.copies: dict[str, list[dict[str, Any]]] = {a.id: [] for a in base}
        for j in range(n):
            a, c = base[j % len(base)], j // len(base)
            rec: dict[str, Any] = {"id": a.id, "name": a.name}
            zh = str(zh_names.get(a.id) or a.name)
            if a.acronym:
                rec["acronym"] = a.acronym
            if c:
                rec["id"] = f"{a.id}-{c + 1}"
                rec["name"] = f"{a.name} Region {c + 1}"
                if a.acronym:
                    rec["acronym"] = f"{a.acronym}-R{c + 1}"
                zh = f"{zh}第{c + 1}分局"
            self.agencies.append(rec)
            self.agency_zh[rec["id"]] = zh
            self.copies[a.id].append(rec)

    def _pick_agency(self, real_id: str) -> dict[str, Any]:
        pool = self.copies.get(real_id) or []
        if pool:
            return self.rng.choice(pool)
        return self.rng.choice(self.agencies)  # k < 1: fewer agencies than the real plan

    def _mention(self, rec: dict[str, Any]) -> tuple[str, str]:
        """How the text names an agency, in English and in Chinese."""
        acr = rec.get("acronym")
        zh = self.agency_zh[rec["id"]]
        if acr and self.rng.random() < 0.5:
            return acr, acr
        if acr:
            return f"the {rec['name']} ({acr})", f"{zh}（{acr}）"
        return f"the {rec['name']}", zh

    # -- text helpers ------------------------------------------------------------------------
    def _markers(self, n: int) -> list[int]:
        out = list(range(self.next_footnote, self.next_footnote + n))
        self.next_footnote += n
        return out

    def _glossary_fix(self, en: str, zh: str) -> str:
        """Our translation renders every glossary term one way; add any rendering still missing."""
        missing = [term for rx, term in self.glossary if rx.search(en) and term not in zh]
        if not missing:
            return zh
        return zh + "（" + "、".join(missing) + "）"

    def _paragraphs(self, real_en: tuple[str, ...], real_zh: tuple[str, ...], n_fn: int) -> tuple[list[str], list[str]]:
        """Intro paragraphs as long as a real unit's, with ``n_fn`` footnote markers in both languages."""
        markers = self._markers(n_fn)
        where = sorted(self.rng.choices(range(len(real_en)), k=len(markers)))
        en_out, zh_out = [], []
        for i, (e, z) in enumerate(zip(real_en, real_zh, strict=True)):
            mine = [m for m, w in zip(markers, where, strict=True) if w == i]
            en_s = self.words.en_sentences(len(e))
            zh_s = self.words.zh_sentences(len(z))
            en = _with_markers(en_s, mine, self.rng, " ")
            zh = self._glossary_fix(en, "".join(zh_s))
            # same markers, same order, at the end of Chinese sentences
            zh = _with_markers(re.findall(r"[^。]+。?", zh) or [zh], mine, self.rng, "")
            en_out.append(en)
            zh_out.append(zh)
        return en_out, zh_out

    def _title(self, real_en: str, real_zh: str) -> tuple[str, str]:
        en = self.words.en_title(len(real_en))[:300]
        return en, self._glossary_fix(en, self.words.zh_title(len(real_zh)))[:300]

    def _advance_page(self) -> int:
        if self.rng.random() < 0.22:
            self.page += 1
        return self.page

    # -- units ---------------------------------------------------------------------------------
    def _action(self, aid: str, real: Action) -> tuple[dict[str, Any], str]:
        zh_real = str(self.real_zh[real.id]["text"])
        lead: list[dict[str, Any]] = []
        named: list[dict[str, Any]] = []
        for rid in real.lead:
            rec = self._pick_agency(rid)
            if rec not in lead:
                lead.append(rec)
        for rid in real.agencies:
            rec = self._pick_agency(rid)
            if rec not in lead and rec not in named:
                named.append(rec)
        en_parts, zh_parts = [], []
        lead_text = None
        if lead:
            forms = [self._mention(r) for r in lead]
            lead_text = "Led by " + _join_en([f[0] for f in forms])
            en_parts.append(lead_text + ",")
            zh_parts.append("由" + "、".join(f[1] for f in forms) + "牵头，")
        if named:
            forms = [self._mention(r) for r in named]
            en_parts.append("in coordination with " + _join_en([f[0] for f in forms]) + ",")
            zh_parts.append("会同" + "、".join(f[1] for f in forms) + "，")
        head_en, head_zh = " ".join(en_parts), "".join(zh_parts)
        en_s = self.words.en_sentences(max(40, len(real.text) - len(head_en)))
        if head_en:
            first = en_s[0]
            if first[1:2].islower():
                first = first[0].lower() + first[1:]
            en_s[0] = head_en + " " + first
        zh_s = self.words.zh_sentences(max(15, len(zh_real) - len(head_zh)))
        zh_s[0] = head_zh + zh_s[0]
        markers = self._markers(len(real.footnotes))
        en = _with_markers(en_s, markers, self.rng, " ")
        zh_body = self._glossary_fix(en, "".join(zh_s))
        zh = _with_markers(re.findall(r"[^。]+。?", zh_body), markers, self.rng, "")
        rec: dict[str, Any] = {"id": aid, "printed_page": self._advance_page(), "text": en,
                               "lead": [r["id"] for r in lead]}
        if lead_text:
            rec["lead_text"] = lead_text
        rec["agencies"] = [r["id"] for r in named]
        if real.notes:
            rec["notes"] = [{"kind": n.kind, "text": n.text} for n in real.notes]
        return rec, zh

    def _goal(self, gid: str, real: Goal, n_actions: int, first_action: int) -> tuple[dict[str, Any], dict[str, Any]]:
        title, title_zh = self._title(real.title, str(self.real_zh[real.id]["title"]))
        intro, intro_zh = self._paragraphs(real.intro, tuple(self.real_zh[real.id]["intro"]), len(real.footnotes))
        rec: dict[str, Any] = {"id": gid, "title": title, "printed_page": self._advance_page(), "intro": intro, "actions": []}
        zh: dict[str, Any] = {gid: {"title": title_zh, "intro": intro_zh}}
        for i in range(n_actions):
            real_a = self.real_actions[(first_action + i) % len(self.real_actions)]
            a, a_zh = self._action(f"{gid}.{i + 1}", real_a)
            rec["actions"].append(a)
            zh[a["id"]] = {"text": a_zh}
        if real.notes:
            rec["notes"] = [{"kind": n.kind, "text": n.text} for n in real.notes]
        return rec, zh

    def pillars(self) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        """The three pillar files and their translations, goals and actions spread like the real ones."""
        c = self.counts
        per_pillar = _allocate(c.goals, [len(p.goals) for p in self.real_pillars])
        real_per_goal = [len(g.actions) for g in self.real_goals]
        per_goal = _allocate(c.actions, [real_per_goal[j % len(real_per_goal)] for j in range(c.goals)])
        out, zh_files = [], {}
        j = 0
        action_no = 0
        for pi, pid in enumerate(PILLARS):
            real_p: Pillar = self.real_pillars[pi % len(self.real_pillars)]
            title, title_zh = self._title(real_p.title, str(self.real_zh[real_p.id]["title"]))
            intro, intro_zh = self._paragraphs(real_p.intro, tuple(self.real_zh[real_p.id]["intro"]), len(real_p.footnotes))
            rec: dict[str, Any] = {"id": pid, "title": title, "printed_page": self._advance_page(), "intro": intro, "goals": []}
            zh: dict[str, Any] = {pid: {"title": title_zh, "intro": intro_zh}}
            for gi in range(per_pillar[pi]):
                g, g_zh = self._goal(f"{pid}.{gi + 1}", self.real_goals[j % len(self.real_goals)], per_goal[j], action_no)
                action_no += per_goal[j]
                j += 1
                rec["goals"].append(g)
                zh.update(g_zh)
            out.append(rec)
            zh_files[pid] = zh
        return out, zh_files

    def critiques(self, pillars: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any], str]]:
        """Commentary units: kind, targets (by kind), lengths, claims and paragraphs of real ones."""
        goals = {p["id"]: [g["id"] for g in p["goals"]] for p in pillars}
        actions = {p["id"]: [a["id"] for g in p["goals"] for a in g["actions"]] for p in pillars}
        all_goals = [g for p in PILLARS for g in goals[p]]
        all_actions = [a for p in PILLARS for a in actions[p]]
        counts = {
            "pillars": {"plan": len(PILLARS), **{p: 1 for p in PILLARS}},
            "goals": {"plan": len(all_goals), **{p: len(goals[p]) for p in PILLARS}},
            "actions": {"plan": len(all_actions), **{p: len(actions[p]) for p in PILLARS}},
        }
        unit = {"pillars": "大支柱", "goals": "项目标", "actions": "条推荐政策行动"}
        real = list(self.real.critiques)
        n = self.counts.critiques
        last_paragraph = max(c.paragraph for c in real)
        out = []
        for i in range(n):
            rc = real[i % len(real)]
            cid = f"C{i + 1:02d}"  # as the real IDs: C01 … C32, then C100 …; authored pages link to e.g. C19
            targets: list[str] = []
            for t in rc.targets:
                pillar = t.split(".")[0]
                if t in ("plan", "intro") or t in PILLARS:
                    pick = t
                elif t.count(".") == 1:
                    pick = self.rng.choice(goals.get(pillar) or all_goals)
                else:
                    pick = self.rng.choice(actions.get(pillar) or all_actions)
                if pick not in targets:
                    targets.append(pick)
            sentences = self.words.zh_sentences(len(rc.text))
            claims = []
            for j, cl in enumerate(rc.claims):
                value = counts[cl.metric][cl.scope]
                scope = "" if cl.scope == "plan" else f"第{ZH_NUMERALS[cl.scope]}支柱包含"
                quote = f"{scope}{value}{unit[cl.metric]}"
                slot = self.rng.randrange(len(sentences))
                sentences[slot] = quote + "，" + sentences[slot]  # whole sentences: quotes never split
                claims.append({"id": f"K-{cid}-{j + 1}", "quote": quote, "metric": cl.metric, "scope": cl.scope,
                               "expected": value})
            text = "".join(sentences)
            meta: dict[str, Any] = {"id": cid, "kind": rc.kind, "position": i + 1,
                                    "paragraph": rc.paragraph + (i // len(real)) * last_paragraph, "targets": targets}
            if rc.en:
                meta["en"] = " ".join(self.words.en_sentences(len(rc.en)))
            if rc.editorial:
                meta["editorial"] = " ".join(self.words.en_sentences(len(rc.editorial)))
            if claims:
                meta["claims"] = claims
            out.append((cid, meta, text))
        return out

    def _changelog(self, path: Path, pillars: list[dict[str, Any]], critique_ids: list[str]) -> None:
        """Releases may name only units that exist; drop real IDs this dataset does not have."""
        if not path.exists():
            return
        releases = _load_yaml(path)
        known = {"intro", *critique_ids}
        for p in pillars:
            known.add(p["id"])
            for g in p["goals"]:
                known.add(g["id"])
                known.update(a["id"] for a in g["actions"])
        for r in releases or []:
            if isinstance(r, dict) and isinstance(r.get("units"), list):
                r["units"] = [u for u in r["units"] if u in known]
        _dump(releases, path)

    def write(self, out: Path) -> Counts:
        write_shell(out, self.repo)
        data = out / DATA_DIR
        pillars, zh_files = self.pillars()
        for p in pillars:
            _dump(p, data / "pillars" / f"{p['id']}.yaml")
            _dump(zh_files[p["id"]], data / "translations" / "zh" / f"{p['id']}.yaml")
        plan = _load_yaml(self.repo / DATA_DIR / "plan.yaml")
        plan["counts"] = {"pillars": self.counts.pillars, "goals": self.counts.goals, "actions": self.counts.actions}
        plan["pillars"] = list(PILLARS)
        _dump(plan, data / "plan.yaml")
        zh_plan = _load_yaml(self.repo / DATA_DIR / "translations" / "zh" / "plan.yaml")
        zh_plan["agencies"] = dict(self.agency_zh)
        _dump(zh_plan, data / "translations" / "zh" / "plan.yaml")
        _dump(self.agencies, data / "agencies.yaml")
        real_fn = list(self.real.footnotes)
        _dump([{"number": n, "text": real_fn[(n - 1) % len(real_fn)].text} for n in range(1, self.next_footnote)],
              data / "footnotes.yaml")
        # Everything else (glossary, changelog, files added later) is copied as it is.
        real_data = self.repo / DATA_DIR
        shutil.copytree(real_data, data, dirs_exist_ok=True,
                        ignore=lambda d, names: [n for n in names if n in GENERATED] if Path(d) == real_data else [])
        commentary = out / "content" / COMMENTARY_DIR
        commentary.mkdir(parents=True, exist_ok=True)
        critiques = self.critiques(pillars)
        self._changelog(data / "changelog.yaml", pillars, [cid for cid, _, _ in critiques])
        for cid, meta, text in critiques:
            front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
            (commentary / f"{cid}.md").write_text(f"---\n{front}---\n{text}\n", encoding="utf-8")
        return self.counts


def _join_en(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def generate(k: float, out: Path, seed: int = 0, repo: Path = REPO) -> Counts:
    """Write a complete site at scale ``k`` into ``out`` (which should be empty) and return its counts."""
    if k <= 0:
        raise ValueError("k must be positive")
    return Generator(k, seed, repo).write(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("k", type=float, help="scale factor: 1 is the real plan's size, 10 is ten times")
    ap.add_argument("out", type=Path, help="output folder (a complete site: mkdocs.yml, data/, content/)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-check", action="store_true", help="skip validating the result with load_all")
    args = ap.parse_args(argv)
    counts = generate(args.k, args.out, args.seed)
    if not args.no_check:
        out = args.out
        load_all(out / DATA_DIR, out / "content" / COMMENTARY_DIR, out)
    print(f"{args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
