from pathlib import Path

import pytest

from korat_desktop.config import SETTINGS, Layer, load_config
from korat_desktop.errors import ConfigError


def test_every_setting_has_type_default_and_titles():
    keys = [s.key for s in SETTINGS]
    assert len(keys) == len(set(keys))
    for s in SETTINGS:
        assert s.title_th and s.title_en and "." in s.key
        assert s.coerce(s.default) == s.default


def test_layers_defaults_machine_user_policy(tmp_path: Path, machine_dir: Path):
    (machine_dir / "config.toml").write_text(
        '[sync]\nhub_url = "https://hub.example"\n[agency]\ncode = "นม 0017.1"\n', "utf-8")
    cfg = load_config(tmp_path)
    assert cfg["sync.hub_url"] == "https://hub.example"
    assert cfg.value("sync.hub_url").source is Layer.MACHINE
    assert cfg["ui.language"] == "th" and cfg.value("ui.language").source is Layer.DEFAULT
    cfg.set_user("sync.hub_url", "https://other.example")
    assert load_config(tmp_path)["sync.hub_url"] == "https://other.example"
    (machine_dir / "policy.toml").write_text('[sync]\nhub_url = "https://policy.example"\n')
    cfg = load_config(tmp_path)
    value = cfg.value("sync.hub_url")
    assert value.value == "https://policy.example" and value.locked
    assert value.locked_by == str(machine_dir / "policy.toml")
    with pytest.raises(ConfigError) as err:
        cfg.set_user("sync.hub_url", "https://mine.example")
    assert err.value.code == "config.locked"
    assert load_config(tmp_path)["sync.hub_url"] == "https://policy.example"


def test_unknown_key_names_file_and_key(tmp_path: Path, machine_dir: Path):
    """A machine file (IT's) with a key the app does not know: the rest is read, the key
    is named with its file; the same key in a user file is refused outright."""
    (machine_dir / "config.toml").write_text('[sync]\nhub_ulr = "x"\ninterval_s = 60\n')
    config = load_config(tmp_path)
    assert config["sync.interval_s"] == 60
    [err] = config.problems
    assert err.code == "config.unknown_key"
    assert err.params["key"] == "sync.hub_ulr"
    assert "config.toml" in err.message("en") and "sync.hub_ulr" in err.message("th")
    (tmp_path / "settings.toml").write_text('[sync]\nhub_ulr = "x"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert raised.value.code == "config.unknown_key"


def test_a_machine_value_that_breaks_its_rule_is_left_out_and_named(tmp_path: Path,
                                                                    machine_dir: Path):
    (machine_dir / "config.toml").write_bytes(
        '[agency]\ncode = "นม 0017.1"\n[sync]\nhub_url = "http://hub.example"\n'
        '[ui]\nlanguage = "fr"\n'.encode())
    config = load_config(tmp_path)
    assert config["agency.code"] == "นม 0017.1" and config["sync.hub_url"] == ""
    assert config["ui.language"] == "th"
    codes = {(p.params["key"], p.code) for p in config.problems}
    assert codes == {("sync.hub_url", "config.bad_rule"), ("ui.language", "config.bad_value")}
    views = config.problem_views()
    assert all(v.file == str(machine_dir / "config.toml") for v in views)
    assert all(v.th != v.en and v.file in v.th for v in views)
    (machine_dir / "config.toml").write_bytes(b"\xff\xfe[agency]")  # not UTF-8
    [broken] = load_config(tmp_path).problems
    assert broken.code == "config.malformed"


def test_malformed_and_wrongly_typed(tmp_path: Path, machine_dir: Path):
    (tmp_path / "settings.toml").write_text("[sync\nhub_url=")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert err.value.code == "config.malformed" and "settings.toml" in str(err.value)
    (tmp_path / "settings.toml").write_text("[sync]\ninterval_s = \"often\"\n")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert err.value.code == "config.bad_value" and err.value.params["key"] == "sync.interval_s"
    (tmp_path / "settings.toml").write_text("[ui]\nlanguage = \"fr\"\n")
    with pytest.raises(ConfigError):
        load_config(tmp_path)


def test_data_dir_moves_every_path(tmp_path: Path):
    cfg = load_config(tmp_path / "portable")
    paths = cfg.paths
    for p in (paths.database_file, paths.blob_dir, paths.lock_file, paths.user_config_file):
        assert str(p).startswith(str(tmp_path / "portable"))
