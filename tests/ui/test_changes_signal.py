"""House rule 3: a mutation's Changes reach the views through the one ``changes`` signal.

Registering a letter emits its Changes once on ``Operations.changes``; the receive
register refreshes from it and shows the letter; the send register and the hub's
inbox and outbox lists (not named in the Changes) decide to stay as they are, and
the outbox list does read again when a change names the outbox.
"""

from __future__ import annotations

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.services.registration import LetterIntake
from korat_desktop.services.results import Changes


def test_a_mutation_reaches_the_views_through_the_one_changes_signal(
        qtbot, start_desktop, letter_files) -> None:
    desktop = start_desktop()
    window = desktop.window
    receive, send = window.receive_view.model, window.send_view.model
    qtbot.waitUntil(lambda: send._generation > 0 and not send._fetching,
                    timeout=10_000)  # its first page is in: a later reload is a decision
    assert receive.rowCount() == 0
    heard: list[Changes] = []
    desktop.operations.changes.connect(heard.append)
    hub_reads: list[str] = []
    for name, view in (("inbox", window.inbox_view), ("outbox", window.outbox_view)):
        view.refresh = lambda name=name: hub_reads.append(name)  # type: ignore[method-assign]
    reloads: list[RegisterKind] = []
    receive.modelAboutToBeReset.connect(lambda: reloads.append(RegisterKind.RECEIVE))
    send.modelAboutToBeReset.connect(lambda: reloads.append(RegisterKind.SEND))

    [path] = letter_files(1)
    job = desktop.operations.receive_files([(path, LetterIntake(subject="ขอเชิญประชุม",
                                                                sender="อำเภอเมือง"))])
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    assert job.error is None and job.result is not None
    assert heard == [job.result.changes]  # once, and the very object the core returned
    assert heard[0].registers == frozenset({RegisterKind.RECEIVE})
    qtbot.waitUntil(lambda: receive.rowCount() == 1, timeout=10_000)
    assert receive.entry(0).subject == "ขอเชิญประชุม"
    assert RegisterKind.SEND not in reloads  # the send register decided it need not reload
    assert hub_reads == []  # a paper letter registered: nothing for the hub lists

    desktop.operations.changes.emit(Changes(outbox=True))  # as a sync that pushed emits
    assert hub_reads == ["outbox"]
