"""References in fields and in prose resolve both ways."""

from __future__ import annotations

from pathlib import Path

from generator.site import check


def test_field_and_prose_references_become_backlinks(mini_root: Path) -> None:
    linked, problems = check(mini_root)
    assert problems.errors == []
    sonestra = linked.kb.get("methode", "sonestra")
    assert sonestra is not None
    incoming = {(link.source.key, link.field, link.in_prose) for link in linked.links_to(sonestra)}
    assert ("lerend-team", "methoden", False) in incoming
    assert ("casusleren", "tekst", True) in incoming


def test_eindterm_references_by_number(mini_root: Path) -> None:
    linked, _ = check(mini_root)
    eindterm = linked.kb.get("eindterm", "21")
    assert eindterm is not None
    sources = sorted(link.source.key for link in linked.links_to(eindterm))
    assert sources == ["digitale-reflector", "lerend-team", "sonestra"]


def test_a_nested_reference_is_checked(mini_root: Path) -> None:
    concepts = mini_root / "content/concepten.yml"
    concepts.write_text(concepts.read_text(encoding="utf-8").replace("baken: 7", "baken: 9"), encoding="utf-8")
    _, problems = check(mini_root)
    assert [str(p) for p in problems.errors] == [
        "content/concepten.yml:9:14: veld 'dimensies.baken': verwijzing naar onbekende baken '9'"
    ]
