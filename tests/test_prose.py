"""Content prose to sanitised HTML: links to their final URLs on both builds, glossary tooltips, headings."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.prose import ProseRenderer, offline_url, resolve, served_url
from tests.conftest import examples

FILES = {"index.md", "methoden/index.md", "methoden/sonestra.md", "start/nieuw/index.md", "pdf/x.pdf"}


@pytest.mark.parametrize(
    ("target", "page", "served", "offline"),
    [
        ("methoden/sonestra.md", "methoden/ecogram.md", "../sonestra/", "sonestra.html"),
        ("methoden/index.md", "methoden/ecogram.md", "../", "index.html"),
        ("index.md", "methoden/ecogram.md", "../../", "../index.html"),
        ("start/nieuw/index.md#week-1", "index.md", "start/nieuw/#week-1", "start/nieuw/index.html#week-1"),
        ("pdf/x.pdf", "reflectoren/r.md", "../../pdf/x.pdf", "../pdf/x.pdf"),
        ("methoden/ecogram.md#wat", "methoden/ecogram.md", "./#wat", "ecogram.html#wat"),
    ],
)
def test_a_link_gets_the_url_of_each_build(target: str, page: str, served: str, offline: str) -> None:
    assert served_url(target, page) == served
    assert offline_url(target, page.removesuffix(".md") + ".html") == offline


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("sonestra.md", ("methoden/sonestra.md", None)),
        ("../methoden/sonestra.md#wat", ("methoden/sonestra.md#wat", None)),
        ("../start/nieuw/", ("start/nieuw/index.md", None)),
        ("#wat", (None, None)),
        ("https://example.org/", (None, None)),
        ("javascript:alert(1)", (None, None)),
    ],
)
def test_relative_links_resolve_against_the_page(url: str, found: tuple[str | None, str | None]) -> None:
    assert resolve(url, "methoden/ecogram.md", FILES.__contains__) == found


def test_links_to_nowhere_and_outside_paths_are_findings() -> None:
    renderer = ProseRenderer(FILES.__contains__)
    text = "[a](bestaat-niet.md) [b](/methoden/) [c](../../../etc/passwd) ![d](https://elsewhere.example/p.png)"
    messages = [f.message for f in renderer.findings(text, "methoden/ecogram.md")]
    assert messages == [
        "link naar 'bestaat-niet.md' wijst naar een bestand dat niet bestaat. Verwijs naar een item met [[soort:id]]",
        "link naar '/methoden/' is een absoluut pad; dat werkt niet in de offline versie. Verwijs met [[soort:id]]",
        "link naar '../../../etc/passwd' wijst buiten de site",
        "afbeelding 'https://elsewhere.example/p.png' staat niet in de kennisbank; een afbeelding moet een bestand "
        "van de site zelf zijn",
    ]
    html = renderer.html(text, "methoden/ecogram.md")
    assert html == "<p>a b c d</p>"  # shown as text, never as a link or an image


def test_glossary_terms_become_tooltips_but_not_in_code_or_inside_words() -> None:
    renderer = ProseRenderer()
    terms = {"SNS": 'Sociale "netwerk" <strategie>', "sociaal werker": "Professional"}
    html = renderer.html("SNS en `SNS` en SNSX, een sociaal\nwerker.", terms=terms)
    assert html == (
        '<p><abbr title="Sociale &quot;netwerk&quot; &lt;strategie&gt;">SNS</abbr> en <code>SNS</code> en SNSX, '
        'een <abbr title="Professional">sociaal\nwerker</abbr>.</p>'
    )


def test_headings_stay_markdown_headings_of_plain_text() -> None:
    block = ProseRenderer().block("### Kop met *nadruk* {: onclick=x }\nTekst.\n\n#### Twee", "index.md")
    assert block == (
        '### Kop met nadruk \\{: onclick=x \\}\n\n<div class="kb-prose">\n<p>Tekst.</p>\n</div>\n\n#### Twee'
    )


def test_forms_get_no_links_to_pages_and_no_images() -> None:
    html = ProseRenderer(FILES.__contains__).html("[s](sonestra.md) [w](https://example.org/) ![p](x.png)", links=False)
    assert html == '<p>s <a href="https://example.org/" rel="noopener noreferrer">w</a> p</p>'


# Pieces of the tricks in tests/test_hostile.py, shuffled by hypothesis into prose no one wrote by hand.
FRAGMENTS = [
    "x", " ", "\n", "\n\n", "    ", "> ", "- ", "1. ", "### ", "[a](", "[r]", "[a][r]", "\n[r]: ", "\n[r]:\n  ",
    "![a](", "![a][r]", ")", "{: onclick=\"alert(1)\" }", "{: onerror=\"alert(1)\" }", "{: style=\"position:fixed\" }",
    "{: href=\"javascript:alert(1)\" }", "{ onclick=alert(1) }", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
    "jav&#x61;script:alert(1)", "data:text/html,x", "//evil.example/p.png", "https://evil.example/p.png",
    ' "&#60;img src=x onerror=alert(1)&#62;"', "*[SNS]: <img src=x onerror=alert(1)>", "*[x]: ", "<", ">",
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '<div markdown="1">', "</div>", "`", "|",
    "---", "sonestra.md", "#top", "SNS", "[[methode:sonestra]]",
]  # fmt: skip


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40))
def test_no_shuffle_of_the_tricks_gets_a_handler_or_script_url_past_mkdocs(pieces: list[str]) -> None:
    import markdown

    from tests.test_hostile import _dangers

    renderer = ProseRenderer(FILES.__contains__)
    prose = renderer.block("".join(pieces), "methoden/ecogram.md", lambda text: {"SNS": "Sociale netwerkstrategie"})
    # What MkDocs does with the page: the Markdown of mkdocs.yml, attr_list, abbr and md_in_html included.
    page = markdown.markdown(
        f"# Titel\n\n{prose}\n\n*[x]: uitleg\n", extensions=["abbr", "admonition", "attr_list", "md_in_html", "tables"]
    )
    assert _dangers(page) == []
    assert "<img" not in page and "<script" not in page
