"""Bulk provisioning through the real ``korat-hub`` console and the real hub over HTTP,
on SQLite and PostgreSQL: Excel's CSV flavours, every bad-row kind with its line,
all-or-nothing, one-time setup codes, export round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from korat_desktop.server.hub import open_hub
from korat_desktop.server.provisioning import import_users
from korat_desktop.server.settings import HubSettings
from tests.server.hub_harness import ThreadedHub, hub_cli_at, postgres_database

BOM = b"\xef\xbb\xbf"
Run = Callable[..., tuple[int, str, str]]

AGENCIES_TH = (  # Excel "CSV UTF-8": BOM, CRLF, Thai headers; relay named before defined
    "รหัสหน่วยงาน,ชื่อหน่วยงาน,หน่วยงานส่งต่อ\r\n"
    "นม 0017.1,สำนักงานจังหวัดนครราชสีมา,\r\n"
    "นม ๐๐๒๓.๔,ที่ว่าการอำเภอปากช่อง,นม 0017.1\r\n"
    "นม0023.5,องค์การบริหารส่วนตำบลหนองน้ำแดง,นม 0023.4\r\n")
USERS_EN = (  # plain UTF-8 without BOM, English headers, a column the import ignores
    "username,full_name,agency_code,role,email,note\n"
    "somchai.j,สมชาย ใจดี,นม 0017.1,clerk,somchai@korat.go.th,ห้องสารบรรณ\n"
    "somsri.m,สมศรี มีสุข,นม 0023.4,หัวหน้า,,\n"
    "wichai,นายวิชัย ศรีสวัสดิ์,นม 0023.5,,,\n")


@pytest.fixture
def run(tmp_path: Path, database_url: str | None, capsys: pytest.CaptureFixture[str]) -> Run:
    return _runner(tmp_path / "hub", database_url, capsys)


def _runner(data_dir: Path, database_url: str | None,
            capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: str) -> tuple[int, str, str]:
        return hub_cli_at(capsys, data_dir, database_url, *args)
    return run


@contextmanager
def _another_hub(tmp_path: Path, database_url: str | None,
                 capsys: pytest.CaptureFixture[str]) -> Iterator[Run]:
    if database_url is None:
        yield _runner(tmp_path / "hub2", None, capsys)
    else:
        with postgres_database() as url:
            yield _runner(tmp_path / "hub2", url, capsys)


def _write(path: Path, text: str, bom: bool = False, encoding: str = "utf-8") -> str:
    path.write_bytes((BOM if bom else b"") + text.encode(encoding))
    return str(path)


def _problems(out: str) -> set[tuple[int, str]]:
    return {(p["line"], p["code"]) for p in json.loads(out)["problems"]}


def _provision(run: Run, tmp_path: Path) -> list[dict[str, str]]:
    code, out, err = run("import-agencies", _write(tmp_path / "ag.csv", AGENCIES_TH, bom=True),
                         "--json")
    assert code == 0, err
    assert json.loads(out)["imported"] == 3
    code, out, err = run("import-users", _write(tmp_path / "us.csv", USERS_EN), "--codes-out",
                         str(tmp_path / "codes.csv"), "--json")
    assert code == 0, err
    assert json.loads(out)["imported"] == 3
    data = (tmp_path / "codes.csv").read_bytes()
    assert data.startswith(BOM)  # so Excel shows the Thai names
    assert (tmp_path / "codes.csv").stat().st_mode & 0o077 == 0
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"))))


def test_import_excel_files_and_export_round_trip(tmp_path: Path, database_url: str | None,
                                                  run: Run,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    codes = _provision(run, tmp_path)
    assert [(c["username"], c["full_name"], c["agency_code"]) for c in codes] == [
        ("somchai.j", "สมชาย ใจดี", "นม 0017.1"), ("somsri.m", "สมศรี มีสุข", "นม 0023.4"),
        ("wichai", "นายวิชัย ศรีสวัสดิ์", "นม 0023.5")]
    assert len({c["setup_code"] for c in codes}) == 3
    code, out, _ = run("list-agencies", "--json")
    assert json.loads(out) == [
        {"code": "นม 0017.1", "name": "สำนักงานจังหวัดนครราชสีมา", "relay": None},
        {"code": "นม 0023.4", "name": "ที่ว่าการอำเภอปากช่อง", "relay": "นม 0017.1"},
        {"code": "นม 0023.5", "name": "องค์การบริหารส่วนตำบลหนองน้ำแดง", "relay": "นม 0023.4"}]

    exported = tmp_path / "export.csv"
    assert run("export-users", "-o", str(exported))[0] == 0
    text = exported.read_bytes()
    assert text.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(text[3:].decode("utf-8"))))
    assert [(r["username"], r["full_name"], r["agency_code"], r["role"], r["email"],
             r["status"]) for r in rows] == [
        ("somchai.j", "สมชาย ใจดี", "นม 0017.1", "clerk", "somchai@korat.go.th", "setup_pending"),
        ("somsri.m", "สมศรี มีสุข", "นม 0023.4", "head", "", "setup_pending"),
        ("wichai", "นายวิชัย ศรีสวัสดิ์", "นม 0023.5", "clerk", "", "setup_pending")]
    assert not any(c["setup_code"] in text.decode("utf-8") for c in codes)

    # re-import is refused row by row: nothing changes
    code, out, _ = run("import-users", str(tmp_path / "us.csv"), "--codes-out",
                       str(tmp_path / "again.csv"), "--json")
    assert code == 1 and _problems(out) == {(2, "provision.exists_on_hub"),
                                            (3, "provision.exists_on_hub"),
                                            (4, "provision.exists_on_hub")}
    assert not (tmp_path / "again.csv").exists()

    # the export is an import file for another hub: the same accounts come out again
    with _another_hub(tmp_path, database_url, capsys) as other:
        assert other("import-agencies", str(tmp_path / "ag.csv"))[0] == 0
        code, _, err = other("import-users", str(exported), "--codes-out",
                             str(tmp_path / "codes2.csv"))
        assert code == 0, err
        code, out, _ = other("export-users", "--json")
        assert json.loads(out) == [
            {k: r[k] for k in ("username", "full_name", "agency_code", "role", "email",
                               "status")} for r in rows]


def test_dry_run_lists_every_bad_row_and_nothing_is_imported(tmp_path: Path, run: Run) -> None:
    _provision(run, tmp_path)
    bad_users = _write(tmp_path / "bad.csv", (
        "ชื่อผู้ใช้,ชื่อ-นามสกุล,รหัสหน่วยงาน,บทบาท,อีเมล\n"          # 1
        "ok.one,ผู้ใช้ที่ถูกต้อง,นม 0017.1,,\n"                          # 2
        "SOMCHAI.J,ซ้ำกับที่มีในระบบ,นม 0017.1,,\n"                      # 3 on the hub
        "new.user,\"ชื่อ\nสองบรรทัด\",นม 0017.1,,\n"                     # 4-5 fine
        "New.User,ซ้ำในไฟล์,นม 0017.1,,\n"                               # 6 dup of line 4
        "ghost,ไม่มีหน่วยงาน,นม 9999.9,,\n"                              # 7 unknown agency
        "badcode,รหัสผิดรูปแบบ,NM-0017,,\n"                              # 8 bad code
        "สมชาย,ชื่อผู้ใช้ภาษาไทย,นม 0017.1,,\n"                          # 9 bad username
        ",ไม่มีชื่อผู้ใช้,นม 0017.1,,\n"                                  # 10 missing value
        "norole,บทบาทผิด,นม 0017.1,boss,\n"                              # 11 bad role
        "nomail,อีเมลผิด,นม 0017.1,,not-an-email\n"                      # 12 bad email
        "extra,มีค่าเกิน,นม 0017.1,,,เกิน\n"                              # 13 extra values
        "\n"                                                              # 14 blank: skipped
        "ctrl,มี\x07อักขระควบคุม,นม 0017.1,,\n"                          # 15 control char
        "noagency,ไม่มีหน่วยงาน,,,\n"))                                   # 16 missing value
    expected = {(3, "provision.exists_on_hub"), (6, "provision.duplicate_in_file"),
                (7, "provision.unknown_agency"), (8, "provision.bad_code"),
                (9, "provision.bad_username"), (10, "provision.missing_value"),
                (11, "provision.bad_role"), (12, "provision.bad_email"),
                (13, "provision.extra_values"), (15, "provision.bad_text"),
                (16, "provision.missing_value")}
    code, out, err = run("import-users", bad_users, "--dry-run", "--json")
    assert code == 1 and _problems(out) == expected
    report = json.loads(out)
    assert report["rows"] == 13 and report["imported"] == 0
    dup = next(p for p in report["problems"] if p["line"] == 6)
    assert dup["params"]["first_line"] == 4 and "บรรทัด 4" in dup["message_th"]
    code, out, err = run("import-users", bad_users, "--codes-out", str(tmp_path / "c.csv"))
    assert code == 1 and "บรรทัด 7:" in out and "(line 7: " in out and "Nothing imported" in err
    code, out, _ = run("import-users", bad_users, "--codes-out", str(tmp_path / "c.csv"),
                       "--json")  # the real run: the same list, exit 1
    assert code == 1 and _problems(out) == expected
    assert not (tmp_path / "c.csv").exists()
    assert [u["username"] for u in json.loads(run("export-users", "--json")[1])] == [
        "somchai.j", "somsri.m", "wichai"]

    bad_agencies = _write(tmp_path / "bad-ag.csv", (
        "code,name,relay\n"
        "นม 0030.1,อำเภอสีคิ้ว,\n"             # 2 fine
        "นม 0017.1,มีแล้ว,\n"                   # 3 on the hub
        "นม 0030.1,ซ้ำ,\n"                      # 4 dup of 2
        "0030.2,ไม่มีอักษรย่อ,\n"               # 5 bad code
        "นม 0030.3,,\n"                         # 6 missing name
        "นม 0030.4,ส่งต่อตัวเอง,นม 0030.4\n"    # 7 relay self
        "นม 0030.5,ส่งต่อไม่มีจริง,นม 0099.9\n"))  # 8 unknown relay
    code, out, _ = run("import-agencies", bad_agencies, "--json")
    assert code == 1 and _problems(out) == {
        (3, "provision.exists_on_hub"), (4, "provision.duplicate_in_file"),
        (5, "provision.bad_code"), (6, "provision.missing_value"),
        (7, "provision.relay_self"), (8, "provision.unknown_relay")}
    assert "นม 0030.1" not in run("list-agencies")[1]


def test_wrong_encodings_and_missing_columns_are_refused(tmp_path: Path, run: Run) -> None:
    _provision(run, tmp_path)
    cp874 = _write(tmp_path / "tis.csv", "username,full_name,agency_code\n"
                   "a.b,สมชาย ใจดี,นม 0017.1\nc.d,สมศรี มีสุข,นม 0017.1\n", encoding="cp874")
    code, out, _ = run("import-users", cp874, "--dry-run", "--json")
    report = json.loads(out)
    assert code == 1 and _problems(out) == {(2, "provision.encoding"), (3, "provision.encoding")}
    assert "TIS-620" in report["problems"][0]["message"]
    assert "CSV UTF-8" in report["problems"][0]["message_th"]
    utf16 = tmp_path / "u16.csv"
    utf16.write_bytes("username\tfull_name\n".encode("utf-16"))
    code, out, _ = run("import-users", str(utf16), "--dry-run", "--json")
    assert code == 1 and _problems(out) == {(1, "provision.utf16")}
    missing = _write(tmp_path / "cols.csv", "\nusername,ชื่อ-นามสกุล\na.b,สมชาย ใจดี\n", bom=True)
    code, out, _ = run("import-users", missing, "--codes-out", str(tmp_path / "c.csv"),
                       "--json")
    assert code == 1 and _problems(out) == {(2, "provision.missing_column")}
    code, out, _ = run("import-agencies", _write(tmp_path / "empty.csv", "", bom=True), "--json")
    assert code == 1 and _problems(out) == {(1, "provision.empty_file")}
    assert len(json.loads(run("export-users", "--json")[1])) == 3
    assert run("import-users", str(tmp_path / "nope.csv"), "--dry-run")[0] == 2
    assert run("import-users", str(tmp_path / "us.csv"))[0] == 2  # no --codes-out


def test_codes_file_that_cannot_be_written_imports_nothing(tmp_path: Path, run: Run) -> None:
    agencies = _write(tmp_path / "ag.csv", AGENCIES_TH, bom=True)
    assert run("import-agencies", agencies)[0] == 0
    code, _, err = run("import-users", _write(tmp_path / "us.csv", USERS_EN), "--codes-out",
                       str(tmp_path / "no-such-folder" / "codes.csv"))
    assert code == 1 and "no-such-folder" in err
    assert json.loads(run("export-users", "--json")[1]) == []


def _enroll(hub: ThreadedHub, user: str, password: str,
            setup_code: str | None = None) -> requests.Response:
    body = {"username": user, "password": password, "device_name": "pc"}
    if setup_code is not None:
        body["setup_code"] = setup_code
    return requests.post(f"{hub.url}/enroll", json=body, timeout=30)


def test_setup_code_signs_in_once_then_the_password_works(tmp_path: Path, run: Run,
                                                          hub: ThreadedHub) -> None:
    codes = {c["username"]: c["setup_code"] for c in _provision(run, tmp_path)}
    r = _enroll(hub, "somchai.j", "anything")  # no password yet: nothing verifies
    assert r.status_code == 401 and r.json()["code"] == "auth.bad_credentials"
    r = _enroll(hub, "somchai.j", "new-secret-1", "WRONG-" + codes["somchai.j"][6:])
    assert r.status_code == 401 and r.json()["code"] == "auth.setup_code_invalid"
    r = _enroll(hub, "somsri.m", "new-secret-1", codes["somchai.j"])  # another's code
    assert r.status_code == 401 and r.json()["code"] == "auth.setup_code_invalid"
    typed = codes["somchai.j"].lower().replace("-", " ")  # as read out over the phone
    r = _enroll(hub, "somchai.j", "new-secret-1", typed)
    assert r.status_code == 201 and r.json()["agency"]["code"] == "นม 0017.1"
    r = _enroll(hub, "somchai.j", "other-secret", codes["somchai.j"])  # spent
    assert r.status_code == 401 and r.json()["code"] == "auth.setup_code_invalid"
    assert _enroll(hub, "somchai.j", "new-secret-1").status_code == 201
    assert _enroll(hub, "somchai.j", "other-secret").status_code == 401
    status = {u["username"]: u["status"] for u in json.loads(run("export-users", "--json")[1])}
    assert status == {"somchai.j": "active", "somsri.m": "setup_pending",
                      "wichai": "setup_pending"}


def test_expired_code_is_refused_and_a_new_one_works(tmp_path: Path, run: Run,
                                                     hub: ThreadedHub,
                                                     hub_settings: HubSettings) -> None:
    _provision(run, tmp_path)
    late = open_hub(hub_settings)
    try:
        with late.db.writing() as conn:  # imported a month ago, valid for 14 days
            report = import_users(conn, "username,full_name,agency_code\nlate,ผู้มาช้า,นม 0017.1\n"
                                  .encode(), dry_run=False, valid_days=14,
                                  now=dt.datetime.now(dt.UTC) - dt.timedelta(days=30))
    finally:
        late.close()
    old = report.codes[0].code.text
    r = _enroll(hub, "late", "new-secret-1", old)
    assert r.status_code == 401 and r.json()["code"] == "auth.setup_code_invalid"
    assert {u["username"]: u["status"] for u in json.loads(
        run("export-users", "--json")[1])}["late"] == "setup_expired"
    assert run("new-setup-codes", "late", "nobody", "--codes-out",
               str(tmp_path / "n.csv"))[0] == 1
    code, _, err = run("new-setup-codes", "late", "--codes-out", str(tmp_path / "n.csv"))
    assert code == 0, err
    new = list(csv.DictReader(io.StringIO((tmp_path / "n.csv").read_text("utf-8-sig"))))
    assert new[0]["username"] == "late" and new[0]["full_name"] == "ผู้มาช้า"
    assert _enroll(hub, "late", "new-secret-1", old).status_code == 401
    assert _enroll(hub, "late", "new-secret-1", new[0]["setup_code"]).status_code == 201


def test_profile_migration_keeps_accounts_and_downgrades(tmp_path: Path,
                                                         database_url: str | None) -> None:
    """Accounts made before the profile/setup-code migration keep their password (no
    profile, no code); its downgrade drops exactly what it added."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from korat_desktop.server.db.engine import Database
    from korat_desktop.server.db.migrate import alembic_config, upgrade_to_head
    from korat_desktop.server.db.schema import metadata

    db = Database(database_url or f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        config = alembic_config(db.write_engine)
        ours = next(r for r in ScriptDirectory.from_config(config).walk_revisions()
                    if "setup_code_sha256" in Path(str(r.path)).read_text("utf-8"))
        assert isinstance(ours.down_revision, str)
        command.upgrade(config, ours.down_revision)
        with db.write_engine.begin() as conn:
            conn.execute(text("INSERT INTO agencies (code, name, change_seq, created_at) "
                              "VALUES ('A', 'A', 0, '2026-01-01 00:00:00')"))
            conn.execute(text("INSERT INTO users (username, agency_code, password_hash, "
                              "created_at) VALUES ('old', 'A', 'scrypt$x', "
                              "'2026-01-01 00:00:00')"))
        upgrade_to_head(db.write_engine)
        with db.write_engine.connect() as conn:
            assert conn.execute(text(
                "SELECT username, password_hash, full_name, setup_code_sha256 FROM users"
            )).all() == [("old", "scrypt$x", None, None)]
        command.downgrade(config, ours.down_revision)
        with db.write_engine.connect() as conn:
            assert conn.execute(text("SELECT username FROM users")).all() == [("old",)]
        upgrade_to_head(db.write_engine)
        with db.write_engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        db.dispose()


def test_setup_codes_are_random_readable_and_forgiving() -> None:
    from korat_desktop.server.setup_codes import code_digest, new_setup_code

    now = dt.datetime.now(dt.UTC)
    codes = [new_setup_code(now, 14) for _ in range(2000)]
    assert len({c.text for c in codes}) == len({c.digest for c in codes}) == 2000
    for c in codes[:50]:
        groups = c.text.split("-")
        assert [len(g) for g in groups] == [5, 5, 5, 5, 6]
        assert not set("".join(groups)) & set("ILOU")
        assert c.expires_at - now == dt.timedelta(days=14)
    assert code_digest("0I1L-o") == code_digest("01 11 0")  # O/0, I/L/1, case, dashes
    assert code_digest(codes[0].text) != code_digest(codes[1].text)
