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


def test_a_title_that_exists_points_at_its_file_and_writes_nothing(mini_root: Path) -> None:
    before = sorted(p.name for p in (mini_root / "content/methoden").iterdir())
    for title in ("Ecogram", "ecogram", "  ÉCOGRAM "):
        result = run_cli(mini_root, "new", "methode", title)
        assert result.code == 1
        assert result.err.strip() == (
            "content/methoden/ecogram.yml:3:8: er is al een methode met deze titel; pas dat bestand aan, "
            "of maak met --nog-een toch een tweede"
        )
        assert result.out == ""
    assert sorted(p.name for p in (mini_root / "content/methoden").iterdir()) == before


def test_nog_een_makes_a_second_item_and_never_overwrites(mini_root: Path) -> None:
    first = run_cli(mini_root, "new", "methode", "Ecogram", "--nog-een")
    assert first.out.strip() == "content/methoden/ecogram-2.yml"
    original = (mini_root / "content/methoden/ecogram.yml").read_text(encoding="utf-8")
    assert "titel: Ecogram" in original and "Nieuw item" not in original
    second = run_cli(mini_root, "new", "--nog-een", "methode", "Ecogram")
    assert second.out.strip() == "content/methoden/ecogram-3.yml"


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", 'de titel is leeg; geef een titel, bijvoorbeeld kennisbank new methode "Mijn methode"'),
        (" \t ", 'de titel is leeg; geef een titel, bijvoorbeeld kennisbank new methode "Mijn methode"'),
        ("x" * 301, "de titel is te lang (301 tekens; maximaal 300); kies een kortere titel"),
    ],
)
def test_an_empty_or_over_long_title_is_refused(mini_root: Path, title: str, message: str) -> None:
    before = sorted(p.name for p in (mini_root / "content/methoden").iterdir())
    result = run_cli(mini_root, "new", "methode", title)
    assert (result.code, result.err.strip(), result.out) == (1, message, "")
    assert sorted(p.name for p in (mini_root / "content/methoden").iterdir()) == before


def test_a_title_of_300_characters_passes_check(mini_root: Path) -> None:
    result = run_cli(mini_root, "new", "kennisbron", "Lange titel " + "x" * 288)
    assert result.code == 0, result.err
    assert run_cli(mini_root, "check").code == 0


def test_new_refuses_types_kept_in_one_list(mini_root: Path) -> None:
    result = run_cli(mini_root, "new", "begrip", "Kantelen")
    assert result.code == 1
    assert "'begrip' staat in één lijst (content/begrippen.yml); voeg daar een item toe" in result.err
