"""The GitHub Actions workflows: actionlint finds nothing, actions are pinned, permissions are least.

actionlint comes from the test extras (a wheel that ships the binary, so it runs offline).
When shellcheck is on PATH, actionlint also checks the shell scripts of `run:` steps.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")


def _actionlint() -> str:
    beside_python = Path(sys.executable).parent / "actionlint"
    found = str(beside_python) if beside_python.exists() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is not installed: add it to the test extras in pyproject.toml "
                    "and run `make install`")
    return found


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "deploy.yml"} <= names, names


def test_actionlint_reports_nothing():
    result = subprocess.run([_actionlint(), "-oneline", "-no-color", *map(str, WORKFLOWS)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path: Path):
    """A tag can be moved to other code; a full commit SHA cannot. The comment names the version."""
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = USES_LINE.match(line)
        if not m or m["ref"].startswith("./"):
            continue
        if not PINNED.match(m["ref"]):
            problems.append(f"{path.name}:{number}: {m['ref']} is not pinned to a 40-hex commit SHA")
        elif not re.search(r"#\s*v\d", m["rest"]):
            problems.append(f"{path.name}:{number}: {m['ref']} lacks a trailing `# vX.Y.Z` comment")
    assert not problems, "\n".join(problems)
    steps = [s for job in _load(path)["jobs"].values() for s in job.get("steps", [])]
    assert any("uses" in s for s in steps), "the line scan above found no `uses:` to check"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_declared_and_least(path: Path):
    wf = _load(path)
    perms = wf.get("permissions")
    assert isinstance(perms, dict), f"{path.name}: declare `permissions:` at workflow level, as a mapping"
    assert perms.get("contents") == "read", f"{path.name}: contents must be read-only, got {perms.get('contents')!r}"
    for name, job in wf["jobs"].items():
        job_perms = job.get("permissions", perms)
        assert isinstance(job_perms, dict), f"{path.name}: job {name}: permissions must be a mapping"
        assert job_perms.get("contents", "read") == "read", f"{path.name}: job {name} may not write contents"
    triggers = wf.get("on", wf.get(True))  # PyYAML reads the bare key `on` as True
    assert "pull_request_target" not in (triggers or {}), f"{path.name}: pull_request_target runs untrusted code with secrets"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_jobs_have_timeouts_and_runs_are_serialised(path: Path):
    wf = _load(path)
    assert "concurrency" in wf, f"{path.name}: declare a workflow-level concurrency group"
    for name, job in wf["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: job {name} needs timeout-minutes"


def test_deploy_never_cancels_a_running_deployment():
    wf = _load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_pr_check_has_history_for_the_data_diff():
    wf = _load(ROOT / ".github" / "workflows" / "pr.yml")
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = "\n".join(s.get("run", "") for s in steps)
    for command in ("make check", "make site", "make test", "-m generator diff"):
        assert command in runs, command
    assert wf["concurrency"]["cancel-in-progress"] is True


def test_pr_check_compares_urls_lock_with_the_base_branch():
    """The URL promise cannot be bypassed by editing urls.lock in the same pull request (issue 15)."""
    wf = _load(ROOT / ".github" / "workflows" / "pr.yml")
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    check = next(s for s in steps if s.get("id") == "check")
    assert 'make check BASE="$BASE_SHA"' in check["run"]
    assert check["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    # git refuses to read a repository owned by another user inside the container, so trust it first
    assert check["run"].index("safe.directory") < check["run"].index("make check")
