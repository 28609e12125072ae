"""``actionplan release x.y.z`` / ``make release VERSION=x.y.z`` on a throw-away git repository
holding a copy of the tiny fixture: the entry it writes, the units it finds, and what it refuses."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, build_env

GIT = ["git", "-c", "user.email=test@example.org", "-c", "user.name=test", "-c", "commit.gpgsign=false"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def release(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actionplan.cli", "-f", str(repo / "mkdocs.yml"), "release", "--no-source", *args],
                          cwd=repo, env=build_env(), capture_output=True, text=True, timeout=120)


def publish(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actionplan.cli", "-f", str(repo / "mkdocs.yml"), "publish", *args],
                          cwd=repo, env=build_env(), capture_output=True, text=True, timeout=120)


def check(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actionplan.cli", "check", "--root", str(repo), "--no-source"],
                          cwd=repo, env=build_env(), capture_output=True, text=True, timeout=120)


def first_commit(tiny: Path, message: str) -> None:
    """The tiny fixture as a new repository's first commit."""
    git(tiny, "init", "-q", "-b", "main")
    git(tiny, "add", "-A")
    git(tiny, "commit", "-q", "-m", message)


@pytest.fixture()
def repo(tiny: Path) -> Path:
    """The tiny fixture in a new repository, its release 0.0.1 committed and published."""
    first_commit(tiny, "release 0.0.1")
    done = publish(tiny)
    assert done.returncode == 0, done.stderr
    git(tiny, "commit", "-q", "-am", "release 0.0.1 published")
    return tiny


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def releases(repo: Path) -> list[dict]:  # type: ignore[type-arg]
    return yaml.safe_load((repo / "data" / "changelog.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


# Tests on a throw-away git repository are slow: git and an `actionplan release` process each.
@pytest.mark.slow
def test_release_lists_the_units_changed_since_the_last_release(repo: Path) -> None:
    edit(repo / "data" / "pillars" / "I.yaml", "en: A note of ours.", "en: A revised note of ours.")  # I.1.2's note
    edit(repo / "data" / "translations" / "zh" / "I.yaml", "召集利益相关方", "召集各利益相关方")  # I.2.1's translation
    edit(repo / "content" / "commentary" / "C02.md", "targets: [I.1.1]", "targets: [I.1.1, I.2]")  # C02 now also on I.2
    git(repo, "commit", "-q", "-am", "corrections")
    result = release(repo, "0.1.0", "--date", "2026-12-01", "--en", "Corrections.", "--zh", "修订。")
    assert result.returncode == 0, result.stderr
    assert "data/changelog.yaml:" in result.stdout and "ok:" in result.stdout
    newest, previous = releases(repo)[:2]
    newest["date"] = str(newest["date"])
    assert newest == {"version": "0.1.0", "date": "2026-12-01", "summary": {"en": "Corrections.", "zh": "修订。"},
                      "units": ["I.1.2", "I.2", "I.2.1", "C02"]}
    assert previous["version"] == "0.0.1"
    # The version lives there only: the built export reads it from the newest entry.
    from actionplan.site import load_all

    assert load_all(repo / "data", repo / "content" / "commentary", repo).plan.releases[0].version == "0.1.0"


@pytest.mark.slow
def test_uncommitted_changes_count_and_a_footnote_changes_the_units_citing_it(repo: Path) -> None:
    from actionplan.site import load_all

    ix = load_all(repo / "data", repo / "content" / "commentary", repo)
    number, citing = next((n, units) for n, units in sorted(ix.cited_by.items()) if units)
    foot = repo / "data" / "footnotes.yaml"
    text = ix.footnotes[number].text
    edit(foot, text, text + " (revised)")
    result = release(repo, "0.0.2", "--date", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert releases(repo)[0]["units"] == [u for u in ix.order if u in citing]
    # Without summaries the entry says what to write, and the command says where.
    assert releases(repo)[0]["summary"]["en"].startswith("TODO")
    assert "summary: write it" in result.stdout


@pytest.mark.slow
def test_the_base_is_the_recorded_commit_never_a_tag(repo: Path) -> None:
    """A tag on a later commit (or none at all) does not move the base: what changed since the
    commit 0.0.1 recorded is listed, wherever a tag points."""
    edit(repo / "data" / "translations" / "zh" / "I.yaml", "召集利益相关方", "召集各利益相关方")
    git(repo, "commit", "-q", "-am", "a change after 0.0.1 was published")
    git(repo, "tag", "v0.0.1")
    edit(repo / "content" / "commentary" / "C02.md", "en: The request for information is a critique target.",
         "en: The request for information is the critique's target.")
    result = release(repo, "0.0.2", "--date", "2026-12-01", "--en", "x", "--zh", "y")
    assert result.returncode == 0, result.stderr
    assert releases(repo)[0]["units"] == ["I.2.1", "C02"]


@pytest.mark.slow
def test_a_changed_entry_of_the_record_goes_in_the_release_with_its_units(repo: Path) -> None:
    """An instrument added or changed since the last release is named in the new release's
    ``record`` (each becomes an entry of the change feed), and the units it relates to changed."""
    edit(repo / "data" / "record.yaml", "en: A note of ours & <markup>.,", "en: A revised note of ours.,")
    result = release(repo, "0.0.2", "--date", "2026-12-01", "--en", "x", "--zh", "y")
    assert result.returncode == 0, result.stderr
    newest = releases(repo)[0]
    assert newest["record"] == ["ostp-rfi-2025-18737"] and newest["units"] == ["I.1", "I.1.1"]
    assert "record: ostp-rfi-2025-18737" in result.stdout


@pytest.mark.slow
def test_a_deleted_entry_of_the_record_changes_its_units_and_no_neighbour(tiny: Path) -> None:
    """Cutting a whole entry (the middle one of the fixture's three) names neither neighbour in
    ``record`` and counts for the units the entry related to; a unit dropped from an entry counts too."""
    # Published without naming the entry in its record (a published release's record is frozen).
    edit(tiny / "data" / "changelog.yaml", "record: [eo-14318, ostp-rfi-2025-18737]", "record: [eo-14318]")
    first_commit(tiny, "release 0.0.1")
    assert publish(tiny).returncode == 0
    git(tiny, "commit", "-q", "-am", "release 0.0.1 published")
    repo = tiny
    path = repo / "data" / "record.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: ostp-rfi-2025-18737")
    end = text.index("- id: eo-14179")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    git(repo, "commit", "-q", "-am", "the RFI entry was wrong")
    result = release(repo, "0.0.2", "--date", "2026-12-01", "--en", "x", "--zh", "y")
    assert result.returncode == 0, result.stderr
    newest = releases(repo)[0]
    assert "record" not in newest and newest["units"] == ["I.1", "I.1.1"]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "message"), [
    (["0.0.1"], "must be above the newest release, 0.0.1"),
    (["0.0.0"], "must be above the newest release"),
    (["1.0"], "expected x.y.z"),
    (["01.0.0"], "expected x.y.z"),
    (["0.0.2", "--date", "2026-10-01"], "not before 0.0.1's 2026-11-01"),
    (["0.0.2", "--en", "two\nlines"], "--en: the summary must be one line: it contains a line break"),
    (["0.0.2", "--en", "carriage\rreturn"], "--en: the summary contains an invisible or control character U+000D"),
    (["0.0.2", "--zh", "私用\ue000区"], "--zh: the summary contains an invisible or control character U+E000"),
    (["0.0.2", "--zh", " "], "--zh: the summary is empty"),
])
def test_release_refuses_bad_input_and_leaves_the_changelog_alone(repo: Path, args: list[str], message: str) -> None:
    before = (repo / "data" / "changelog.yaml").read_bytes()
    result = release(repo, *args)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert (repo / "data" / "changelog.yaml").read_bytes() == before


@pytest.mark.slow
def test_release_needs_the_previous_release_published(tiny: Path) -> None:
    """An unpublished release (no ``commit``) is extended, not followed by another."""
    first_commit(tiny, "release 0.0.1, not published yet")
    before = (tiny / "data" / "changelog.yaml").read_bytes()
    result = release(tiny, "0.0.2")
    assert result.returncode == 1
    assert "release 0.0.1: commit: none recorded, so it is not published yet; extend it" in result.stderr
    assert (tiny / "data" / "changelog.yaml").read_bytes() == before


@pytest.mark.slow
def test_publish_records_the_commit_once_and_only_of_committed_data(tiny: Path) -> None:
    first_commit(tiny, "release 0.0.1")
    head = git(tiny, "rev-parse", "HEAD").strip()
    edit(tiny / "data" / "translations" / "zh" / "I.yaml", "召集利益相关方", "召集各利益相关方")
    refused = publish(tiny)
    assert refused.returncode == 1 and "differ from" in refused.stderr and "Traceback" not in refused.stderr
    git(tiny, "checkout", "-q", "--", "data")
    done = publish(tiny)
    assert done.returncode == 0, done.stderr
    assert releases(tiny)[0]["commit"] == head
    assert "data/changelog.yaml:2: release 0.0.1: commit: " + head in done.stdout
    again = publish(tiny)
    assert again.returncode == 1 and "published already" in again.stderr


@pytest.mark.slow
@pytest.mark.parametrize(("old", "new", "field"), [
    ("units: [I.1.1]", "units: [I.1.1, I.2.1]", "units"),
    ("record: [eo-14318, ostp-rfi-2025-18737]", "record: [eo-14318]", "record"),
    ("en: Tiny fixture release.", "en: Tiny fixture release, extended.", "summary"),
    ("date: 2026-11-01", "date: 2026-11-02", "date"),
])
def test_check_refuses_to_extend_a_published_release(repo: Path, old: str, new: str, field: str) -> None:
    """Once its commit is recorded, a release reads as it did there: check (and so the build and
    release) names the file, line, release and field, and says what to do instead."""
    edit(repo / "data" / "changelog.yaml", old, new)
    line = next(n for n, text in enumerate((repo / "data" / "changelog.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith(field + ":"))
    result = check(repo)
    assert result.returncode == 1
    assert (f"data/changelog.yaml:{line}: release 0.0.1: {field}: release 0.0.1 was published at commit" in result.stdout
            and "put the change in a new release (make release VERSION=x.y.z)" in result.stdout), result.stdout
    refused = release(repo, "0.0.2", "--date", "2026-12-01", "--en", "x", "--zh", "y")
    assert refused.returncode == 1 and "was published at commit" in refused.stderr


@pytest.mark.slow
def test_a_recorded_commit_must_exist_and_hold_the_release(repo: Path) -> None:
    path = repo / "data" / "changelog.yaml"
    commit = releases(repo)[0]["commit"]
    edit(path, commit, "deadbeef" * 5)
    result = check(repo)
    assert result.returncode == 1 and f"release 0.0.1: commit: {'deadbeef' * 5} is not a commit of this repository" in result.stdout
    empty_tree = git(repo, "hash-object", "-t", "tree", "/dev/null").strip()
    other = git(repo, "commit-tree", empty_tree, "-m", "a commit without the release").strip()
    edit(path, "deadbeef" * 5, other)
    result = check(repo)
    assert result.returncode == 1 and f"the changelog at {other[:12]} has no release 0.0.1" in result.stdout


@pytest.mark.slow
def test_release_refuses_broken_data(repo: Path) -> None:
    edit(repo / "data" / "pillars" / "I.yaml", "lead: [OSTP]", "lead: [OSPT]")
    result = release(repo, "0.0.2")
    assert result.returncode == 1 and "I.yaml" in result.stderr and "OSPT" in result.stderr
    assert releases(repo)[0]["version"] == "0.0.1"


def test_make_release_runs_the_command() -> None:
    out = subprocess.run(["make", "-n", "release", "VERSION=9.8.7"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "actionplan release 9.8.7" in out.stdout
    missing = subprocess.run(["make", "-n", "release"], cwd=ROOT, capture_output=True, text=True)
    assert missing.returncode != 0 and "VERSION" in missing.stderr


def test_no_published_release_keeps_the_placeholder_summary(index) -> None:  # type: ignore[no-untyped-def]
    """Live data, an invariant: ``release`` writes a placeholder until a summary is given."""
    from actionplan.release import PLACEHOLDER_EN, PLACEHOLDER_ZH

    for r in index.plan.releases:
        assert PLACEHOLDER_EN not in r.summary_en and PLACEHOLDER_ZH not in r.summary_zh, r.version


@pytest.mark.slow
def test_a_changed_provenance_changes_every_commentary_unit(repo: Path) -> None:
    """data/commentary.yaml shows on every critique page and in its citations (issue 25), so a
    change to it (e.g. the original publication established) is a change to every commentary unit."""
    edit(repo / "data" / "commentary.yaml", "title: null\n", "title: 一个已查明的标题\n")
    result = release(repo, "0.0.2", "--date", "2026-12-01", "--en", "x", "--zh", "y")
    assert result.returncode == 0, result.stderr
    assert releases(repo)[0]["units"] == ["C01", "C02", "C03"]


def bump(version: str) -> str:
    major, minor, patch = (int(n) for n in version.split("."))
    return f"{major}.{minor}.{patch + 1}"


@pytest.mark.slow
def test_a_release_on_a_fresh_tagless_clone_names_exactly_what_changed(tmp_path: Path) -> None:
    """The project as it is (uncommitted work included) in a fresh clone without tags: one entry
    added to the record since the newest release's recorded commit gives a release naming exactly
    that entry and the units it relates to (a tag-based base named every instrument here)."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--no-tags", str(ROOT), str(clone))
    assert git(clone, "tag") == ""
    for name in git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0"):
        src = ROOT / name
        if name and src.is_file() and not src.is_symlink():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, clone / name)
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "--allow-empty", "-m", "the working tree")
    newest = releases(clone)[0]
    if "commit" in newest and subprocess.run(["git", "diff", "--quiet", newest["commit"], "--", "data", "content/commentary"], cwd=clone).returncode:
        # Work since the newest release (on main, or uncommitted): released and published first, as it would be.
        opened = release(clone, bump(newest["version"]), "--en", "Work since.", "--zh", "此后的修改。")
        assert opened.returncode == 0, opened.stdout + opened.stderr
        git(clone, "commit", "-q", "-am", "a release of the work since")
        newest = releases(clone)[0]
    if "commit" not in newest:  # merged and published, as a release is before the next one opens
        assert publish(clone).returncode == 0
        git(clone, "commit", "-q", "-am", "published")
    path = clone / "data" / "record.yaml"
    text = path.read_text(encoding="utf-8")
    first = yaml.safe_load(text)[0]
    start = text.index(f"- id: {first['id']}\n")
    end = text.index("\n- id: ", start) + 1
    path.write_text(text + text[start:end].replace(f"- id: {first['id']}\n", "- id: copy-of-the-first-entry\n", 1), encoding="utf-8")
    result = release(clone, bump(newest["version"]), "--en", "One entry more.", "--zh", "多一条记录。")
    assert result.returncode == 0, result.stdout + result.stderr
    made = releases(clone)[0]
    assert made["record"] == ["copy-of-the-first-entry"]
    assert set(made["units"]) == {link["unit"] for link in first["units"]}
    assert len(made["units"]) == len(set(made["units"]))
