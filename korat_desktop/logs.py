"""Log files IT can read: rotating, size-capped, and scrubbed of secrets.

Every process (the window, ``korat``, the demo's peer office) logs to one file per
component in :attr:`Paths.log_dir`: ``desktop.log``, ``korat.log``. Files rotate at
``log.max_kb`` and ``log.keep`` old files are kept, so an office PC that runs for years
never fills its disk with logs.

What a log line may hold is decided at the source (no PIN, password, device token or
letter content is ever formatted into a message). :class:`SecretScrub` is the second
line of defence: it rewrites anything shaped like a bearer token, a password or PIN
assignment, or a long hex/base64 secret before the line reaches the file, because a
third-party library (urllib3, pyHanko) may log what we would not. Letter subjects are
dropped unless ``log.subjects`` allows them: code that logs a subject passes it as
``extra={"subject": ...}`` and the formatter leaves it out otherwise.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from korat_desktop.config import Config

__all__ = ["LOG_FORMAT", "SecretScrub", "configure_logging", "log_files", "scrub",
           "start_logging"]

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s%(subject_part)s"

_SECRET_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\b(bearer|token)\s+[A-Za-z0-9._~+/=-]{8,}"), r"\1 [hidden]"),
    (re.compile(r"(?i)\b(authorization)\s*[:=]\s*\S+(\s+\S+)?"), r"\1: [hidden]"),
    (re.compile(r"(?i)\b(pin|password|passwd|secret|token|api[_-]?key)\b(\s*[:=]\s*)"
                r"(\"[^\"]*\"|'[^']*'|\S+)"), r"\1\2[hidden]"),
    # long opaque strings (device tokens, keys): hex of 32+ or url-safe base64 of 32+
    (re.compile(r"\b[0-9a-fA-F]{64,}\b"), "[hex]"),
    (re.compile(r"(?<![A-Za-z0-9_/-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_/-])"), "[hidden]"),
)


def scrub(text: str) -> str:
    """``text`` with anything shaped like a secret replaced (see module docstring).

    SHA-256 blob names are 64 hex digits and are useful to IT, so a bare 64-hex word is
    kept when it is prefixed by ``sha256:`` or ``blob``; every other long hex run goes."""
    kept: dict[str, str] = {}

    def keep(m: re.Match[str]) -> str:
        key = f"\x00{len(kept)}\x00"
        kept[key] = m.group(0)
        return key

    text = re.sub(r"(?i)(?:sha256[:=]\s*|blob[s]?[/ ])[0-9a-f]{64}", keep, text)
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    for key, value in kept.items():
        text = text.replace(key, value)
    return text


class SecretScrub(logging.Filter):
    """Formats each record once, scrubs it, and drops a subject the settings forbid."""

    def __init__(self, subjects: bool = False) -> None:
        super().__init__()
        self.subjects = subjects

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the line
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = scrub(message), None
        subject = getattr(record, "subject", None)
        record.subject_part = (f" [เรื่อง: {scrub(str(subject))}]"
                               if self.subjects and subject else "")
        if record.exc_info and not record.exc_text:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def configure_logging(log_dir: Path, component: str, *, max_kb: int = 2048, keep: int = 5,
                      subjects: bool = False, level: int = logging.INFO,
                      stream: Any = None) -> Path | None:
    """Send this process's logs to ``log_dir/<component>.log`` (rotating); returns the
    file, or None when the folder cannot be written (then logs go to ``stream`` only, if
    given: a read-only data folder must not stop the app)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_korat", False)]:
        root.removeHandler(old)
        old.close()
    scrubber = SecretScrub(subjects)
    formatter = logging.Formatter(LOG_FORMAT)
    file = log_dir / f"{component}.log"
    path: Path | None = file
    handlers: list[logging.Handler] = []
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(
            file, maxBytes=max(16, max_kb) * 1024, backupCount=max(1, keep),
            encoding="utf-8", delay=True))
    except OSError:
        path = None
    if stream is not None:
        handlers.append(logging.StreamHandler(stream))
    for handler in handlers:
        handler.addFilter(scrubber)
        handler.setFormatter(formatter)
        handler._korat = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    # Our own events at ``level``; libraries (fontTools subsetting, urllib3 request lines)
    # only when they warn, or the file fills with noise in minutes.
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    logging.getLogger("korat_desktop").setLevel(level)
    return path


def start_logging(config: Config | None, log_dir: Path, component: str, *,
                  fallback: Any = None) -> Path | None:
    """:func:`configure_logging` with the ``log.*`` settings (defaults when the config
    could not be read); to ``fallback`` (a stream) when the folder is not writable."""
    from korat_desktop.errors import ConfigError

    sizes: dict[str, Any] = {}
    if config is not None:
        try:
            sizes = {"max_kb": int(config["log.max_kb"]), "keep": int(config["log.keep"]),
                     "subjects": bool(config["log.subjects"])}
        except ConfigError:
            sizes = {}
    path = configure_logging(log_dir, component, **sizes)
    if path is None and fallback is not None:
        configure_logging(log_dir, component, stream=fallback)
    return path


def log_files(log_dir: Path) -> list[Path]:
    """The log files in ``log_dir``, newest first (current files before rotated ones)."""
    if not log_dir.is_dir():
        return []
    files = [p for p in log_dir.iterdir() if p.is_file() and ".log" in p.name]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)
