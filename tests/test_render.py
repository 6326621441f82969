"""Content text reaches the page as text: no HTML from YAML, references become links."""

from __future__ import annotations

from pathlib import Path

from generator.render import Renderer, escape_text, number_ranges
from generator.site import check


def test_plain_text_is_escaped() -> None:
    assert escape_text("<script>alert(1)</script> *vet*") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*vet\\*"


def test_number_ranges() -> None:
    assert number_ranges([8, 9, 10, 12, 25, 26]) == "8–10, 12, 25–26"


def test_prose_keeps_markdown_but_not_html_and_links_references(mini_root: Path) -> None:
    path = mini_root / "content/methoden/ecogram.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Een ecogram laat",
            "<script>alert(1)</script> **Let op**: [x](javascript:alert(1)) [[methode:sonestra]]. Een ecogram laat",
        ),
        encoding="utf-8",
    )
    linked, problems = check(mini_root)
    assert problems.errors == []
    page = Renderer(linked).pages()["methoden/ecogram.md"]
    # Prose reaches the page as sanitised HTML (generator.prose), its links as the served site's URLs.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page
    assert "<strong>Let op</strong>" in page
    assert "javascript:" not in page
    assert '<a data-kb="methoden/sonestra.md" href="../sonestra/" rel="noopener noreferrer">SoNeStra</a>' in page


def test_each_page_defines_only_the_glossary_terms_it_uses(mini_root: Path) -> None:
    linked, _ = check(mini_root)
    pages = Renderer(linked).pages()
    assert "*[SNS]: Werkwijze waarin de burger" in pages["methoden/sonestra.md"]
    assert "*[SNS]:" not in pages["methoden/ecogram.md"]
