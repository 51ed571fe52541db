"""``korat ... --help`` in Thai: every command's help and argparse's own words.

Every command is found by walking the parser, so a command added later is checked
too. What stays Latin is what people type: option names, metavars (``FILE``), the
command names, typed values (``{receive,send}``, ``normal|urgent``), ``-`` and paths.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from korat_desktop.cli.main import build_parser
from tests.cli.conftest import run_korat_process
from tests.support.korat_run import KoratRun
from tests.support.thai_words import foreign_words

_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*(?:=\S+)?")
_METAVAR = re.compile(r"\b[A-Z][A-Z0-9_]*(?:\.[a-z0-9]+)?\b")
_CHOICES = re.compile(r"\{[^}]*\}")
_ALTERNATIVES = re.compile(r"[\w-]+(?:\|[\w-]+)+")
_LATIN_PART = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _commands(parser: argparse.ArgumentParser,
              path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...],
                                                             argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))


def _typed_words(parser: argparse.ArgumentParser) -> frozenset[str]:
    """Command names, metavars, positional names and choice values: typed by people
    (or placeholders for what they type), so Latin in any language."""
    words = {"korat"}
    for path, sub in _commands(parser):
        for name in path:
            words.update(_LATIN_PART.findall(name))
        for action in sub._actions:
            metavar = action.metavar
            names = [*(metavar if isinstance(metavar, tuple) else (metavar or "",)),
                     "" if action.option_strings else action.dest]
            for name in names:
                words.update(_LATIN_PART.findall(name))
            if action.choices and not isinstance(action, argparse._SubParsersAction):
                words.update(str(c) for c in action.choices)
    return frozenset(words)


def _english_in(text: str, typed: frozenset[str]) -> list[str]:
    for pattern in (_CHOICES, _OPTION, _ALTERNATIVES, _METAVAR):
        text = pattern.sub(" ", text)
    return foreign_words(text, typed)


def test_every_command_help_is_thai(korat: Callable[..., KoratRun]) -> None:
    parser = build_parser()
    typed = _typed_words(parser)
    commands = [path for path, _sub in _commands(parser)]
    assert len(commands) > 40  # the walk found the commands and their subcommands
    problems = {}
    for path in commands:
        run = korat(*path, "--help", "--lang", "th")
        assert run.code == 0, (path, run.err)
        assert run.out.startswith("วิธีใช้: korat"), (path, run.out[:80])
        assert "ตัวเลือก:" in run.out and "แสดงวิธีใช้นี้แล้วจบ" in run.out, path
        english = _english_in(run.out, typed)
        if english:
            problems[" ".join(path) or "korat"] = sorted(set(english))
    assert not problems, f"English in Thai help: {problems}"


def test_english_help_with_lang_en(korat: Callable[..., KoratRun]) -> None:
    run = korat("receive", "--help", "--lang", "en")
    assert run.code == 0
    assert run.out.startswith("usage: korat receive")
    assert "show this help message and exit" in run.out
    assert "register even if the same file" in run.out


def test_the_configured_language_decides(korat: Callable[..., KoratRun],
                                         tmp_path: Path) -> None:
    data = str(tmp_path / "office")
    assert korat("config", "set", "ui.language", "en", "--data-dir", data).code == 0
    run = korat("--data-dir", data, "list", "--help")
    assert run.out.startswith("usage: korat list"), run.out[:80]
    run = korat("--data-dir", data, "list", "--help", "--lang", "th")  # --lang wins
    assert run.out.startswith("วิธีใช้: korat list"), run.out[:80]


def test_usage_errors_are_thai(korat: Callable[..., KoratRun]) -> None:
    run = korat("list", "--register", "receipts", "--lang", "th")
    assert run.code == 2
    assert "ค่า 'receipts' ใช้ไม่ได้ (เลือกจาก 'receive', 'send')" in run.err
    assert run.err.startswith("วิธีใช้: korat list")
    run = korat("list", "--lang", "th")
    assert run.code == 2
    assert "ต้องระบุอาร์กิวเมนต์ต่อไปนี้: --register" in run.err
    run = korat("list", "--register", "receive", "--no-such", "--lang", "th")
    assert "ไม่รู้จักอาร์กิวเมนต์: --no-such" in run.err
    run = korat("list", "--lang", "en")
    assert "the following arguments are required: --register" in run.err
    # argparse is left as it was: an English parser built afterwards says English
    other = argparse.ArgumentParser(prog="other")
    assert "options:" in other.format_help() and "usage: other" in other.format_help()


def test_the_console_entry_point_is_thai_by_default(tmp_path: Path) -> None:
    run = run_korat_process("--data-dir", str(tmp_path / "fresh"), "--help")
    assert run.code == 0
    assert run.out.startswith("วิธีใช้: korat")
    assert "ลงทะเบียนรับหนังสือ" in run.out


def test_korat_desktop_help_follows_the_same_language(capsys: pytest.CaptureFixture[str]) -> None:
    from korat_desktop.ui.start_options import parse_start_options

    for argv, start, words in ((["--help", "--lang", "th"], "วิธีใช้: korat-desktop",
                                "ไฟล์ PDF ของหนังสือที่จะลงรับ"),
                               (["--help", "--lang", "en"], "usage: korat-desktop",
                                "PDF letters to register as received")):
        with pytest.raises(SystemExit) as exit_:
            parse_start_options(argv)
        out = capsys.readouterr().out
        assert exit_.value.code == 0
        assert out.startswith(start) and words in out, out[:200]
        if argv[-1] == "th":
            assert not _english_in(out, frozenset({"korat", "desktop", "pdf", "th", "en"}))
