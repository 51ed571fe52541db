"""The committed docs/openapi.json is exactly what the hub serves; the schema itself
is fuzzed by schemathesis against a live hub (no 5xx, error bodies are JSON)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from korat_desktop.server.openapi_doc import openapi_document, render
from tests.server.hub_harness import REPO, Agencies, ThreadedHub

DOC = REPO / "docs" / "openapi.json"
REGENERATE = "python -m korat_desktop.server.openapi_doc docs/openapi.json"


def test_committed_openapi_matches_what_the_hub_serves(hub: ThreadedHub) -> None:
    served = hub.client().request("GET", "/openapi.json").json()
    committed = json.loads(DOC.read_text(encoding="utf-8"))
    assert served == committed, f"docs/openapi.json is stale: run `{REGENERATE}`"
    assert render(openapi_document()) == DOC.read_text(encoding="utf-8")


@pytest.mark.slow
def test_schemathesis_finds_no_server_errors(agencies: Agencies, tmp_path: Path) -> None:
    a = agencies.a
    examples = os.environ.get("KORAT_SCHEMATHESIS_EXAMPLES", "25")
    cmd = [sys.executable, "-m", "schemathesis.cli", "run", f"{a.url}/openapi.json",
           "--checks", "not_a_server_error",
           "--max-examples", examples, "--phases", "examples,coverage,fuzzing",
           "--workers", "1", "--seed", "20250301", "--no-color",
           "--request-timeout", "20", "--max-time", "30",
           "--suppress-health-check", "all", "--exclude-path", "/devices/me",
           "--exclude-method", "DELETE",
           "-H", f"Authorization: Bearer {a.token}", "-H", "Korat-Protocol: 1"]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.server.schemathesis_hooks",
           "PYTHONPATH": str(REPO)}
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=170, check=False,
                            cwd=tmp_path, env=env)  # its caches stay out of the repo
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_the_document_states_what_the_hub_enforces() -> None:
    """Issue 13.13: the declared shapes are the enforced ones."""
    import json as _json

    doc = _json.loads(DOC.read_text(encoding="utf-8"))
    paths = doc["paths"]

    def param(path: str, method: str, name: str) -> dict:  # type: ignore[type-arg]
        return next(p for p in paths[path][method]["parameters"] if p["name"] == name)

    for path, method in (("/uploads", "post"), ("/uploads/{upload_id}", "head"),
                         ("/uploads/{upload_id}", "patch"), ("/uploads/{upload_id}", "delete")):
        tus = param(path, method, "Tus-Resumable")
        assert tus["required"] is True and tus["schema"]["const"] == "1.0.0"
    key = param("/leases", "post", "Idempotency-Key")["schema"]
    assert key["pattern"].count("{1,64}") == 2  # bare or quoted: what leases.py accepts
    assert "66" not in _json.dumps(key)  # no separate length that disagrees with it
    op_id = param("/ops/{op_id}/commit", "post", "op_id")["schema"]
    assert op_id["pattern"].startswith("^[0-9a-f]{8}-[0-9a-f]{4}-7")
    assert param("/changes", "get", "since")["schema"]["pattern"] == "^[A-Za-z0-9_-]{0,64}$"
    assert "400" in paths["/ops/{op_id}/commit"]["post"]["responses"]
