"""Reproducible installs: everything is installed from requirements.lock, pinned with hashes, and the
lock covers every dependency pyproject.toml declares (run `make lock-deps` after changing them)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def _pins() -> dict[str, list[tuple[str, str | None, list[str]]]]:
    """name → [(version, marker, hashes)] (a universal lock may pin two versions under exclusive markers)."""
    pins: dict[str, list] = {}
    current = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if m := ENTRY.match(line):
            current = (m["version"], m["marker"], [])
            pins.setdefault(canonicalize_name(m["name"]), []).append(current)
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            current[2].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = [r for group in project["project"]["optional-dependencies"].values() for r in group]
    names = project["project"]["dependencies"] + extras
    return [Requirement(r) for r in names + project["build-system"]["requires"]]


def test_every_pin_is_exact_and_carries_sha256_hashes():
    pins = _pins()
    assert len(pins) > 30
    lines = [l for l in LOCK.read_text(encoding="utf-8").splitlines() if l and not l.startswith((" ", "#"))]
    assert all(ENTRY.match(l) for l in lines), [l for l in lines if not ENTRY.match(l)]
    missing = [n for n, entries in pins.items() for v, _, hashes in entries if not hashes]
    assert not missing, missing
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for entries in pins.values() for *_, hs in entries for h in hs)


def test_the_lock_satisfies_every_declared_dependency():
    """pyproject.toml says what we need, the lock what we install: they must agree (else `make lock-deps`)."""
    pins, env = _pins(), default_environment() | {"python_full_version": "3.11.7", "python_version": "3.11"}
    problems = []
    for req in _declared():
        entries = pins.get(canonicalize_name(req.name))
        if not entries:
            problems.append(f"{req} is not in requirements.lock")
            continue
        usable = [v for v, marker, _ in entries if marker is None or Marker(marker).evaluate(env)]
        if not any(req.specifier.contains(v, prereleases=True) for v in usable):
            problems.append(f"{req}: the lock pins {usable}")
    assert not problems, "run `make lock-deps` and commit requirements.lock:\n" + "\n".join(problems)


def test_ci_and_deploy_install_only_through_the_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes --no-deps -r requirements.lock" in makefile
    installs = [l.strip() for l in makefile.splitlines() if "pip install" in l and "lock-deps" not in l]
    # The only other install is the project itself, which fetches nothing (no deps, no build isolation).
    assert all("--require-hashes" in l or ("--no-deps" in l and "--no-build-isolation" in l) or '"uv' in l
               for l in installs), installs
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    workflows = [p.read_text(encoding="utf-8") for p in (ROOT / ".github" / "workflows").glob("*.yml")]
    for text in [ci, *workflows]:
        assert "pip install" not in text  # every path goes through `make` (install → the lock)
    assert "make test" in ci and any("make site" in w for w in workflows)
