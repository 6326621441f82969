"""What Chromium prints (Ctrl+P): the form without the site around it, the route on one page."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

from pypdf import PdfReader


def _print(browser: Any, url: str) -> PdfReader:
    page = browser.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    data = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    return PdfReader(io.BytesIO(data))


def _text(reader: PdfReader) -> str:
    # NFKC undoes the ligatures (ﬀ, ﬁ) that Chromium puts in the PDF's text layer.
    return unicodedata.normalize("NFKC", " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages))


def test_printing_a_reflector_page_prints_only_the_form(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    reader = _print(browser, f"{base}reflectoren/coachen-van-leerprocessen/")
    text = _text(reader)
    assert "Naam:" in text and "Leercoach:" in text and "Leerruimte" in text
    assert "43. Ik hanteer in het sociaal wijkteam de dialoog" in text
    for chrome in ("Zoeken", "Verwijzen", "Gebruikt in", "Download als PDF", "Naslag"):
        assert chrome not in text
    assert "pagina 1 van" in text
    assert len(reader.pages) <= 2


def test_printing_a_formulier_page_prints_only_the_form(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    text = _text(_print(browser, f"{base}formulieren/kantelbox/"))
    assert "Wat heb je aangetroffen" in text and "Wat was jouw toegevoegde waarde" in text
    assert "Zoeken" not in text and "Gebruikt in" not in text


def test_the_onboarding_route_prints_as_a_one_page_checklist(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    reader = _print(browser, f"{base}start/nieuw/")
    assert len(reader.pages) == 1
    text = _text(reader)
    assert "Week 1" in text and "Zoeken" not in text


def test_printing_a_leerarrangement_page_prints_its_sessieplan(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    reader = _print(browser, f"{base}leerarrangementen/coachen-van-leerprocessen/")
    text = _text(reader)
    assert "Leervraag" in text and "Sessieplan" in text and "Voorbereiding" in text and "Wat je gebruikt" in text
    assert " min " in text and "Totaal:" in text
    for hidden in ("Waarom dit leerarrangement", "Gebruikt in", "Verwijzen", "Uit het rapport", "Zoeken"):
        assert hidden not in text, hidden
    assert "Sessieplan afdrukken" not in text  # the buttons stay on screen
