"""References in fields and in prose resolve both ways."""

from __future__ import annotations

from pathlib import Path

from generator.link import link
from generator.problems import Problems
from generator.site import PipelineState, check
from generator.validate import load_knowledge_base


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


def test_linking_after_an_edit_leaves_the_previous_result_as_it_was(mini_root: Path) -> None:
    """The preview links each edit from the last result; that result stays what it was."""
    state = PipelineState(mini_root)
    first, problems = check(mini_root, state)
    assert problems.errors == []
    old = first.kb.get("methode", "sonestra")
    before = (
        first.kb,
        {k: list(v) for k, v in first.outgoing.items()},
        {k: list(v) for k, v in first.incoming.items()},
    )
    source = mini_root / "content/methoden/sonestra.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("titel: ", "titel: Nieuw ", 1), encoding="utf-8")
    problems = Problems()
    second = link(load_knowledge_base(mini_root, problems, state.loads, {str(source)}), problems, first)
    assert problems.errors == []
    new = second.kb.get("methode", "sonestra")
    assert new is not None and new is not old and new.item.titel.startswith("Nieuw ")
    assert second.touched is not None and new in second.touched  # linked from the first result
    assert {ln.source.key for ln in second.links_to(new)} == {ln.source.key for ln in first.links_to(old)}
    after = (first.kb, {k: list(v) for k, v in first.outgoing.items()}, {k: list(v) for k, v in first.incoming.items()})
    assert after == before
    assert first.touched is None and first.links_to(old)
