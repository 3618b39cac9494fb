"""The fingerprint key: where it lives, how it is made, and how it is checked.

The key never enters the database. It is read, in this order, from:

1. an explicit key file (``--key-file``, or ``AnalyzerContext.key_file``);
2. the environment variable ``THREATDESK_KEY`` (64 hex digits), for deployments whose
   secret store injects environment variables;
3. the key file named by ``THREATDESK_KEY_FILE``;
4. ``$XDG_CONFIG_HOME/threatdesk/protectees.key`` (``~/.config/threatdesk/protectees.key``).

The default is deliberately not next to the SQLite file: a copied database folder must not
carry its own key. A key file is created (32 random bytes, hex, mode 0600, in a 0700
folder) only by an enrolment into an empty registry; a missing key when fingerprints exist
is an error, never a fresh key silently made over them. A key file that others can read is
refused. ``key_id`` (a hash of the key) is stored beside each protectee so a wrong key is
detected instead of silently matching nothing.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from threatdesk.errors import ConfigError

KEY_BYTES = 32


@dataclass(slots=True, frozen=True)
class KeySource:
    """Where the key comes from: a file path, or the THREATDESK_KEY environment variable."""

    path: Path | None
    from_env: bool = False

    def describe(self) -> str:
        return "environment variable THREATDESK_KEY" if self.from_env else f"key file {self.path}"


def default_key_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "threatdesk" / "protectees.key"


def key_source(key_file: str | os.PathLike[str] | None = None) -> KeySource:
    if key_file:
        return KeySource(Path(key_file).expanduser())
    if os.environ.get("THREATDESK_KEY"):
        return KeySource(None, from_env=True)
    if os.environ.get("THREATDESK_KEY_FILE"):
        return KeySource(Path(os.environ["THREATDESK_KEY_FILE"]).expanduser())
    return KeySource(default_key_path())


def key_id(key: bytes) -> str:
    """A short public name for a key: which key made these fingerprints, revealing nothing of it."""
    return hashlib.sha256(b"threatdesk-key-id\x00" + key).hexdigest()[:16]


def _parse(raw: str, where: str) -> bytes:
    raw = raw.strip()
    try:
        key = bytes.fromhex(raw)
    except ValueError:
        raise ConfigError(f"{where} does not hold a hex key", hint="it must be 64 hex digits") from None
    if len(key) != KEY_BYTES:
        raise ConfigError(f"{where} holds a {len(key)}-byte key", hint=f"it must be {KEY_BYTES} bytes (64 hex digits)")
    return key


def read_key(source: KeySource) -> bytes | None:
    """The key, or None when its file does not exist. Refuses a key file that others can read."""
    if source.from_env:
        return _parse(os.environ["THREATDESK_KEY"], "THREATDESK_KEY")
    assert source.path is not None
    try:
        info = source.path.stat()
    except FileNotFoundError:
        return None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(
            f"key file {source.path} can be read by other users",
            hint=f"run: chmod 600 {source.path}",
        )
    return _parse(source.path.read_text(encoding="ascii"), f"key file {source.path}")


def write_key(path: Path, key: bytes, *, replace: bool = False) -> None:
    """Write ``key`` to ``path`` with mode 0600 from its creation (folder 0700).

    Without ``replace`` an existing file is never overwritten. With it, the key is written
    whole to a temporary file first and then renamed over the old one.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = path.with_name(path.name + ".new") if replace else path
    if replace and target.exists():
        target.unlink()
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ConfigError(f"{target} already exists", hint="another process made a key; run the command again") from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key.hex() + "\n")
    if replace:
        os.replace(target, path)
