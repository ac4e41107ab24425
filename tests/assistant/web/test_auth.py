from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from assistant.web.auth import UsersFile, UsersFileError, hash_password, verify_password


def test_a_password_verifies_against_its_hash_only() -> None:
    encoded = hash_password("correct horse")
    assert encoded.startswith("scrypt$")
    assert verify_password("correct horse", encoded)
    assert not verify_password("correct hors", encoded)


def test_the_same_password_hashes_differently_each_time() -> None:
    assert hash_password("correct horse") != hash_password("correct horse")


@pytest.mark.parametrize("encoded", ["", "plain", "md5$1$2$3$abc$def", "scrypt$16384$8$1$not base64$x"])
def test_a_malformed_hash_never_matches(encoded: str) -> None:
    assert not verify_password("anything", encoded)


def test_users_file_adds_updates_and_authenticates(tmp_path: Path) -> None:
    users = UsersFile(tmp_path / "users.json")
    assert users.set_password("alice", "first-password")
    assert not users.set_password("alice", "second-password")
    assert users.authenticate("alice", "second-password")
    assert not users.authenticate("alice", "first-password")
    assert not users.authenticate("mallory", "second-password")
    stored = json.loads(users.path.read_text(encoding="utf-8"))
    assert list(stored) == ["alice"]
    assert "second-password" not in users.path.read_text(encoding="utf-8")
    assert stat.S_IMODE(users.path.stat().st_mode) == 0o600


def test_short_passwords_and_odd_names_are_refused(tmp_path: Path) -> None:
    users = UsersFile(tmp_path / "users.json")
    with pytest.raises(ValueError, match="at least 8"):
        users.set_password("alice", "short")
    with pytest.raises(ValueError, match="username"):
        users.set_password("al ice", "long enough")
    assert not users.exists()


def test_a_missing_users_file_refuses_every_login_and_says_how_to_fix_it(tmp_path: Path) -> None:
    users = UsersFile(tmp_path / "users.json")
    assert not users.authenticate("alice", "anything-at-all")
    with pytest.raises(UsersFileError, match="climate-kb add-user"):
        users.users()
