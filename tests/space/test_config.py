"""The data home, the database URL and the space key (made once, never replaced)."""

from __future__ import annotations

import os
import stat

import pytest

from foulard import config
from foulard.errors import ConfigError


def test_home_and_url_follow_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FOULARD_HOME", str(tmp_path / "h"))
    monkeypatch.delenv("FOULARD_DATABASE_URL", raising=False)
    assert config.data_home() == tmp_path / "h"
    assert config.database_url() == f"sqlite:///{tmp_path / 'h' / 'foulard.db'}"
    monkeypatch.setenv("FOULARD_DATABASE_URL", "postgresql://x@y/z")
    assert config.database_url() == "postgresql://x@y/z"


def test_default_home_in_a_checkout_or_the_user_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("FOULARD_HOME", raising=False)
    checkout = tmp_path / "repo"
    (checkout / "sub").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text('[project]\nname = "foulard"\n')
    monkeypatch.chdir(checkout / "sub")
    assert config.data_home() == checkout / "sub" / "foulard-data"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert config.data_home() == tmp_path / "xdg" / "foulard"


def test_key_is_created_once_owner_only_and_never_replaced():
    path, created = config.create_space_key()
    assert created and stat.S_IMODE(path.stat().st_mode) == 0o600
    key = config.load_space_key()
    assert len(key) == 32
    path2, created2 = config.create_space_key()
    assert path2 == path and not created2 and config.load_space_key() == key


def test_missing_or_bad_keys_are_errors_never_new_keys():
    with pytest.raises(ConfigError, match="foulard init"):
        config.load_space_key()
    path, _ = config.create_space_key()
    os.chmod(path, 0o644)
    with pytest.raises(ConfigError, match="readable by others"):
        config.load_space_key()
    with pytest.raises(ConfigError, match="readable by others"):
        config.create_space_key()  # init refuses too, and keeps the file
    os.chmod(path, 0o600)
    path.write_bytes(b"short")
    with pytest.raises(ConfigError, match="holds 5 bytes"):
        config.load_space_key()
    assert path.read_bytes() == b"short"
    path.unlink()
    path.mkdir()
    with pytest.raises(ConfigError, match="not a regular file"):
        config.load_space_key()
