"""Couriers in the window, the parts before any bundle is read: which drives are offered,
which dropped files are bundles, and the prompt when a stick with bundles is plugged in.

A real stick cannot be plugged in from a test, so the watcher is handed a mount table
that gains a drive (a real folder with real files); everything after that is the app's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl

from korat_desktop.courier.bundle import BUNDLE_EXTENSION
from korat_desktop.ui.drive_watch import DriveWatcher
from korat_desktop.ui.drives import Drive, bundles_in, drive_at, format_size, removable_drives
from korat_desktop.ui.page_stack import Page
from korat_desktop.ui.pdf_drop import BUNDLE_SUFFIX, bundle_paths, pdf_paths


def _stick(tmp_path: Path) -> Path:
    stick = tmp_path / "stick"
    (stick / "nested").mkdir(parents=True)
    (stick / "a-to-b.korat").write_bytes(b"bundle one")
    (stick / "B.KORAT").write_bytes(b"bundle two")
    (stick / ".a-to-c.korat.tmp").write_bytes(b"an export still being written")
    (stick / ".hidden.korat").write_bytes(b"not offered")
    (stick / "nested" / "deep.korat").write_bytes(b"not in the top folder")
    (stick / "letter.pdf").write_bytes(b"%PDF-1.7")
    return stick


def test_the_window_knows_bundles_by_the_courier_format_s_extension() -> None:
    assert BUNDLE_SUFFIX == BUNDLE_EXTENSION


def test_bundles_are_the_visible_korat_files_of_the_top_folder(tmp_path: Path) -> None:
    stick = _stick(tmp_path)
    assert [p.name for p in bundles_in(stick)] == ["B.KORAT", "a-to-b.korat"]
    assert bundles_in(tmp_path / "pulled-out") == []


def test_dropped_files_are_sorted_into_pdfs_and_bundles(qapp, tmp_path: Path) -> None:
    stick = _stick(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in
                  (stick / "a-to-b.korat", stick / "letter.pdf", stick / "nested")])
    assert bundle_paths(mime) == [stick / "a-to-b.korat"]
    assert pdf_paths(mime) == [stick / "letter.pdf"]


def test_a_picked_folder_reads_its_free_space_and_the_system_disk_is_never_offered(
        qapp, tmp_path: Path) -> None:
    drive = drive_at(tmp_path)
    assert drive.root == tmp_path and drive.name == tmp_path.name
    assert 0 < drive.free <= drive.total
    offered = removable_drives()
    assert all(d.root != Path("/") for d in offered)
    assert all(d.free >= 0 for d in offered)
    assert (format_size(999), format_size(3_400_000), format_size(7_800_000_000)) == (
        "999 B", "3.4 MB", "7.8 GB")


def test_a_drive_appearing_with_bundles_is_announced_once(qtbot, tmp_path: Path) -> None:
    stick = _stick(tmp_path)
    mounted: list[Drive] = []
    watcher = DriveWatcher(list_drives=lambda: list(mounted))
    found: list[tuple[Drive, list[Path]]] = []
    watcher.bundles_found.connect(lambda drive, paths: found.append((drive, paths)))
    watcher.poll()  # what is there at the start is known, not announced
    empty = tmp_path / "empty"
    empty.mkdir()
    mounted.append(Drive(empty, "EMPTY", 10, 20))
    watcher.poll()
    assert found == []  # a drive without bundles says nothing
    mounted.append(Drive(stick, "KINGSTON", 1000, 2000))
    with qtbot.waitSignal(watcher.drives_changed, timeout=1000):
        watcher.poll()
    assert [(d.name, [p.name for p in paths]) for d, paths in found] == [
        ("KINGSTON", ["B.KORAT", "a-to-b.korat"])]
    watcher.poll()
    assert len(found) == 1  # still plugged in: not asked again
    mounted.clear()
    watcher.poll()
    mounted.append(Drive(stick, "KINGSTON", 1000, 2000))
    watcher.poll()  # pulled out and plugged in again: asked again
    assert len(found) == 2


def test_the_window_asks_in_thai_and_in_english(qtbot, start_desktop, tmp_path: Path) -> None:
    stick = _stick(tmp_path)
    for lang, question, import_name, log_name, send_name in (
            ("th", "พบชุดเอกสารจากพนักงานนำสาร 2 ชุด — นำเข้า?", "นำเข้าชุดเอกสารจากพนักงานนำสาร…",
             "ทะเบียนพนักงานนำสาร", "ส่งทางพนักงานนำสาร…"),
            ("en", "Found 2 courier bundle(s) — import them?", "Import courier bundles…",
             "Courier log", "Send by courier…")):
        desktop = start_desktop(tmp_path / f"data-{lang}", lang=lang)
        window = desktop.window
        mounted: list[Drive] = []
        window.drive_watch.list_drives = lambda m=mounted: list(m)
        window.drive_watch.poll()
        mounted.append(Drive(stick, "KINGSTON", 1000, 2000))
        window.drive_watch.poll()
        prompt = window.bundle_prompt
        assert prompt is not None and prompt.isVisible() and not prompt.isModal()
        assert prompt.text() == question
        assert "KINGSTON" in prompt.informativeText()
        actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
        assert import_name in actions and send_name in actions
        assert window.navigation.item(Page.COURIER).text() == log_name
        assert window.outbox_view.courier_button.text() == send_name
        prompt.close()
