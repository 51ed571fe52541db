"""Offices for courier tests: harness Devices (real SQLite stores, the real ``korat``
CLI) with courier keys from :mod:`tests.courier.file_keys` and a cached directory.

An office that never connects gets its directory in a bundle (``korat keys``, built
on its own branch); here the directory rows are written straight into its store.
"""

from __future__ import annotations

import base64
import signal
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from korat_desktop.server.hub_key import init_hub_key
from korat_desktop.server.settings import HubSettings
from korat_desktop.store.models import DirectoryAgency
from tests.courier.file_keys import P12_PASSWORD, CourierPki, keys_for
from tests.courier.korat_with_keys import KILL_AT
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, ThreadedHub
from tests.sync.conftest import add_accounts
from tests.sync.harness import AGENCIES, PASSWORDS, REPO, Device, KoratRun

__all__ = ["AGENCY_A", "AGENCY_B", "AGENCY_C", "AGENCY_D", "Office", "courier_hub",
           "courier_pki", "killed", "make_office", "relay_offices"]

AGENCY_D = AGENCY_C  # the district office with a link (relay) in three-office tests


@dataclass
class Office:
    device: Device
    pki: CourierPki

    @property
    def agency(self) -> str:
        return self.device.agency

    @property
    def root(self) -> Path:
        return self.device.root

    def korat(self, *args: str, stdin: str | None = None) -> KoratRun:
        return self.device.korat(*args, stdin=stdin)

    def letter(self, subject: str, to: Iterable[str], *extra: str) -> tuple[int, str]:
        """Register and queue an outgoing letter; (entry id, op id)."""
        entry = self.device.send(subject, list(to), None, *extra)
        run = self.korat("queue", str(entry), "--allow-unsigned", "--json")
        assert run.code == 0, run.err
        return entry, run.json[0]["op_id"]

    def export_args(self, dest: Path, *args: str) -> list[str]:
        return ["courier", "export", *args, "-o", str(dest), "--pkcs12",
                str(self.pki.p12(self.agency, self.root)), "--pin-stdin", "--json"]

    def export(self, dest: Path, *args: str) -> KoratRun:
        return self.korat(*self.export_args(dest, *args), stdin=P12_PASSWORD + "\n")

    def import_(self, *files: Path) -> KoratRun:
        return self.korat("courier", "import", *map(str, files), "--json")

    def spawn(self, *args: str, kill_at: str | None = None,
              stdin: str | None = None) -> KoratRun:
        """``korat`` as a real process with these keys; ``kill_at``: SIGKILL at a phase."""
        env = self.device.env()
        env.pop(KILL_AT, None)
        if kill_at:
            env[KILL_AT] = kill_at
        proc = subprocess.run(
            [sys.executable, "-m", "tests.courier.korat_with_keys", *args, "--data-dir",
             str(self.root)], cwd=REPO, env=env, input=stdin, capture_output=True, text=True,
            timeout=120)
        return KoratRun(proc.returncode, proc.stdout, proc.stderr)

    def outbox(self) -> list[dict[str, object]]:
        run = self.korat("outbox", "--all", "--json")
        assert run.code == 0, run.err
        rows: list[dict[str, object]] = run.json
        return rows


def killed(run: KoratRun) -> bool:
    return run.code == -signal.SIGKILL


@pytest.fixture(scope="session")
def courier_pki() -> CourierPki:
    return CourierPki()


@pytest.fixture
def courier_hub(tmp_path: Path, courier_pki: CourierPki) -> Iterator[ThreadedHub]:
    """A real hub on loopback that trusts the test CA and lists each agency's signing
    certificate (published by one of its devices), so relayed operations verify."""
    ca = tmp_path / "hub-ca.crt"
    ca.write_bytes(courier_pki.ca.cert_pem)
    hub_key = courier_pki.hub_identity()
    init_hub_key(tmp_path / "hub", cert_pem=hub_key.cert_pem + courier_pki.ca.cert_pem,
                 key_pem=hub_key.key_pem)
    server = ThreadedHub(HubSettings(data_dir=tmp_path / "hub", signin_window_s=60,
                                     signin_lockout_s=60, trust_roots=(str(ca),))).start()
    add_accounts(server)
    for user in ("clerk-a", "clerk-b", "clerk-c"):
        client = server.client()
        assert client.enroll(user, PASSWORDS[user], device="publisher").status_code == 201
        der = courier_pki.signer(client.agency).cert_der
        r = client.request("POST", "/agencies/me/certificates",
                           json={"use": "sign", "der_b64": base64.b64encode(der).decode()})
        assert r.status_code in (200, 201), r.text
    yield server
    server.stop()


@pytest.fixture
def make_office(make_device: Callable[..., Device], courier_pki: CourierPki,
                monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Office]]:
    """``make_office(name, agency, knows=(...), without_encryption=(...), relays={})``."""
    import korat_desktop.services.courier as courier

    monkeypatch.setattr(courier, "office_keys", keys_for)

    def make(name: str, agency: str, *, knows: Iterable[str] = tuple(AGENCIES),
             without_encryption: Iterable[str] = (),
             relays: dict[str, str] | None = None, directory: bool = True) -> Office:
        device = make_device(name, agency)
        courier_pki.install(device.root, agency, knows, without_encryption=without_encryption,
                            relays=relays)
        if directory:
            with device.app() as app, app.database.write() as s:
                for code, title in AGENCIES.items():
                    if s.get(DirectoryAgency, code) is None:
                        s.add(DirectoryAgency(code=code, name=title))
        return Office(device, courier_pki)

    yield make


def relay_offices(make_office: Callable[..., Office], hub: ThreadedHub
                  ) -> tuple[Office, Office, Office]:
    """A (never signs in), D (signed in, designated relay of A at the hub) and B
    (signed in): the three offices of the courier-through-a-relay flows."""
    from korat_desktop.server.relay_outward import set_relay

    a = make_office("a", AGENCY_A, relays={AGENCY_A: AGENCY_D})
    d = make_office("d", AGENCY_D)
    b = make_office("b", AGENCY_B)
    d.device.login(hub.url, "clerk-c")
    b.device.login(hub.url, "clerk-b")
    with hub.hub.db.writing() as conn:
        set_relay(conn, AGENCY_D, [AGENCY_A])
    return a, d, b
