"""The contributor tooling around the code: CI workflow, pre-commit hooks, editor settings, CONTRIBUTING.md.

CI must run the same commands a contributor runs (``make check``, ``make test``, ``make build``)
rather than a second, drifting copy of their steps; a fork's pull request must be able to run it
(no secrets on that path); and the documents contributors read must stay true to the project.
"""

from __future__ import annotations

import fnmatch
import json
import re
from typing import Any

import pytest
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
VSCODE = ROOT / ".vscode"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
ACTION_REF = re.compile(r"^[\w.-]+/[\w.-]+@v\d+$")  # owner/repo@vN: pinned by major version


def load_workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def triggers(wf: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean true.
    on = wf.get("on", wf.get(True))
    assert isinstance(on, dict), on
    return on


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps", [])  # type: ignore[no-any-return]


def runs(wf: dict[str, Any]) -> list[str]:
    return [s["run"] for job in wf["jobs"].values() for s in steps(job) if "run" in s]


def pr_jobs(wf: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Jobs a pull request can start: those not restricted to push events by their `if`."""
    return {name: job for name, job in wf["jobs"].items() if "github.event_name == 'push'" not in str(job.get("if", ""))}


def uses(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in steps(job) if str(s.get("uses", "")).split("@")[0] == action]


# -- the workflow -----------------------------------------------------------------------------


def test_workflow_triggers_on_pull_requests_and_pushes_to_main() -> None:
    on = triggers(load_workflow())
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]


def test_workflow_has_test_and_deploy_jobs_whose_steps_each_do_one_thing() -> None:
    wf = load_workflow()
    assert {"test", "deploy"} <= set(wf["jobs"])
    for name, job in wf["jobs"].items():
        assert steps(job), name
        for step in steps(job):
            assert ("uses" in step) != ("run" in step), f"{name}: a step needs exactly one of uses/run: {step}"


def test_actions_are_pinned_by_major_version() -> None:
    for job in load_workflow()["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert ACTION_REF.match(step["uses"]), step["uses"]


def test_test_job_checks_out_full_history_on_python_311() -> None:
    job = load_workflow()["jobs"]["test"]
    checkout = uses(job, "actions/checkout")
    assert checkout[0]["uses"] == "actions/checkout@v4" and checkout[0]["with"]["fetch-depth"] == 0
    assert job["container"] == "python:3.11-bookworm"  # Debian, Python 3.11, root: as a developer's machine


def test_workflow_calls_the_project_commands_in_order() -> None:
    job = load_workflow()["jobs"]["test"]
    commands = [line.strip() for s in steps(job) if "run" in s for line in s["run"].splitlines()]
    order = [next(i for i, c in enumerate(commands) if c == cmd) for cmd in ("make check", "make test", "make build")]
    assert order == sorted(order), commands
    deploy = load_workflow()["jobs"]["deploy"]
    assert any(s.get("run", "").strip() == "make build" for s in steps(deploy))


def test_workflow_does_not_duplicate_what_the_makefile_does() -> None:
    for run in runs(load_workflow()):
        assert not re.search(r"\bpip3?\s+install\b|-m\s+pip\b", run), run
        assert not re.search(r"\bmkdocs\s+(build|serve)\b", run), run
        assert not re.search(r"\b(pytest|ruff|mypy|actionplan)\b", run), run


def test_pull_request_path_needs_no_secrets() -> None:
    wf = load_workflow()
    assert set(pr_jobs(wf)) == {"test"}
    for name, job in pr_jobs(wf).items():
        text = json.dumps(job)
        assert "secrets." not in text, name
        assert "write" not in json.dumps(job.get("permissions", {})), name
    assert wf["permissions"] == {"contents": "read"}


def test_official_sources_are_provided_or_the_run_explains_why_not() -> None:
    job = load_workflow()["jobs"]["test"]
    shared = [s for s in uses(job, "actions/checkout") if s.get("with", {}).get("path") == "shared"]
    assert shared and "vars.SHARED_REPO" in shared[0]["with"]["repository"]
    guard = [s for s in steps(job) if "Americas-AI-Action-Plan.layout.txt" in s.get("run", "")]
    assert guard, "a step must fail with a clear message when ../shared/source is missing"
    assert "../shared" in guard[0]["run"] and "exit 1" in guard[0]["run"] and "::error" in guard[0]["run"]
    assert "commentary.zh.txt" in guard[0]["run"], "check compares the commentary with it"
    names = [s.get("name", "") for s in steps(job)]
    position = {cmd: next(i for i, s in enumerate(steps(job)) if s.get("run", "").strip() == cmd) for cmd in ("make check", "make test")}
    checkout = next(i for i, s in enumerate(steps(job)) if s.get("with", {}).get("path") == "shared")
    # make check needs ../shared/source (it refuses to run without the commentary's source text).
    assert checkout < names.index(guard[0]["name"]) < position["make check"] < position["make test"]


def test_browser_dependencies_come_from_make_test_itself() -> None:
    """As root in a Debian container, `make test` installs Debian's chromium: no step of its own."""
    job = load_workflow()["jobs"]["test"]
    assert not any("apt-get" in s.get("run", "") for s in steps(job))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium fonts-noto-cjk" in makefile


def test_every_pull_request_gets_a_site_preview_artifact() -> None:
    job = load_workflow()["jobs"]["test"]
    upload = [s for s in uses(job, "actions/upload-artifact") if s["with"]["name"] == "site-preview"]
    assert upload and upload[0]["uses"] == "actions/upload-artifact@v4"
    assert upload[0]["with"]["path"].rstrip("/") == "site"
    assert "event_name" not in upload[0].get("if", ""), "the preview must not be limited to some events"
    build = next(s for s in steps(job) if "make build" in s.get("run", ""))
    assert "SITE_URL" in build["run"], "the preview is built for the Pages URL"


def test_deploy_runs_only_for_pushes_to_main_after_the_tests() -> None:
    job = load_workflow()["jobs"]["deploy"]
    condition = job["if"]
    assert "github.event_name == 'push'" in condition and "github.ref == 'refs/heads/main'" in condition
    needs = job["needs"]
    assert needs == "test" or "test" in needs
    assert job["permissions"]["pages"] == "write" and job["permissions"]["id-token"] == "write"
    assert job["environment"]["name"] == "github-pages"
    used = [s["uses"] for s in steps(job) if "uses" in s]
    for action in ("actions/configure-pages@v5", "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4"):
        assert action in used, used
    configure = uses(job, "actions/configure-pages")[0]
    build = next(s for s in steps(job) if s.get("run", "").strip() == "make build")
    assert build["env"]["SITE_URL"] == "${{ steps." + configure["id"] + ".outputs.base_url }}"


# -- pre-commit -----------------------------------------------------------------------------


def hooks() -> dict[str, dict[str, Any]]:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    return {h["id"]: {**h, "repo": r["repo"]} for r in config["repos"] for h in r["hooks"]}


def test_pre_commit_runs_ruff_with_fix() -> None:
    ruff = hooks()["ruff"]
    assert ruff["repo"] == "https://github.com/astral-sh/ruff-pre-commit"
    assert "--fix" in ruff["args"]


def test_pre_commit_ruff_matches_the_pinned_ruff() -> None:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    rev = next(r["rev"] for r in config["repos"] if r["repo"].endswith("/ruff-pre-commit"))
    pinned = re.search(r"^ruff==(\S+)$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M)
    assert pinned and rev == f"v{pinned.group(1)}"


def test_pre_commit_runs_make_check_on_data_and_content() -> None:
    hook = hooks()["make-check"]
    assert hook["repo"] == "local" and hook["entry"] == "make check" and hook["language"] == "system"
    assert hook["pass_filenames"] is False
    for path in ("data/plan.yaml", "data/translations/zh/I.yaml", "content/commentary/C01.md"):
        assert re.search(hook["files"], path), path
    assert not re.search(hook["files"], "plugins/actionplan/load.py")


@pytest.mark.parametrize(("hook", "path", "excluded"), [
    ("check-yaml", "mkdocs.yml", True),
    ("check-yaml", "data/plan.yaml", False),
    ("trailing-whitespace", "content/commentary/C01.md", True),
    ("trailing-whitespace", "tests/fixtures/tiny/content/commentary/C01.md", True),
    ("trailing-whitespace", "tests/golden/commentary__C01.md", True),
    ("end-of-file-fixer", "tests/golden/commentary__C01.md", True),
    ("trailing-whitespace", "data/pillars/I.yaml", False),
    ("end-of-file-fixer", "data/pillars/I.yaml", False),
])
def test_pre_commit_leaves_what_it_must_not_touch(hook: str, path: str, excluded: bool) -> None:
    assert bool(re.search(hooks()[hook].get("exclude", "^$"), path)) == excluded


# -- editor support -------------------------------------------------------------------------


def schema_globs() -> dict[str, str]:
    return json.loads((VSCODE / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]  # type: ignore[no-any-return]


def test_vscode_schema_paths_point_into_schemas() -> None:
    globs = schema_globs()
    assert globs
    for path in globs:
        assert path.startswith("./schemas/") and path.endswith(".schema.json"), path
        assert (ROOT / path).is_file(), f"{path}: run make schemas"


def test_vscode_maps_each_data_file_to_the_schema_its_modeline_names() -> None:
    globs = schema_globs()
    files = sorted(p for p in (ROOT / "data").rglob("*.yaml"))
    assert len(files) >= 10
    for f in files:
        rel = f.relative_to(ROOT).as_posix()
        mapped = [s for s, g in globs.items() if fnmatch.fnmatch(rel, g)]
        assert len(mapped) == 1, (rel, mapped)
        first = f.read_text(encoding="utf-8").splitlines()[0]
        named = (f.parent / first.split("$schema=", 1)[1].strip()).resolve()
        assert named == (ROOT / mapped[0]).resolve(), rel


def test_vscode_recommends_the_yaml_extension() -> None:
    recommended = json.loads((VSCODE / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended


# -- CONTRIBUTING.md stays true ---------------------------------------------------------------


def test_contributing_quotes_only_real_problem_messages() -> None:
    """The example messages must be ones the bad-input catalogue pins (and so ones `make check` prints)."""
    from .test_bad_inputs import CASES

    known = {p.values[1] for p in CASES}  # type: ignore[attr-defined]
    text = CONTRIBUTING.read_text(encoding="utf-8")
    quoted = re.findall(r"^\s*((?:data|content)/\S+:\d+: .+)$", text, re.M)
    assert len(quoted) >= 4  # 2-3 examples, in each language
    for line in quoted:
        assert line in known, line


def test_contributing_names_only_existing_make_targets() -> None:
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    for target in set(re.findall(r"`make (\w[\w-]*)`", CONTRIBUTING.read_text(encoding="utf-8"))):
        assert target in targets, target


def test_contributing_table_of_contents_links_resolve() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a id="([\w-]+)"></a>', text))
    links = re.findall(r"\]\(#([\w-]+)\)", text)
    assert links
    for link in links:
        assert link in anchors, link
