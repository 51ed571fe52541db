"""korat_desktop.files: the one atomic write, and nothing else in the package renames.

There used to be five copies (two without fsync, one letting a raw OSError out); the
guard below keeps the copies from coming back.
"""

from __future__ import annotations

import ast
import hashlib
import os
import socket
import stat
import threading
from pathlib import Path

import pytest

import korat_desktop
from korat_desktop.errors import FileError, StoreError
from korat_desktop.files import move_into_place, write_file, write_files
from korat_desktop.store.blobs import BlobStore
from tests.support.tmpfs import mounted_tmpfs, needs_root

PACKAGE = Path(korat_desktop.__file__).parent
THE_MODULE = PACKAGE / "files.py"
_RENAMES = {("os", "replace"), ("os", "rename"), ("os", "renames"), ("shutil", "move"),
            ("tempfile", "mkstemp"), ("tempfile", "NamedTemporaryFile")}


def _renames_in(tree: ast.AST) -> list[int]:
    """Lines calling os.replace/rename, shutil.move, mkstemp, or Path.replace/rename."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner, name = node.func.value, node.func.attr
        module_call = isinstance(owner, ast.Name) and (owner.id, name) in _RENAMES
        # Path.replace(target) / Path.rename(target): one positional argument, no
        # keywords (str.replace needs two, dataclasses.replace takes keywords).
        path_call = name in ("replace", "rename") and len(node.args) == 1 and not node.keywords
        if module_call or path_call:
            lines.append(node.lineno)
    return lines


def test_only_korat_desktop_files_renames_files():
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if path == THE_MODULE:
            continue
        lines = _renames_in(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            found[str(path.relative_to(PACKAGE))] = lines
    assert found == {}, "write files with korat_desktop.files.write_file(s)"
    assert _renames_in(ast.parse(THE_MODULE.read_text(encoding="utf-8")))  # the guard sees


def test_write_replaces_a_file_whole_and_fsyncs_its_folder(tmp_path, monkeypatch):
    target = tmp_path / "settings.toml"
    target.write_bytes(b"old")
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    assert write_file(target, b"new", mode=0o600) == target
    assert target.read_bytes() == b"new"
    assert len(synced) == 2  # the file, then its folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]


def test_a_new_secret_file_is_private(tmp_path):
    write_file(tmp_path / "keyring.json", b"{}", mode=0o600)
    assert stat.S_IMODE(os.stat(tmp_path / "keyring.json").st_mode) == 0o600


def test_a_unix_socket_is_written_into(tmp_path):
    path = tmp_path / "printer.sock"
    got: list[bytes] = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)

        def serve() -> None:
            conn, _ = server.accept()
            with conn:
                chunks = []
                while chunk := conn.recv(65536):
                    chunks.append(chunk)
                got.append(b"".join(chunks))

        thread = threading.Thread(target=serve)
        thread.start()
        write_file(path, b"%PDF-1.7 " * 10_000)
        thread.join(30)
    assert got == [b"%PDF-1.7 " * 10_000]
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


@needs_root
def test_a_block_device_is_refused_and_kept(tmp_path):
    disk = tmp_path / "disk"
    os.mknod(disk, stat.S_IFBLK | 0o600, os.makedev(7, 255))  # a loop device node
    with pytest.raises(FileError) as e:
        write_file(disk, b"not a disk image")
    assert e.value.code == "file.not_regular"
    assert stat.S_ISBLK(os.lstat(disk).st_mode)


def test_move_into_place_refuses_a_device(tmp_path):
    part = tmp_path / "upload.part"
    part.write_bytes(b"blob")
    with pytest.raises(FileError) as e:
        move_into_place(part, Path("/dev/null"))
    assert e.value.code == "file.not_regular"
    assert part.read_bytes() == b"blob" and stat.S_ISCHR(os.stat("/dev/null").st_mode)


@needs_root
def test_a_batch_on_a_full_disk_leaves_no_temp_files(tmp_path):
    with mounted_tmpfs(tmp_path / "disk", "16k") as disk:
        with pytest.raises(FileError) as e:
            write_files([(disk / "a", b"a" * 4000), (disk / "b", b"b" * 40_000)])
        assert e.value.code == "file.disk_full"
        assert list(disk.iterdir()) == []
        # The blob store says it as its data folder, as before.
        store = BlobStore(disk / "blobs")
        with pytest.raises(StoreError) as err:
            store.put(b"x" * 40_000)
        assert err.value.code == "store.disk_full"
        assert list((disk / "blobs" / "tmp").iterdir()) == []


def test_write_streamed_renames_only_what_verify_accepts(tmp_path):
    from korat_desktop.files import write_streamed

    target = tmp_path / "bundle.korat"
    seen = []
    with write_streamed(target, verify=lambda tmp: seen.append(tmp.read_bytes())) as out:
        out.write(b"piece one, ")
        out.write(b"piece two")
        assert not target.exists() and len(list(tmp_path.iterdir())) == 1
    assert target.read_bytes() == b"piece one, piece two" == seen[0]
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.korat"]

    def refuse(tmp):
        raise FileError("file.io_error", path=str(tmp), detail="read back differs")

    other = tmp_path / "other.korat"
    with pytest.raises(FileError), write_streamed(other, verify=refuse) as out:
        out.write(b"x" * 1000)
    with pytest.raises(FileError) as e, write_streamed(target) as out:  # never over a file
        out.write(b"new")
    assert e.value.code == "file.exists"
    assert target.read_bytes() == b"piece one, piece two"
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.korat"]  # no temp left


@needs_root
def test_write_streamed_on_a_full_disk_leaves_nothing(tmp_path):
    from korat_desktop.files import write_streamed

    with mounted_tmpfs(tmp_path / "mnt", "64k") as mnt:
        with pytest.raises(FileError) as e, write_streamed(mnt / "big.korat") as out:
            for _ in range(40):
                out.write(b"\0" * 8192)
        assert e.value.code == "file.disk_full"
        assert list(mnt.iterdir()) == []


def test_remove_stale_temps_takes_only_abandoned_temp_files_of_the_names_given(tmp_path):
    import re

    from korat_desktop.files import remove_stale_temps, write_streamed

    ours = re.compile(r"korat_[^/]*")
    abandoned = tmp_path / ".korat_a_to_b.korat.0123456789ab.tmp"
    abandoned.write_bytes(b"half a bundle")
    keep = {
        ".report.pdf.0123456789ab.tmp": b"another name",      # not a bundle's temp
        ".korat_a_to_b.korat.0123456789ab.part": b"x",       # not our temp pattern
        "korat_a_to_b.korat": b"a complete bundle",
    }
    for name, data in keep.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "elsewhere").write_bytes(b"kept")
    link = tmp_path / ".korat_link.korat.0123456789ab.tmp"
    link.symlink_to(tmp_path / "elsewhere")
    with write_streamed(tmp_path / "korat_live.korat") as out:  # a live writer
        out.write(b"being written")
        [live] = [p for p in tmp_path.iterdir() if p.name.startswith(".korat_live")]
        assert remove_stale_temps(tmp_path, ours) == [abandoned]
        assert live.exists()
    assert not abandoned.exists() and link.is_symlink()
    assert (tmp_path / "elsewhere").read_bytes() == b"kept"
    for name, data in keep.items():
        assert (tmp_path / name).read_bytes() == data
    assert (tmp_path / "korat_live.korat").read_bytes() == b"being written"


def test_a_file_batch_flushes_once_for_many_files_and_per_file_for_a_few(tmp_path, monkeypatch):
    from korat_desktop.files import FileBatch

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    for count, fsyncs in ((12, 0), (2, 3)):  # many: one syncfs; a few: each file, the folder
        synced.clear()
        folder = tmp_path / f"batch-{count}"
        folder.mkdir()
        with FileBatch() as batch:
            for n in range(count):
                with batch.add(folder / f"letter-{n}.pdf") as out:
                    out.write(b"%PDF-" + bytes([n]) * 70_000)
                    out.write(b"%%EOF")
            assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] == []
            written = batch.commit()
        assert sorted(written) == sorted(folder / f"letter-{n}.pdf" for n in range(count))
        assert len(synced) == fsyncs
        for n in range(count):
            assert (folder / f"letter-{n}.pdf").read_bytes() == \
                b"%PDF-" + bytes([n]) * 70_000 + b"%%EOF"
        assert len(list(folder.iterdir())) == count  # no temp file left


def test_a_blob_whose_bytes_are_not_its_name_is_not_stored(tmp_path):
    store = BlobStore(tmp_path / "blobs")
    good, claimed = b"%PDF- good", "ab" * 32
    with store.batch() as batch:
        with pytest.raises(StoreError) as e, batch.add(claimed) as out:
            out.write(b"%PDF- something else")
        assert e.value.code == "store.blob_mismatch"
        digest = hashlib.sha256(good).hexdigest()
        with batch.add(digest) as out:
            out.write(good)
        batch.commit()
    assert not store.exists(claimed) and store.read(digest) == good
    assert list(store.tmp.iterdir()) == []


@needs_root
def test_a_file_batch_on_a_full_disk_leaves_nothing(tmp_path):
    from korat_desktop.files import FileBatch

    with mounted_tmpfs(tmp_path / "disk", "64k") as disk:
        with pytest.raises(FileError) as e, FileBatch() as batch:
            for n in range(10):
                with batch.add(disk / f"{n}.pdf") as out:
                    out.write(b"x" * 16_000)
            batch.commit()
        assert e.value.code == "file.disk_full"
        assert list(disk.iterdir()) == []
