"""Where a deployment keeps its data: the data home, the database URL, the space key.

- Data home: ``$FOULARD_HOME``; otherwise ``./foulard-data`` when running from a
  checkout of foulard (a ``pyproject.toml`` naming foulard in the working folder or
  one above it); otherwise the user data folder (``$XDG_DATA_HOME/foulard``, by
  default ``~/.local/share/foulard``).
- Database: ``$FOULARD_DATABASE_URL`` (``postgresql://...`` or ``sqlite:///path``);
  by default SQLite at ``<home>/foulard.db``.
- Space key: ``<home>/space.key``, 32 random bytes made once by ``foulard init``, owner
  read/write only. A missing, unreadable, malformed or world-readable key is an error:
  a new key would silently make a different design space, so none is ever made here
  except by :func:`create_space_key`, which never overwrites.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from pathlib import Path

from foulard.errors import ConfigError

__all__ = [
    "KEY_BYTES",
    "create_space_key",
    "data_home",
    "database_url",
    "ensure_home",
    "load_space_key",
    "space_key_path",
]

KEY_BYTES = 32
_NAME = re.compile(r"""^\s*name\s*=\s*["']foulard["']""", re.MULTILINE)


def _checkout_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        with contextlib.suppress(OSError):
            if candidate.is_file() and _NAME.search(candidate.read_text(errors="replace")):
                return folder
    return None


def data_home() -> Path:
    """The data home folder (not created here)."""
    env = os.environ.get("FOULARD_HOME")
    if env:
        return Path(env).expanduser()
    cwd = Path.cwd()
    if _checkout_root(cwd) is not None:
        return cwd / "foulard-data"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "foulard"


def database_url() -> str:
    """The ledger's database URL."""
    env = os.environ.get("FOULARD_DATABASE_URL")
    if env:
        return env
    return f"sqlite:///{data_home() / 'foulard.db'}"


def ensure_home() -> Path:
    """Create the data home (owner-only) if it is missing; return it."""
    home = data_home()
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise ConfigError(f"cannot create the data home {home}: {exc.strerror or exc}") from None
    if not home.is_dir():
        raise ConfigError(f"the data home {home} is not a folder")
    return home


def space_key_path() -> Path:
    return data_home() / "space.key"


def create_space_key() -> tuple[Path, bool]:
    """Make the space key if there is none; never overwrite one.

    Returns the key's path and whether it was created now. The key is written to a
    temporary file and hard-linked into place, which fails if a key appeared
    meanwhile: two concurrent ``foulard init`` cannot both win.
    """
    home = ensure_home()
    path = home / "space.key"
    if path.exists() or path.is_symlink():
        load_space_key()  # an existing key must be usable, or init says why
        return path, False
    tmp = home / f".space.key.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, secrets.token_bytes(KEY_BYTES))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)
        created = True
    except FileExistsError:
        created = False
    finally:
        tmp.unlink()
    if not created:
        load_space_key()
    return path, created


def load_space_key() -> bytes:
    """The deployment's space key; a clear error if it is missing or unusable."""
    path = space_key_path()
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ConfigError(
            f"no space key at {path}; run 'foulard init' to create this deployment's key "
            "(or set FOULARD_HOME to the data home that holds it)"
        ) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the space key {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ConfigError(f"the space key {path} is not a regular file")
    if st.st_mode & 0o077:
        raise ConfigError(
            f"the space key {path} is readable by others (mode {stat.S_IMODE(st.st_mode):o}); "
            f"make it owner-only: chmod 600 {path}"
        )
    try:
        key = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the space key {path}: {exc.strerror or exc}") from None
    if len(key) != KEY_BYTES:
        raise ConfigError(
            f"the space key {path} holds {len(key)} bytes, expected {KEY_BYTES}; "
            "restore it from a backup (a new key would be a different design space)"
        )
    return key
