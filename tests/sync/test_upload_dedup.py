"""Our client against the hub's dedup answer: a blob the agency already holds is
answered with a finished upload (``201`` + ``Korat-Blob-Exists``) and not sent again."""

from __future__ import annotations

from collections.abc import Callable

from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.sync.harness import Device, letter_pdf


def test_second_device_of_an_agency_does_not_resend_a_held_blob(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    pdf = letter_pdf("หนังสือฉบับเดียวกัน")
    reports = []
    for name, user in (("a1", "clerk-a"), ("a2", "clerk-a2")):
        device = make_device(name, AGENCY_A)
        device.login(hub.url, user)
        entry = device.send(f"หนังสือจาก {name}", [AGENCY_B], pdf)
        assert device.korat("queue", str(entry), "--allow-unsigned").code == 0
        run = device.korat("sync", "--once", "--json")
        assert run.code == 0, run.err
        reports.append(run.json["report"])
    first, second = reports
    assert first["blobs_deduplicated"] == 0 and first["bytes_sent"] >= len(pdf)
    assert second["blobs_deduplicated"] == 1 and second["bytes_sent"] < len(pdf)
    assert [i["outcome"] for i in second["pushed"]] == ["committed"]
    assert not list((hub.settings.data_dir / "uploads").glob("*.part"))
