"""A deployment's space version: recorded once at ``foulard init``, never changed.

A new deployment gets the latest version; one whose key predates the record keeps
version 1, so the designs already issued under its key never move.
"""

from __future__ import annotations

from foulard.errors import SpaceError

__all__ = ["VERSION_FILE", "deployment_version", "record_deployment_version"]

VERSION_FILE = "space.version"


def deployment_version() -> int:
    """The space version this deployment was initialised with (``foulard init``).

    Recorded in ``<home>/space.version``; a deployment made before version 2 has no
    such file and keeps version 1, so its designs never move.
    """
    from foulard.config import data_home

    path = data_home() / VERSION_FILE
    try:
        text = path.read_text().strip()
    except FileNotFoundError:
        return 1
    except OSError as exc:
        raise SpaceError(f"cannot read {path}: {exc.strerror or exc}") from None
    from foulard.space.alleles import VERSIONS

    if not text.isdigit() or int(text) not in VERSIONS:
        raise SpaceError(f"{path} holds {text!r}, not a known space version {sorted(VERSIONS)}")
    return int(text)


def record_deployment_version(key_created: bool) -> int:
    """Record the deployment's space version at init (never changes an existing one).

    A new deployment gets the latest version; one whose key predates the record keeps
    version 1.
    """
    from foulard.config import data_home
    from foulard.render.atomic import atomic_write_bytes
    from foulard.space.alleles import LATEST

    path = data_home() / VERSION_FILE
    if path.exists():
        return deployment_version()
    version = LATEST if key_created else 1
    atomic_write_bytes(path, f"{version}\n".encode("ascii"))
    return version
