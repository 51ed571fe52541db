"""Letters from another office that used to be impossible to register (issue 13, item 2):
a poisoned font, active content, and bad characters in the sender's metadata."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.support.hostile_pdfs import active_letter, poisoned_letter
from tests.sync.harness import Device


def test_hostile_letters_from_another_office_register_from_the_inbox(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    a1 = make_device("a1", AGENCY_A)
    b1 = make_device("b1", AGENCY_B)
    a1.login(hub.url, "clerk-a")
    b1.login(hub.url, "clerk-b")
    sent = [a1.send("หนังสือพิษ", [AGENCY_B], poisoned_letter("หนังสือพิษ")),
            a1.send("หนังสือมีสคริปต์", [AGENCY_B], active_letter("open_action"))]
    for run in (a1.korat("queue", *map(str, sent), "--allow-unsigned"),
                a1.korat("sync", "--once"), b1.korat("sync", "--once")):
        assert run.code == 0, run.err
    items = {i["subject"]: i for i in b1.korat("inbox", "--json").json}
    assert set(items) == {"หนังสือพิษ", "หนังสือมีสคริปต์"}

    # The sender's own metadata carries what no register can hold as it is.
    con = sqlite3.connect(b1.root / "korat.sqlite3")
    body = json.loads(con.execute("SELECT body FROM inbox_item WHERE id = ?",
                                  (items["หนังสือพิษ"]["id"],)).fetchone()[0])
    body["payload"]["subject"] = "หนังสือพิษ\x1b[2J\x00"
    con.execute("UPDATE inbox_item SET body = ? WHERE id = ?",
                (json.dumps(body, ensure_ascii=True), items["หนังสือพิษ"]["id"]))
    con.commit()
    con.close()

    poisoned = b1.korat("inbox", "register", str(items["หนังสือพิษ"]["id"]), "--json")
    assert poisoned.code == 0, poisoned.err
    assert poisoned.json["subject"] == "หนังสือพิษ [2J"
    active = b1.korat("inbox", "register", str(items["หนังสือมีสคริปต์"]["id"]), "--json")
    assert active.code == 0, active.err
    assert [poisoned.json["number"], active.json["number"]] == [1, 2]
    shown = b1.korat("show", str(active.json["id"]), "--json").json
    assert shown["active_content"] == ["javascript"]
    assert b1.korat("check", "--json").json["ok"]
