"""The courier with the office's real keys, no test keys injected: two offices that never
connect make their keys (``korat keys new``), swap handouts (``korat keys export`` /
``import``), and a letter goes A → stick → B through ``korat courier``; B replaced its
key after A sealed the bundle and still opens it (the retired key is kept)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from tests.cli.keys_checks import agencies, listing
from tests.courier.pki import Identity, make_ca, make_identity
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C
from tests.sync.harness import Device

pytestmark = pytest.mark.filterwarnings("ignore:Attribute's length must be:UserWarning")

PASSWORD = "clerk-p12"


def _p12(folder: Path, name: str, clerk: Identity, ca: Identity) -> Path:
    path = folder / f"{name}.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        name.encode(), clerk.key, clerk.cert, [ca.cert],
        serialization.BestAvailableEncryption(PASSWORD.encode())))
    return path


def test_a_letter_between_offline_offices_with_their_own_keys(
        make_device: Callable[..., Device], tmp_path: Path) -> None:
    ca = make_ca("Province Root CA")
    roots, _ = ca.write(tmp_path / "pki", "ca")
    offices: dict[str, tuple[Device, Path]] = {}
    for name, code in (("a", AGENCY_A), ("b", AGENCY_B), ("c", AGENCY_C)):
        device = make_device(name, code)
        device.configure(**{"signing.trust_roots": [str(roots)],
                            "signing.pkcs12_file": str(_p12(
                                tmp_path / "pki", name,
                                make_identity(ca, f"clerk {name}", encryption=False), ca))})
        assert device.korat("keys", "new").code == 0
        offices[code] = (device, tmp_path / f"{name}.korat-dir")
        run = device.korat("keys", "export", "-o", str(offices[code][1]), "--pin-stdin",
                           stdin=PASSWORD + "\n")
        assert run.code == 0, run.err
    (a, a_file), (b, b_file), (c, _) = offices[AGENCY_A], offices[AGENCY_B], offices[AGENCY_C]
    for device, other in ((a, b_file), (b, a_file), (c, a_file)):
        run = device.korat("keys", "import", str(other))
        assert run.code == 0, run.err
    assert agencies(a)[AGENCY_B]["encrypt"] is True

    entry = a.send("ขอเชิญประชุมทางพนักงานนำสาร", [AGENCY_B])
    queued = a.korat("queue", str(entry), "--allow-unsigned", "--json")
    assert queued.code == 0, queued.err
    stick = tmp_path / "stick"
    stick.mkdir()
    out = a.korat("courier", "export", "--to-agency", AGENCY_B, "-o", str(stick),
                  "--pin-stdin", "--json", stdin=PASSWORD + "\n")
    assert out.code == 0, out.err
    [bundle] = out.json["files"]

    # B replaces its key after A sealed the bundle: the retired key still opens it.
    assert b.korat("keys", "new", "--force").code == 0
    assert [k["state"] for k in listing(b)["encryption"]] == ["current", "retired"]  # type: ignore[union-attr]
    # C knows A's signer but the bundle is not sealed to C.
    refused = c.korat("courier", "import", bundle, "--json")
    assert refused.code == 1
    assert refused.json[0]["error"]["code"] == "courier.not_for_us"

    got = b.korat("courier", "import", bundle, "--json")
    assert got.code == 0, got.err
    assert got.json[0]["ok"] is True and got.json[0]["applied"] == 1
    inbox = b.korat("inbox", "--json")
    assert inbox.code == 0, inbox.err
    assert any("ขอเชิญประชุมทางพนักงานนำสาร" in str(item) for item in inbox.json)
    again = b.korat("courier", "import", bundle, "--json")
    assert again.code == 0 and again.json[0]["already"] == 1
