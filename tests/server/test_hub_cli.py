"""``korat-hub`` admin console: output, --json, and the 0/1/2 exit statuses."""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

import pytest

from tests.server.hub_harness import REPO, HubProcess, hub_cli_at


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path,
         database_url: str | None, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return hub_cli_at(capsys, data_dir, database_url, *args)


def test_admin_commands(tmp_path: Path, database_url: str | None,
                        capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        return _run(capsys, monkeypatch, tmp_path / "hub", database_url, *args, stdin=stdin)

    code, out, _ = run("add-agency", "นม 0017.1", "สำนักงานจังหวัด", "--json")
    assert code == 0 and json.loads(out) == {"code": "นม 0017.1", "name": "สำนักงานจังหวัด"}
    assert run("add-agency", "นม 0017.1", "again")[0] == 2
    code, _, err = run("add-user", "somchai", "--agency", "นม 0017.1", stdin="s3cret\n")
    assert code == 0, err
    assert run("add-user", "somchai", "--agency", "นม 0017.1", stdin="x\n")[0] == 2
    assert run("add-user", "x", "--agency", "nope", stdin="x\n")[0] == 2
    assert run("add-user", "y", "--agency", "นม 0017.1", stdin="")[0] == 2  # no password
    code, out, _ = run("list-devices", "--json")
    assert code == 0 and json.loads(out) == []
    code, _, err = run("revoke-device", "no-such-device")
    assert code == 1 and "no-such-device" in err
    code, out, _ = run("list-agencies", "--json")
    assert [a["code"] for a in json.loads(out)] == ["นม 0017.1"]
    assert run("frobnicate")[0] == 2
    assert run("serve", "--tls-cert", "/nonexistent.pem")[0] == 2
    assert run("serve", "--tls-cert", "/etc/hostname", "--tls-key", "/nonexistent")[0] == 2


def test_entry_point_exit_statuses(tmp_path: Path) -> None:
    hub = HubProcess(tmp_path / "hub", None)
    assert hub.cli("add-user", "x").returncode == 2  # --agency missing
    assert hub.cli("revoke-device", "nope").returncode == 1


@pytest.mark.slow
def test_serve_with_tls(tmp_path: Path) -> None:
    """``serve --tls-cert --tls-key`` answers HTTPS that verifies against the cert."""
    import shutil
    import subprocess

    import requests

    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl not installed")
    cert, key = tmp_path / "hub.pem", tmp_path / "hub.key"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    hub = HubProcess(tmp_path / "hub", None)
    cmd = [sys.executable, "-m", "korat_desktop.server.cli", "serve", "--data-dir",
           str(hub.data_dir), "--port", str(hub.port), "--tls-cert", str(cert),
           "--tls-key", str(key), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=REPO)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = requests.get(f"https://127.0.0.1:{hub.port}/health", verify=str(cert),
                                 timeout=2)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert r.status_code == 200 and r.headers["Korat-Protocol"] == "1"
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(f"https://127.0.0.1:{hub.port}/health", timeout=2)  # no CA: refused
    finally:
        proc.kill()
        proc.wait(timeout=10)
