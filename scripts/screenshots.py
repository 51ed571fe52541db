"""Take the screenshots (run through scripts/screenshots, which starts Xvfb).

A demo office is made in a temp dir with letters like the ones a provincial office
gets in a week, then the app starts on it in demo mode (a local hub and a simulated
second office, as ``korat-desktop --demo``), so the inbox, the outbox and the
delivery receipts show real items. Each screen is shown at 1366x768 and saved as PNG.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from korat_desktop.domain.letters import Secrecy, Urgency
from korat_desktop.pdf.sample import make_letter_pdf

LETTERS = (
    ("ขอเชิญประชุมคณะกรรมการจัดซื้อจัดจ้าง ครั้งที่ 4/2569", "อำเภอปากช่อง", "มท 0201.2/ว 1590",
     Urgency.MOST_URGENT, Secrecy.NONE),
    ("ขอความอนุเคราะห์ข้อมูลภัยแล้ง ปีงบประมาณ 2570", "สำนักงานสาธารณสุขจังหวัด", "นม 0032/4471",
     Urgency.NORMAL, Secrecy.NONE),
    ("แจ้งกำหนดการตรวจสุขภาพประจำปี", "โรงพยาบาลมหาราชนครราชสีมา", "นม 0033.102/886",
     Urgency.URGENT, Secrecy.NONE),
    ("รายงานผลการตรวจสอบภายใน", "สำนักงานตรวจเงินแผ่นดินภูมิภาคที่ 4", "ตผ 0049/112",
     Urgency.NORMAL, Secrecy.CONFIDENTIAL),
    ("ขอเชิญร่วมพิธีถวายพระพรชัยมงคล", "ที่ทำการปกครองจังหวัดนครราชสีมา", "นม 0017.2/ว 3321",
     Urgency.VERY_URGENT, Secrecy.NONE),
    ("การเตรียมความพร้อมรับมืออุทกภัย", "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด", "นม 0020/1875",
     Urgency.URGENT, Secrecy.NONE),
    ("ขอส่งรายชื่อผู้เข้ารับการอบรมหลักสูตรนักบริหาร", "อำเภอพิมาย", "นม 0518/2210",
     Urgency.NORMAL, Secrecy.NONE),
    ("แนวทางการจัดทำแผนพัฒนาจังหวัด", "สำนักงานคณะกรรมการพัฒนาการเศรษฐกิจและสังคมแห่งชาติ",
     "นร 1115/ว 45", Urgency.NORMAL, Secrecy.NONE),
)


def wait(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def wait_until(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: the app did not get there in time")
        wait(0.05)


def save(widget: QWidget, out: Path, name: str) -> None:
    widget.raise_()
    widget.activateWindow()
    wait(0.6)
    widget.grab().save(str(out / f"{name}.png"))
    print(f"  {out / name}.png")


def seed(data: Path) -> Path:
    """The demo office plus a week of letters; a PDF to drop for the receive screen."""
    import datetime as dt

    from korat_desktop.app import open_app
    from korat_desktop.demo.letters import seed_demo_office
    from korat_desktop.services.registration import LetterIntake

    seed_demo_office(data)
    from korat_desktop.demo.keyring_file import use_demo_keyring
    from korat_desktop.demo.session import demo_folder

    use_demo_keyring(demo_folder(data) / "keyring-office.json")  # the demo's own keyring
    app = open_app(data, write=True)
    try:
        app.keys.new_key()  # the ลับ letter below is kept sealed to it
        for subject, sender, number, urgency, secrecy in LETTERS:
            pdf = make_letter_pdf(subject, [f"เรื่อง {subject}", "จึงเรียนมาเพื่อโปรดทราบและพิจารณา"])
            app.registration.receive(pdf, LetterIntake(
                subject=subject, sender=sender, letter_number=number,
                recipient="ผู้ว่าราชการจังหวัดนครราชสีมา", urgency=urgency, secrecy=secrecy,
                letter_date=dt.date.today() - dt.timedelta(days=3)))
    finally:
        app.close()
    drop = data.parent / "ขอเชิญประชุมสัมมนาเชิงปฏิบัติการ.pdf"
    drop.write_bytes(make_letter_pdf("ขอเชิญประชุมสัมมนาเชิงปฏิบัติการ",
                                     ["เรื่อง ขอเชิญประชุมสัมมนา", "จึงเรียนมาเพื่อโปรดพิจารณา"]))
    return drop


def on_database(desktop: Any, fn: Callable[[Any], Any]) -> Any:
    """Run ``fn(app)`` on the app's database lane and wait for it (script only)."""
    done: list[object] = []
    job = desktop.operations.database_job("screenshots", fn)
    job.then(done.append, lambda e: done.append(e))
    wait_until(lambda: bool(done), 60)
    if isinstance(done[0], BaseException):
        raise done[0]
    return done[0]


def synced(desktop: Any) -> None:
    monitor = desktop.sync
    wait_until(lambda: not monitor.syncing, 60)
    monitor.sync_now()
    wait_until(lambda: not monitor.syncing, 60)


def hub_screens(desktop: Any, window: Any, drop: Path, out: Path) -> None:
    """Inbox, send to an agency, outbox, delivery receipts, sign-in: on the demo hub."""
    from korat_desktop.demo.letters import PEER_AGENCY
    from korat_desktop.services.registration import LetterIntake
    from korat_desktop.ui.main_window import Page

    wait_until(lambda: desktop.demo is not None, 60)
    monitor = desktop.sync
    inbox = window.inbox_view
    window.go_to(Page.INBOX)
    deadline = time.monotonic() + 60
    while inbox.model.rowCount() < 2 and time.monotonic() < deadline:
        synced(desktop)
        inbox.refresh()
        wait(1.0)
    normal = next(r for r in range(inbox.model.rowCount())
                  if inbox.model.row(r).item.urgency == "normal")
    inbox.table.selectRow(normal)
    inbox.register_selected()
    wait_until(lambda: "เลขรับ" in inbox.result.text())
    first = next(r for r in range(inbox.model.rowCount())
                 if inbox.model.row(r).item.state == "ready")
    inbox.table.selectRow(first)
    save(window, out, "08-inbox")

    dialog = window.send_letter(drop)
    dialog.resize(1366, 720)
    wait_until(lambda: dialog.preview.page_count() > 0 and dialog.recipients.list.count() > 0)
    dialog.form.subject.setText("ขอเชิญประชุมเตรียมความพร้อมรับมืออุทกภัย")
    dialog.recipients.set_codes([PEER_AGENCY[0]])
    dialog.form.changed.emit()
    save(dialog, out, "11-send-to-agency")
    dialog.close()

    def send_and_queue(app: Any) -> int:
        pdf = make_letter_pdf("ขอส่งแผนป้องกันและบรรเทาสาธารณภัยจังหวัด",
                              ["เรื่อง ขอส่งแผนป้องกันและบรรเทาสาธารณภัย", "จึงเรียนมาเพื่อโปรดทราบ"])
        entry = app.sync.send(pdf, LetterIntake(
            subject="ขอส่งแผนป้องกันและบรรเทาสาธารณภัยจังหวัด", urgency=Urgency.URGENT),
            [PEER_AGENCY[0]]).entry
        app.sync.queue(entry.id, allow_unsigned=True)
        return int(entry.id)

    monitor.set_paused(True)
    entry_id = int(on_database(desktop, send_and_queue))
    window.go_to(Page.OUTBOX)
    outbox = window.outbox_view
    wait_until(lambda: outbox.model.rowCount() > 0)
    outbox.table.selectRow(0)
    save(window, out, "12-outbox")
    monitor.set_paused(False)

    deadline = time.monotonic() + 90
    while not on_database(desktop, lambda app: app.sync.receipts_for_entry(entry_id)) \
            and time.monotonic() < deadline:
        synced(desktop)
        wait(2.0)
    document = window.open_entry(entry_id)
    document.resize(1366, 768)
    document.tabs.setCurrentWidget(document.delivery)
    wait_until(lambda: document.detail is not None and document.pdf.page_count() > 0
               and "ลงรับแล้ว 1" in document.delivery.summary.text())
    save(document, out, "13-delivery-receipts")
    document.close()

    signin = window.sign_in()
    signin.hub_url.setText("https://eoffice.korat.go.th")
    signin.username.setText("somchai")
    signin.password.setText("********")
    save(signin, out, "14-sign-in")
    signin.close()


def main(out_dir: str) -> int:
    from korat_desktop.ui import language
    from korat_desktop.ui.desktop import KoratDesktop
    from korat_desktop.ui.fonts import load_thai_font
    from korat_desktop.ui.main_window import Page
    from korat_desktop.ui.start_options import StartOptions
    from korat_desktop.ui.style import STYLE_SHEET

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="korat-shots-"))
    machine = root / "machine"  # never the real /etc/korat-desktop
    machine.mkdir()
    (machine / "policy.toml").write_text(  # to show how locked settings look
        '[retention]\ndefault_years = 10\n[display]\nthai_digits = false\n', encoding="utf-8")
    os.environ["KORAT_MACHINE_CONFIG_DIR"] = str(machine)
    drop = seed(root / "data")
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    load_thai_font(app)
    app.setStyleSheet(STYLE_SHEET)
    language.install("th")
    desktop = KoratDesktop(StartOptions(data_dir=root / "data", demo=True), tray=False)
    desktop.start()
    wait_until(lambda: desktop.office is not None and desktop.window is not None
               and desktop.window.receive_view.model.rowCount() > 0)
    wait_until(lambda: desktop.demo_token is not None, timeout=120)
    window = desktop.window
    assert window is not None
    window.showMaximized()
    window.resize(1366, 768)
    print(f"screenshots in {out}:")
    save(window, out, "01-receive-register")

    window.go_to(Page.SEND)
    save(window, out, "02-send-register")

    entry = window.receive_view.model.entry(0)
    assert entry is not None
    document = window.open_entry(entry.id)
    document.resize(1366, 768)
    wait_until(lambda: document.detail is not None and document.pdf.page_count() > 0)
    save(document, out, "03-document")
    document.close()

    dialog = window.receive_letters([drop])
    dialog.resize(1366, 720)
    wait_until(lambda: dialog.preview.page_count() > 0)
    dialog.form.sender_name.insert("สำนักงานพัฒนาชุมชนจังหวัด")
    dialog.form.letter_number.insert("นม 0019/ว 778")
    save(dialog, out, "04-receive-dialog")
    dialog.register_all()
    wait_until(lambda: dialog._saved and dialog.preview.page_count() > 0)
    wait(1.0)
    save(dialog, out, "05-received-with-stamp")
    dialog.close()

    send_entry = window.send_view.model.entry(0)
    assert send_entry is not None
    sign = window.sign_entries([send_entry.id])
    assert sign is not None
    sign.resize(1100, 700)
    wait_until(lambda: sign.document.pageCount() > 0)
    wait_until(lambda: sign.token.count() > 0 or bool(desktop.demo_token
                                                      and desktop.demo_token.missing), 20)
    sign.position.setText("ผู้ว่าราชการจังหวัดนครราชสีมา")
    save(sign, out, "06-sign-dialog")
    sign.close()

    window.go_to(Page.SEARCH)
    window.search_view.field.setText("ประชุม")
    window.search_view._search_now()
    wait_until(lambda: window.search_view.model.rowCount() > 0)
    save(window, out, "07-search")

    hub_screens(desktop, window, drop, out)

    settings = window.open_settings()
    settings.resize(900, 700)
    wait_until(lambda: bool(settings.editors))
    save(settings, out, "09-settings")
    settings.close()

    desktop.set_language("en")
    window = desktop.window
    assert window is not None
    window.resize(1366, 768)
    wait_until(lambda: window.receive_view.model.rowCount() > 0)
    save(window, out, "10-english")

    desktop.quit()
    wait_until(lambda: desktop.done)  # the store closes once the lanes are idle
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
