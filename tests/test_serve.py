"""The preview regenerates only what an edit changed."""

from __future__ import annotations

from pathlib import Path

from generator.serve import regenerate
from generator.site import BUILD_DIR


def test_regenerating_unchanged_content_rewrites_nothing(mini_root: Path) -> None:
    assert regenerate(mini_root)
    page = mini_root / BUILD_DIR / "docs/methoden/ecogram.md"
    first = page.stat().st_mtime_ns
    assert regenerate(mini_root)
    assert page.stat().st_mtime_ns == first


def test_an_edit_rewrites_the_changed_page_and_its_backlinks_only(mini_root: Path) -> None:
    from generator.site import generate

    generate(mini_root)
    docs = mini_root / BUILD_DIR / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    source = mini_root / "content/methoden/ecogram.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("Het sociale netwerk", "Het netwerk"))
    result = generate(mini_root)
    # The page itself, the overview table and the start page that list its summary; nothing else.
    expected = {"methoden/ecogram.md", "methoden/index.md", "start/sociaal-werker.md"}
    assert sorted(result.written) == sorted(f"docs/{path}" for path in expected)
    changed = {p for p, mtime in before.items() if p.stat().st_mtime_ns != mtime}
    assert {p.relative_to(docs).as_posix() for p in changed} == expected


def test_content_errors_keep_the_last_good_preview(mini_root: Path, capsys) -> None:
    assert regenerate(mini_root)
    page = mini_root / BUILD_DIR / "docs/methoden/ecogram.md"
    good = page.read_text(encoding="utf-8")
    (mini_root / "content/methoden/ecogram.yml").write_text("id: ecogram\n", encoding="utf-8")
    assert not regenerate(mini_root)
    assert "content/methoden/ecogram.yml:1:1: verplicht veld 'titel' ontbreekt" in capsys.readouterr().err
    assert page.read_text(encoding="utf-8") == good
