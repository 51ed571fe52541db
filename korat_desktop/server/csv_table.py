"""Reading an admin's CSV file as Excel saves it, every problem with its line number.

Excel's "CSV UTF-8" starts with a byte order mark, plain "CSV" on a Thai Windows
writes TIS-620 (code page 874), and "Unicode text" writes UTF-16 with tabs: the first
is accepted, the others are refused with a message that names the encoding and says
how to save the file again, since guessing would store mojibake names for thousands of
people. Headers may be Thai or English; values are stripped and NFC-normalised.
Records that are empty (Excel's trailing ``,,,`` rows) are skipped.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from korat_desktop.server.errors import render_message

__all__ = ["Column", "Problem", "Record", "read_table"]

_BOM = b"\xef\xbb\xbf"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_HEADER_NOISE = re.compile(r"[\s_\-().]+")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, on a line people can find in Excel (the header is
    line 1)."""

    line: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return render_message(self.code, self.params, lang)

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "code": self.code, "params": self.params,
                "message_th": self.message("th"), "message": self.message("en")}


@dataclass(frozen=True)
class Column:
    key: str
    names: tuple[str, ...]
    """Header names accepted (compared without case, spaces, ``_``, ``-``, dots)."""
    required: bool = True


@dataclass(frozen=True)
class Record:
    line: int
    values: dict[str, str]
    """Every column's key; absent optional columns are ``""``."""


def _header_key(name: str) -> str:
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFC", name).casefold())


def _encoding_problems(data: bytes) -> list[Problem]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [Problem(1, "provision.utf16")]
    problems = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            thai = any(0xA1 <= b <= 0xFB for b in raw)
            encoding = "TIS-620 / Windows-874" if thai else "not UTF-8"
            problems.append(Problem(number, "provision.encoding", {"encoding": encoding}))
    return problems


def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", value.strip())


def read_table(data: bytes, columns: Sequence[Column]) -> tuple[list[Record], list[Problem]]:
    """The file's records and its problems (format ones only: the caller checks values).

    A problem with the encoding or the header stops the reading there (every line that
    is not UTF-8 is listed); otherwise each record is read, and one with a control
    character or with more values than the header has columns is reported and left out.
    """
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    problems = _encoding_problems(data)
    if problems:
        return [], problems
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header: list[str] | None = None
    header_line = 1
    records: list[Record] = []
    last_line = 0
    for row in reader:
        line, last_line = last_line + 1, reader.line_num
        if header is None:
            if not any(cell.strip() for cell in row):
                continue
            header, header_line = row, line
            index, problems = _map_header(header, columns, line)
            if problems:
                return [], problems
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            problems.append(Problem(line, "provision.extra_values",
                                    {"expected": len(header), "found": len(row)}))
            continue
        values = {c.key: _clean(row[index[c.key]]) if index.get(c.key, len(row)) < len(row)
                  else "" for c in columns}
        bad = [key for key, value in values.items() if _CONTROL.search(value)]
        if bad:
            problems.append(Problem(line, "provision.bad_text", {"column": bad[0]}))
            continue
        records.append(Record(line, values))
    if header is None:
        return [], [Problem(header_line, "provision.empty_file")]
    return records, problems


def _map_header(header: Sequence[str], columns: Sequence[Column],
                line: int) -> tuple[dict[str, int], list[Problem]]:
    wanted = {_header_key(name): c.key for c in columns for name in (c.key, *c.names)}
    index: dict[str, int] = {}
    problems = []
    for position, name in enumerate(header):
        key = wanted.get(_header_key(name))
        if key is None:
            continue  # extra columns (an export's status, a note) are left alone
        if key in index:
            problems.append(Problem(line, "provision.duplicate_column", {"column": name.strip()}))
        index[key] = position
    for c in columns:
        if c.required and c.key not in index:
            problems.append(Problem(line, "provision.missing_column",
                                    {"column": c.key, "names": " / ".join(c.names)}))
    return index, problems
