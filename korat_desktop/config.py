"""Settings, declared once, resolved through four layers.

Layers, later wins: built-in defaults < machine config < user settings < machine
policy. A key present in the machine policy file is *locked*: the user layer cannot
change it and the UI shows it read-only with the policy file as the reason. IT sets
machine config and policy from installers; policy cannot be escaped with
``--data-dir`` (only paths move with it).

Files are TOML with one table per section::

    [agency]
    code = "นม 0017.1"
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from korat_desktop.document_words import LEVEL_NAMES
from korat_desktop.errors import ConfigError, FileError, KoratError
from korat_desktop.files import write_file

__all__ = [
    "Setting",
    "SETTINGS",
    "Layer",
    "SettingValue",
    "Config",
    "ConfigProblem",
    "problem_title",
    "Paths",
    "resolve_paths",
    "load_config",
    "machine_config_dir",
]

APP_NAME = "korat-desktop"

IT_SECTIONS = frozenset({"log", "update", "updates"})
"""Sections whose settings are all IT's (the settings window's advanced page)."""


@dataclass(frozen=True)
class Setting:
    """One declared setting: its key ("section.name"), type, default and title."""

    key: str
    type: type
    default: Any
    title_th: str
    title_en: str
    choices: tuple[str, ...] | None = None
    help_en: str = ""
    check: Callable[[Any], object] | None = None
    """Refuses a value people set (a KoratError that says why); files are checked on use."""
    advanced: bool | None = None
    """For IT, not for clerks (paths, network tuning, logs): the settings window puts it
    on its "ขั้นสูง (สำหรับฝ่ายไอที)" page, so a clerk's page holds only a clerk's choices.
    Not given: true for the sections that are IT's as a whole (``IT_SECTIONS``)."""
    choice_titles: tuple[tuple[str, str], ...] | None = None
    """Words for each of ``choices`` (Thai, English), so nobody reads "b-lt" or "th"."""

    def __post_init__(self) -> None:
        if self.advanced is None:
            object.__setattr__(self, "advanced", self.key.split(".", 1)[0] in IT_SECTIONS)

    def title(self, lang: str) -> str:
        return self.title_th if lang == "th" else self.title_en

    def choice_title(self, choice: str, lang: str) -> str:
        """What a person reads for one of ``choices`` (the value itself when unnamed)."""
        if self.choices is None or self.choice_titles is None or choice not in self.choices:
            return choice
        thai, english = self.choice_titles[self.choices.index(choice)]
        return thai if lang == "th" else english

    def coerce(self, value: Any) -> Any:
        """Check ``value`` against the declared type; raise ValueError when it does not fit."""
        if self.type is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError("a list of strings")
            return list(value)
        if self.type is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError("a number")
            return float(value)
        if self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError("a whole number")
            return value
        if self.type is bool:
            if not isinstance(value, bool):
                raise ValueError("true or false")
            return value
        if not isinstance(value, str):
            raise ValueError("text")
        if self.choices is not None and value not in self.choices:
            raise ValueError("one of " + ", ".join(self.choices))
        return value

    def parse_text(self, text: str) -> Any:
        """Parse a value typed by a person (CLI ``korat config set``)."""
        if self.type is bool:
            low = text.strip().lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            raise ValueError("true or false")
        if self.type is int:
            return self.coerce(int(text))
        if self.type is float:
            return self.coerce(float(text))
        if self.type is list:
            return [part.strip() for part in text.split(",") if part.strip()]
        return self.coerce(text)


def _default_pkcs11_modules() -> list[str]:
    if sys.platform.startswith("win"):
        return [
            "opensc-pkcs11.dll",
            "eTPKCS11.dll",  # SafeNet eToken
            "ngp11v211.dll",  # Thai NID / common readers middleware
            "cmP11.dll",
            "gclib.dll",
        ]
    if sys.platform == "darwin":
        return ["/Library/OpenSC/lib/opensc-pkcs11.so", "/usr/local/lib/softhsm/libsofthsm2.so"]
    return [
        "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
        "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so",
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    ]


def _check_hub_url(value: Any) -> None:
    if value:  # empty: not configured
        from korat_desktop.sync.hub_url import check_hub_url

        check_hub_url(str(value))


SETTINGS: tuple[Setting, ...] = (
    # agency: written by installers; `korat init` takes them as defaults
    Setting("agency.code", str, "", "รหัสหนังสือของหน่วยงาน", "Agency letter code",
            help_en='The code before "/" in ที่, e.g. "นม 0017.1".'),
    Setting("agency.name", str, "", "ชื่อหน่วยงาน", "Agency name"),
    # the person at this PC (when it is not signed in to the hub)
    Setting("user.name", str, "", "ชื่อผู้ใช้เครื่องนี้ (บันทึกในประวัติ)",
            "Name of this computer's user (recorded in history)",
            help_en="Who the history names on a PC not signed in to the central e-Office."),
    # display
    Setting("ui.language", str, "th", "ภาษา", "Language", choices=("th", "en"),
            choice_titles=(("ไทย", "ไทย (Thai)"), ("English", "English"))),
    Setting("display.thai_digits", bool, False, "แสดงเลขไทย", "Show Thai digits"),
    # correspondence rules that SARABAN.md marks (verify)
    Setting("retention.default_years", int, 10, "อายุการเก็บ (ปี)", "Retention (years)"),
    Setting("stamp.receipt_width_mm", float, 50.0, "ความกว้างตรารับ (มม.)",
            "Receipt stamp width (mm)"),
    Setting("stamp.receipt_height_mm", float, 25.0, "ความสูงตรารับ (มม.)",
            "Receipt stamp height (mm)"),
    # scanned letters (issue 14): Tesseract through OCRmyPDF, in the background
    Setting("ocr.enabled", bool, True, "อ่านข้อความจากภาพสแกน (OCR)",
            "Read text from scanned letters (OCR)",
            help_en="Unsigned scans get a searchable text layer as a new version; "
                    "signed scans are only read, never rewritten."),
    Setting("ocr.languages", str, "tha+eng", "ภาษาที่อ่านด้วย OCR", "OCR languages",
            help_en="Tesseract language models joined by +, e.g. tha+eng."),
    # signing
    Setting("signing.pkcs11_modules", list, _default_pkcs11_modules(),
            "ไลบรารี PKCS#11", "PKCS#11 modules", advanced=True),
    Setting("signing.target_level", str, "b-lt", "ระดับลายมือชื่อเป้าหมาย",
            "Target signature level", choices=("b-b", "b-t", "b-lt", "b-lta"),
            choice_titles=tuple(LEVEL_NAMES[level] for level in ("b-b", "b-t", "b-lt", "b-lta")),
            advanced=True),
    Setting("signing.tsa_url", str, "", "ที่อยู่บริการประทับเวลา (TSA)", "Timestamp authority URL", advanced=True),
    Setting("signing.trust_roots", list, [], "ใบรับรองหลักที่เชื่อถือ", "Trusted root certificates", advanced=True),
    Setting("signing.online_revocation", bool, True, "ตรวจสอบการเพิกถอนออนไลน์",
            "Check revocation online", advanced=True),
    Setting("signing.last_certificate", str, "", "ใบรับรองที่ใช้ลงนามครั้งล่าสุด",
            "Certificate used last for signing",
            help_en="SHA-256 of the certificate signed with last; the default next time.",
            advanced=True),
    Setting("signing.pkcs12_file", str, "", "ไฟล์ PKCS#12 สำรอง", "Fallback PKCS#12 file", advanced=True),
    # sync
    Setting("sync.hub_url", str, "", "ที่อยู่ระบบสารบรรณกลาง", "Central e-Office URL",
            help_en="https://... (plain http only to this computer)", check=_check_hub_url, advanced=True),
    Setting("sync.ca_bundle", str, "", "ไฟล์ CA เพิ่มเติม", "Extra CA bundle", advanced=True),
    Setting("sync.proxy", str, "", "พร็อกซี", "Proxy", advanced=True),
    Setting("sync.bandwidth_cap_kbit", int, 0, "จำกัดแบนด์วิดท์ (กิโลบิตต่อวินาที, 0 = ไม่จำกัด)",
            "Bandwidth cap (kbit/s, 0 = none)", advanced=True),
    Setting("sync.connect_timeout_s", float, 10.0, "เวลารอเชื่อมต่อ (วินาที)",
            "Connect timeout (s)", advanced=True),
    Setting("sync.read_timeout_s", float, 60.0, "เวลารออ่าน (วินาที)", "Read timeout (s)", advanced=True),
    Setting("sync.interval_s", int, 300, "ซิงก์อัตโนมัติทุก (วินาที)", "Auto-sync every (s)"),
    Setting("sync.paused", bool, False, "หยุดซิงก์ชั่วคราว", "Sync paused"),
    # 10 s: a cut longer than the hub's peer timeout (30 s) loses the chunk in flight,
    # while each chunk costs only ~0.1 s of idle link (bench_poorlink --trace).
    Setting("sync.chunk_target_s", float, 10.0, "เวลาส่งต่อก้อนข้อมูล (วินาที)",
            "Upload chunk target (s)",
            help_en="Chunks are sized to take about this long at the measured rate: "
                    "a link cut that kills the connection loses at most one chunk.", advanced=True),
    Setting("sync.max_backoff_s", float, 60.0, "เวลารอลองใหม่สูงสุด (วินาที)",
            "Longest retry wait (s)", advanced=True),
    Setting("sync.retry_attempts", int, 8, "จำนวนครั้งที่ลองใหม่ต่อรอบ",
            "Retries per item and pass",
            help_en="Failed attempts in a row (without progress) before an item waits "
                    "for the next pass.", advanced=True),
    Setting("sync.lease_block", int, 50, "ขนาดชุดเลขทะเบียนที่จอง", "Leased number block size", advanced=True),
    Setting("sync.lease_reserve", int, 10, "เลขทะเบียนสำรองขั้นต่ำ",
            "Leased numbers to keep in reserve",
            help_en="When fewer unused leased numbers are left, sync leases another block.", advanced=True),
    # couriers (issue 9): bundles on removable media
    Setting("courier.bundle_days", int, 30, "ชุดเอกสารพนักงานนำสารใช้ได้ (วัน)",
            "Courier bundles valid for (days)",
            help_en="A bundle older than this is refused on import: the sender writes "
                    "a new one (its operations are still in the sender's outbox).", advanced=True),
    # secrecy (SARABAN.md: approved method is agency policy)
    Setting("secrecy.encrypt_secret", bool, True, "เข้ารหัสหนังสือลับ/ลับมาก",
            "Encrypt ลับ/ลับมาก documents", advanced=True),
    Setting("secrecy.make_office_key", bool, True,
            "สร้างกุญแจเข้ารหัสของหน่วยงานเมื่อลงทะเบียนหนังสือลับฉบับแรก",
            "Make the office's encryption key at the first secret letter",
            help_en="Off: IT makes it (korat keys new, or a CA's certificate with --csr) "
                    "and a secret letter is refused until then.", advanced=True),
    # updates of the app itself (korat_desktop/updates/): TUF, from the hub or a USB copy
    Setting("update.auto", str, "ask", "ติดตั้งรุ่นใหม่ของโปรแกรม", "Install app updates",
            choices=("ask", "silent", "off"),
            choice_titles=(("ถามก่อนติดตั้ง", "ask first"), ("ติดตั้งโดยไม่ถาม", "install silently"),
                           ("ไม่ตรวจหารุ่นใหม่", "never check")),
            help_en="ask: the clerk confirms; silent: installed without asking; "
                    "off: never checked (MSI property AUTO_UPDATE, debconf auto_update)."),
    Setting("update.channel", str, "stable", "ช่องทางรับรุ่นใหม่", "Update channel",
            help_en="Only packages IT published for this channel are offered."),
    Setting("update.check_interval_h", int, 24, "ตรวจหารุ่นใหม่ทุก (ชั่วโมง)",
            "Check for updates every (hours)"),
    Setting("update.root_file", str, "", "ไฟล์กุญแจหลักที่เชื่อถือสำหรับตรวจรุ่นใหม่", "Trusted TUF root file",
            help_en="Empty: the root the installer put next to the machine config "
                    "(update-root.json)."),
    # logs (korat_desktop/logs.py): rotating files in the data folder's logs/
    Setting("log.max_kb", int, 2048, "ขนาดไฟล์บันทึกสูงสุด (กิโลไบต์)", "Largest log file (KB)", advanced=True),
    Setting("log.keep", int, 5, "จำนวนไฟล์บันทึกเก่าที่เก็บไว้", "Old log files kept", advanced=True),
    Setting("log.subjects", bool, False, "บันทึกชื่อเรื่องของหนังสือในไฟล์บันทึก",
            "Write letter subjects into the logs",
            help_en="Off: logs and diagnostics never hold a letter's subject.", advanced=True),
)

_BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


class Layer(Enum):
    DEFAULT = "default"
    MACHINE = "machine"
    USER = "user"
    POLICY = "policy"


@dataclass(frozen=True)
class SettingValue:
    setting: Setting
    value: Any
    source: Layer
    locked: bool
    locked_by: str | None = None


@dataclass(frozen=True)
class Paths:
    """Where this installation keeps things. ``--data-dir`` moves all of them."""

    data_dir: Path
    user_config_file: Path
    machine_dir: Path

    @property
    def machine_config_file(self) -> Path:
        return self.machine_dir / "config.toml"

    @property
    def policy_file(self) -> Path:
        return self.machine_dir / "policy.toml"

    @property
    def database_file(self) -> Path:
        return self.data_dir / "korat.sqlite3"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "korat.lock"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"


def machine_config_dir(env: Mapping[str, str] | None = None) -> Path:
    """The machine-wide directory IT writes (``KORAT_MACHINE_CONFIG_DIR`` overrides)."""
    env = os.environ if env is None else env
    if env.get("KORAT_MACHINE_CONFIG_DIR"):
        return Path(env["KORAT_MACHINE_CONFIG_DIR"])
    if sys.platform.startswith("win"):
        return Path(env.get("ProgramData", r"C:\ProgramData")) / "KoratDesktop"
    return Path("/etc/korat-desktop")


def resolve_paths(data_dir: str | Path | None = None,
                  env: Mapping[str, str] | None = None) -> Paths:
    env = os.environ if env is None else env
    if data_dir is None and env.get("KORAT_DATA_DIR"):
        data_dir = env["KORAT_DATA_DIR"]
    if data_dir is not None:
        root = Path(data_dir).expanduser().absolute()
        return Paths(root, root / "settings.toml", machine_config_dir(env))
    import platformdirs  # here: the desktop window should not wait for it

    return Paths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.toml",
        machine_config_dir(env),
    )


def _read_layer(path: Path, problems: list[ConfigError] | None = None) -> dict[str, Any]:
    """Read one TOML layer into {"section.key": value}, checking keys and types.

    With ``problems`` (the machine layer: what installers and IT write) nothing raises:
    a file that cannot be read counts as empty, a key that is unknown, of the wrong
    type or breaking its rule is left out, and each is recorded, so the app still
    starts on its defaults and says which machine setting is wrong and where it is."""
    if not path.is_file():
        return {}
    import tomllib  # here: most starts have no file to read

    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:  # not UTF-8: malformed too
        error = ConfigError("config.malformed", file=str(path), detail=str(e))
        if problems is None:
            raise error from e
        problems.append(error)
        return {}
    except OSError as e:
        error = ConfigError("config.unreadable", file=str(path), detail=str(e))
        if problems is None:
            raise error from e
        problems.append(error)
        return {}
    flat: dict[str, Any] = {}
    for section, table in doc.items():
        try:
            if not isinstance(table, dict):
                raise ConfigError("config.unknown_key", file=str(path), key=section)
            for name, value in table.items():
                try:
                    flat[f"{section}.{name}"] = _read_value(path, f"{section}.{name}", value,
                                                            checked=problems is not None)
                except ConfigError as e:
                    if problems is None:
                        raise
                    problems.append(e)
        except ConfigError as e:
            if problems is None:
                raise
            problems.append(e)
    return flat


def _read_value(path: Path, key: str, value: Any, *, checked: bool) -> Any:
    setting = _BY_KEY.get(key)
    if setting is None:
        raise ConfigError("config.unknown_key", file=str(path), key=key)
    try:
        coerced = setting.coerce(value)
    except ValueError as e:
        raise ConfigError("config.bad_value", file=str(path), key=key,
                          expected=str(e)) from e
    if checked and setting.check is not None:
        try:
            setting.check(coerced)
        except KoratError as e:
            raise ConfigError("config.bad_rule", file=str(path), key=key,
                              detail=e.message("en"), detail_th=e.message("th")) from e
    return coerced


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def dump_toml(values: Mapping[str, Any]) -> str:
    sections: dict[str, list[str]] = {}
    for key in sorted(values):
        section, name = key.split(".", 1)
        sections.setdefault(section, []).append(f"{name} = {_toml_value(values[key])}")
    return "\n".join(f"[{s}]\n" + "\n".join(lines) + "\n" for s, lines in sections.items())


@dataclass(frozen=True)
class ConfigProblem:
    """A machine setting the app left out, in words for the window and the CLI."""

    key: str  # "" when the whole file could not be read
    file: str
    code: str
    th: str
    en: str


@dataclass
class Config:
    """Resolved settings. Read with ``config["sync.hub_url"]``."""

    paths: Paths
    _layers: dict[Layer, dict[str, Any]] = field(default_factory=dict)
    policy_sources: dict[str, str] = field(default_factory=dict)
    """Where a policy key comes from when not policy.toml (Windows: the registry key)."""
    problems: list[ConfigError] = field(default_factory=list)
    """Machine settings left out because they cannot be used (see ``_read_layer``)."""
    registry: Any = field(default=None, repr=False)

    def reload(self) -> None:
        """Read the files again: another process (``korat config set``, IT, the demo)
        may have changed them since this one started, and a settings window must show
        what is in force now, not what was when the app opened."""
        self._layers, self.policy_sources, self.problems = _load_layers(self.paths,
                                                                        self.registry)

    def __getitem__(self, key: str) -> Any:
        return self.value(key).value

    def get(self, key: str) -> Any:
        return self[key]

    def value(self, key: str) -> SettingValue:
        setting = _BY_KEY.get(key)
        if setting is None:
            raise ConfigError("config.unknown_key", file="-", key=key)
        policy = self._layers.get(Layer.POLICY, {})
        for layer in (Layer.POLICY, Layer.USER, Layer.MACHINE):
            values = self._layers.get(layer, {})
            if key in values:
                return SettingValue(setting, values[key], layer, key in policy,
                                    self.policy_sources.get(key, str(self.paths.policy_file))
                                    if key in policy else None)
        return SettingValue(setting, setting.default, Layer.DEFAULT, False)

    def problem_views(self) -> tuple[ConfigProblem, ...]:
        return tuple(ConfigProblem(str(p.params.get("key", "")), str(p.params.get("file", "")),
                                   p.code, p.message("th"), p.message("en"))
                     for p in self.problems)


    def describe(self) -> list[SettingValue]:
        return [self.value(s.key) for s in SETTINGS]

    def set_user(self, key: str, value: Any) -> SettingValue:
        """Change a user setting and save the user file atomically."""
        current = self.value(key)
        if current.locked:
            raise ConfigError("config.locked", key=key, file=current.locked_by)
        try:
            coerced = current.setting.coerce(value)
        except ValueError as e:
            raise ConfigError("config.bad_value", file="-", key=key, expected=str(e)) from e
        if current.setting.check is not None:
            current.setting.check(coerced)
        user = dict(self._layers.get(Layer.USER, {}))
        user[key] = coerced
        target = self.paths.user_config_file
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_file(target, dump_toml(user).encode("utf-8"))
        except OSError as e:
            raise ConfigError("config.unwritable", file=str(target), detail=str(e)) from e
        except FileError as e:
            raise ConfigError("config.unwritable", file=str(target),
                              detail=str(e.__cause__ or e)) from e
        self._layers[Layer.USER] = user
        return self.value(key)


def problem_title(problem: ConfigProblem, lang: str) -> str:
    """A problem in a clerk's words: the setting's title (or "the machine settings file")
    and its file; the full message, parser detail and all, is for IT."""
    setting = _BY_KEY.get(problem.key)
    if setting is not None:
        return setting.title(lang)
    if problem.key:
        return problem.key
    return "ไฟล์ตั้งค่าของเครื่อง" if lang == "th" else "the machine settings file"


def load_config(data_dir: str | Path | None = None,
                env: Mapping[str, str] | None = None,
                registry: Any = None) -> Config:
    """``registry``: a korat_desktop.policy_registry.RegistryReader for Group Policy
    (default: the Windows registry on Windows, none elsewhere); it wins over policy.toml."""
    paths = resolve_paths(data_dir, env)
    layers, sources, problems = _load_layers(paths, registry)
    return Config(paths, layers, sources, problems, registry)


def _load_layers(paths: Paths, registry: Any) -> tuple[dict[Layer, dict[str, Any]],
                                                       dict[str, str], list[ConfigError]]:
    problems: list[ConfigError] = []
    layers = {
        Layer.MACHINE: _read_layer(paths.machine_config_file, problems),
        Layer.USER: _read_layer(paths.user_config_file),
        Layer.POLICY: _read_layer(paths.policy_file),
    }
    sources: dict[str, str] = {}
    if registry is not None or sys.platform.startswith("win"):
        from korat_desktop.policy_registry import read_registry_policy

        for key, (value, where) in read_registry_policy(SETTINGS, registry).items():
            layers[Layer.POLICY][key] = value
            sources[key] = where
    return layers, sources, problems
