"""`kennisbank new` writes a skeleton an editor can fill in, and that passes `check` as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize(
    ("kind", "folder"),
    [
        ("methode", "content/methoden"),
        ("kennisbron", "kennisbronnen"),
        ("leerarrangement", "leerarrangementen"),
        ("reflector", "reflectoren"),
        ("module", "content/modules"),
    ],
)
def test_new_writes_a_valid_commented_skeleton(mini_root: Path, kind: str, folder: str) -> None:
    result = run_cli(mini_root, "new", kind, "Één nieuwe aanpak")
    assert result.code == 0, result.err
    assert result.out.strip() == f"{folder}/een-nieuwe-aanpak.yml"
    text = (mini_root / folder / "een-nieuwe-aanpak.yml").read_text(encoding="utf-8")
    assert "id: een-nieuwe-aanpak\n" in text
    assert "titel: Één nieuwe aanpak\n" in text
    assert "status: concept\n" in text
    assert "# Waar in het rapport dit vandaan komt" in text
    check = run_cli(mini_root, "check")
    assert check.code == 0, check.out
    assert not [line for line in check.lines if ": waarschuwing: " not in line]


def test_new_never_overwrites_and_picks_a_free_id(mini_root: Path) -> None:
    first = run_cli(mini_root, "new", "methode", "Ecogram")
    assert first.out.strip() == "content/methoden/ecogram-2.yml"
    original = (mini_root / "content/methoden/ecogram.yml").read_text(encoding="utf-8")
    assert "titel: Ecogram" in original and "Nieuw item" not in original
    second = run_cli(mini_root, "new", "methode", "Ecogram")
    assert second.out.strip() == "content/methoden/ecogram-3.yml"


def test_new_refuses_types_kept_in_one_list(mini_root: Path) -> None:
    result = run_cli(mini_root, "new", "begrip", "Kantelen")
    assert result.code == 1
    assert "'begrip' staat in één lijst (content/begrippen.yml); voeg daar een item toe" in result.err
