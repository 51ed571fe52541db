"""Group Policy from the registry (HKLM\\Software\\Policies\\KoratDesktop): the values the
ADMX templates write become locked settings that win over policy.toml. The registry is
a small in-memory one here, behind the same RegistryReader interface as winreg."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from korat_desktop.config import SETTINGS, Layer, load_config
from korat_desktop.errors import ConfigError
from korat_desktop.policy_registry import POLICY_KEY, read_registry_policy


class MemoryRegistry:
    def __init__(self, keys: dict[str, dict[str, Any]]) -> None:
        self.keys = keys

    def values(self, subkey: str) -> dict[str, Any]:
        return dict(self.keys.get(subkey, {}))


GPO = MemoryRegistry({
    POLICY_KEY + "\\sync": {"hub_url": "https://eoffice.example.go.th", "paused": 1,
                            "interval_s": 600, "chunk_target_s": "7.5"},
    POLICY_KEY + "\\ui": {"language": "en"},
    POLICY_KEY + "\\signing\\pkcs11_modules": {"1": "opensc-pkcs11.dll", "2": "eTPKCS11.dll"},
})


def test_registry_values_become_typed_settings():
    found = {k: v for k, (v, _where) in read_registry_policy(SETTINGS, GPO).items()}
    assert found == {"sync.hub_url": "https://eoffice.example.go.th", "sync.paused": True,
                     "sync.interval_s": 600, "sync.chunk_target_s": 7.5, "ui.language": "en",
                     "signing.pkcs11_modules": ["opensc-pkcs11.dll", "eTPKCS11.dll"]}


def test_group_policy_wins_over_policy_toml_and_is_named_as_the_reason(tmp_path, machine_dir):
    (machine_dir / "policy.toml").write_text('[ui]\nlanguage = "th"\n[sync]\nproxy = "http://p"\n')
    config = load_config(tmp_path / "d", registry=GPO)
    lang = config.value("ui.language")
    assert (lang.value, lang.source, lang.locked) == ("en", Layer.POLICY, True)
    assert lang.locked_by == "HKLM\\" + POLICY_KEY + "\\ui"
    proxy = config.value("sync.proxy")  # from policy.toml, named as before
    assert proxy.locked and proxy.locked_by == str(machine_dir / "policy.toml")
    with pytest.raises(ConfigError) as e:
        config.set_user("sync.hub_url", "https://other.example.go.th")
    assert e.value.code == "config.locked"


def test_a_registry_value_of_the_wrong_type_names_the_registry_key():
    bad = MemoryRegistry({POLICY_KEY + "\\sync": {"interval_s": "often"}})
    with pytest.raises(ConfigError) as e:
        read_registry_policy(SETTINGS, bad)
    assert e.value.code == "config.bad_value"
    assert "HKLM\\" + POLICY_KEY + "\\sync" in e.value.message("en")


def test_no_registry_outside_windows(tmp_path):
    assert not sys.platform.startswith("win")  # this suite runs on Linux
    assert read_registry_policy(SETTINGS) == {}
    assert all(v.source is Layer.DEFAULT for v in load_config(tmp_path / "d").describe())
