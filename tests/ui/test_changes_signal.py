"""House rule 3: a mutation's Changes reach the views through the one ``changes`` signal.

Registering a letter emits its Changes once on ``Operations.changes``; the receive
register refreshes from it and shows the letter, the send register (not named in
the Changes) is left as it was.
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
    assert receive.rowCount() == 0
    heard: list[Changes] = []
    desktop.operations.changes.connect(heard.append)
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
