"""The Windows workflow (.github/workflows/windows.yml), read structurally: actionlint
itself is not installable here (its PyPI package downloads the binary when built)."""

from __future__ import annotations

from pathlib import Path

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
