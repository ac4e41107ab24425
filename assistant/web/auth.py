"""Staff logins: a JSON users file of {username: scrypt hash}, written by `climate-kb add-user`.

scrypt from the standard library with a random salt per password; the parameters travel inside each hash so
they can be raised later without invalidating existing logins. There is no default account: without a users
file the staff pages do not start.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
from pathlib import Path

_N, _R, _P = 2**14, 8, 1
_KEY_BYTES = 32
_SALT_BYTES = 16
_SCHEME = "scrypt"
_USERNAME = re.compile(r"[A-Za-z0-9._@-]{1,64}")
MIN_PASSWORD_CHARS = 8


class UsersFileError(RuntimeError):
    """The users file is missing or unreadable; the message says how to fix it."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # scrypt needs 128·r·n bytes; OpenSSL's default cap (32 MiB) would refuse hashes made with stronger settings.
    memory = 128 * r * n * 2
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=_KEY_BYTES)


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$key`, salt and key in base64."""
    salt = os.urandom(_SALT_BYTES)
    return f"{_SCHEME}${_N}${_R}${_P}${_b64(salt)}${_b64(_derive(password, salt, _N, _R, _P))}"


def verify_password(password: str, encoded: str) -> bool:
    """True when `password` produced `encoded`; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, key = encoded.split("$")
        if scheme != _SCHEME:
            return False
        candidate = _derive(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
        return hmac.compare_digest(candidate, base64.b64decode(key, validate=True))
    except ValueError:
        return False


def check_username(name: str) -> str:
    """The name as stored; raises ValueError for names a login form or the JSON file would mangle."""
    if not _USERNAME.fullmatch(name):
        raise ValueError("a username is 1-64 letters, digits or . _ @ -")
    return name


class UsersFile:
    """Read on every login, so a user added while the server runs can log in without a restart."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Unknown usernames are checked against this, so a login takes as long whether or not the user exists.
        self._decoy = hash_password(os.urandom(8).hex())

    def exists(self) -> bool:
        return self.path.is_file()

    def users(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise UsersFileError(
                f"no users file at {self.path}: create a staff login with `climate-kb add-user NAME`"
            ) from error
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise UsersFileError(f"the users file {self.path} cannot be read: {error}") from error
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise UsersFileError(f"the users file {self.path} must map usernames to password hashes")
        return data

    def set_password(self, name: str, password: str) -> bool:
        """Add the user or replace their password; True when the user is new. The file is replaced atomically
        and readable by its owner only."""
        check_username(name)
        if len(password) < MIN_PASSWORD_CHARS:
            raise ValueError(f"a password has at least {MIN_PASSWORD_CHARS} characters")
        users = self.users() if self.exists() else {}
        is_new = name not in users
        users[name] = hash_password(password)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_name(f".{self.path.name}.tmp")
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(users, handle, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(scratch, self.path)
        return is_new

    def authenticate(self, name: str, password: str) -> bool:
        """The login check gradio calls; an unreadable users file refuses everyone."""
        try:
            stored = self.users().get(name)
        except UsersFileError:
            return False
        if stored is None:
            verify_password(password, self._decoy)
            return False
        return verify_password(password, stored)
