"""The Windows workflow (.github/workflows/windows.yml), linted here since it can only
run on GitHub: against GitHub's workflow schema (check-jsonschema's vendored SchemaStore
copy) and by zizmor's offline audits (pinned actions, credentials, injection). actionlint
itself is not installable here: its PyPI package downloads the binary from GitHub when
built, and building it from source needs the Go module proxy."""

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


def _schema(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_tool("check-jsonschema"), "--builtin-schema",
                           "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=120)


def _zizmor(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(path)],
                          capture_output=True, text=True, timeout=120)


def test_the_workflow_matches_githubs_schema():
    done = _schema(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_passes_zizmors_audits():
    done = _zizmor(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("breakage", ["schema", "unpinned"])
def test_the_linters_catch_a_broken_workflow(tmp_path: Path, breakage: str):
    """Both linters really read the file: a copy with one mistake fails."""
    text = WORKFLOW.read_text(encoding="utf-8")
    if breakage == "schema":
        broken = text.replace("runs-on: windows-2022", "runs_on: windows-2022")
    else:
        broken = text.replace("actions/checkout@11d5960a326750d5838078e36cf38b85af677262",
                              "actions/checkout@v4")
    assert broken != text
    copy = tmp_path / ".github" / "workflows" / "windows.yml"
    copy.parent.mkdir(parents=True)
    copy.write_text(broken, encoding="utf-8")
    done = _schema(copy) if breakage == "schema" else _zizmor(copy)
    assert done.returncode != 0, done.stdout
