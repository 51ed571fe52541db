"""The machine config and policy files installers ship and write (no build needed)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from korat_desktop.config import SETTINGS, Layer, load_config
from korat_desktop.errors import ConfigError
from korat_desktop.machine_config import commented_file, set_machine_value

ROOT = Path(__file__).resolve().parents[2]


def _launcher():  # installers/launcher.py is the frozen entry point, not a package module
    spec = importlib.util.spec_from_file_location("korat_launcher",
                                                  ROOT / "installers" / "launcher.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("argv0", "exe", "expected"), [
    ("/usr/bin/korat", "/opt/korat-desktop/korat-desktop", "korat"),
    ("korat-hub", "/opt/korat-desktop/korat-desktop", "korat-hub"),
    ("/opt/korat-desktop/korat-desktop", "/opt/korat-desktop/korat-desktop", "korat-desktop"),
    (r"C:\Program Files\Korat Desktop\KORAT.EXE", r"C:\x\korat.exe", "korat"),
    ("", r"C:\Program Files\Korat Desktop\korat-hub.exe", "korat-hub"),
    ("something-else", "/tmp/other", "korat-desktop"),
])
def test_the_command_is_chosen_by_the_name_it_was_started_under(argv0, exe, expected):
    assert _launcher().command_name(argv0, exe) == expected


@pytest.mark.parametrize("kind", ["config", "policy"])
def test_shipped_files_list_every_setting_commented_and_set_nothing(kind, tmp_path):
    text = commented_file(kind)
    assert tomllib.loads(text) == {s.key.split(".")[0]: {} for s in SETTINGS}
    for s in SETTINGS:
        assert f"# {s.key.split('.', 1)[1]} = " in text, s.key
    (tmp_path / f"{kind}.toml").write_text(text)
    config = load_config(tmp_path / "data", env={"KORAT_MACHINE_CONFIG_DIR": str(tmp_path)})
    assert all(v.source is Layer.DEFAULT for v in config.describe())


def test_setting_a_machine_value_keeps_comments_and_other_keys(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(commented_file("config").replace(
        '# proxy = ""', '# proxy = ""\n# an admin\'s note\nproxy = "http://p:3128"'))
    assert set_machine_value(path, "agency.code", 'นม 0017.1 "x"') == []
    assert set_machine_value(path, "sync.hub_url", "https://eoffice.example.go.th") == []
    assert set_machine_value(path, "signing.pkcs11_modules", "/usr/lib/x/opensc-pkcs11.so") == []
    assert set_machine_value(path, "sync.hub_url", "https://hub2.example.go.th") == []
    text = path.read_text()
    assert "# an admin's note" in text and "# Agency letter code" in text
    doc = tomllib.loads(text)
    assert doc["agency"]["code"] == 'นม 0017.1 "x"'
    assert doc["sync"] == {"hub_url": "https://hub2.example.go.th", "proxy": "http://p:3128"}
    assert doc["signing"]["pkcs11_modules"] == ["/usr/lib/x/opensc-pkcs11.so"]
    config = load_config(tmp_path / "data", env={"KORAT_MACHINE_CONFIG_DIR": str(tmp_path)})
    assert config.value("sync.hub_url").source is Layer.MACHINE
    # an empty answer unsets a list (the built-in search list applies again)
    set_machine_value(path, "signing.pkcs11_modules", "")
    assert "pkcs11_modules" not in tomllib.loads(path.read_text())["signing"]


def test_a_bad_installer_answer_is_written_with_a_warning_and_the_app_names_it(tmp_path):
    path = tmp_path / "config.toml"
    warnings = set_machine_value(path, "sync.hub_url", "not a url")
    assert warnings and "sync.hub_url" in warnings[0]
    warnings = set_machine_value(path, "ui.language", "fr")
    assert warnings and "ui.language" in warnings[0]
    config = load_config(tmp_path / "data", env={"KORAT_MACHINE_CONFIG_DIR": str(tmp_path)})
    named = {p.params["key"]: p for p in config.problems}
    assert named["ui.language"].code == "config.bad_value"
    assert named["sync.hub_url"].code == "config.bad_rule"
    assert all(str(path) in p.message("en") for p in named.values())
    assert config["ui.language"] == "th"  # the app runs on the default meanwhile
    with pytest.raises(ConfigError):  # a number that is not one: refused, nothing written
        set_machine_value(path, "sync.interval_s", "often")
    assert "interval_s" not in path.read_text()


def test_a_broken_machine_file_is_left_as_it_is(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[agency\ncode = 1\n")
    with pytest.raises(ConfigError) as e:
        set_machine_value(path, "agency.code", "นม 0017.1")
    assert e.value.code == "config.malformed"
    assert path.read_text() == "[agency\ncode = 1\n"


def test_korat_config_set_machine_writes_the_machine_config(tmp_path, machine_dir):
    run = [sys.executable, "-m", "korat_desktop.cli.main", "--data-dir", str(tmp_path / "d")]
    out = subprocess.run([*run, "config", "set", "--machine", "sync.hub_url", "nonsense"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "korat: warning: sync.hub_url" in out.stderr
    assert tomllib.loads((machine_dir / "config.toml").read_text()) == {
        "sync": {"hub_url": "nonsense"}}
    out = subprocess.run([*run, "--version"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.startswith("korat ")
