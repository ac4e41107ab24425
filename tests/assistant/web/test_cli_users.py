from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.web.auth import UsersFile
from climate_kb.cli import app


@pytest.fixture
def users_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "users.json"
    monkeypatch.setenv("CLIMATE_KB_USERS_FILE", str(path))
    return path


def test_add_user_prompts_twice_and_stores_only_a_hash(users_path: Path) -> None:
    result = CliRunner().invoke(app, ["add-user", "alice"], input="long-password\nlong-password\n")
    assert result.exit_code == 0, result.output
    assert "added alice" in result.output
    assert "long-password" not in users_path.read_text(encoding="utf-8")
    assert UsersFile(users_path).authenticate("alice", "long-password")


def test_add_user_refuses_a_short_password(users_path: Path) -> None:
    result = CliRunner().invoke(app, ["add-user", "alice"], input="short\nshort\n")
    assert result.exit_code == 1
    assert "at least 8" in result.output
    assert not users_path.exists()


def test_add_user_refuses_mismatched_confirmation(users_path: Path) -> None:
    result = CliRunner().invoke(app, ["add-user", "alice"], input="long-password\nother-password\n")
    assert result.exit_code != 0
    assert not users_path.exists()
