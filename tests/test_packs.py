"""Session packs as a trainer or leercoach prints them: one PDF per module and per leerarrangement."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import yaml
from pypdf import PdfReader

from tests.conftest import REPO


def _squash(text: str) -> str:
    return "".join(text.split())


def _load(folder: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / folder).glob("*.yml"))]


def _titles(folder: str) -> dict[str, str]:
    return {item["id"]: item["titel"] for item in _load(folder)}


def _formulieren_by_methode() -> dict[str, str]:
    items = yaml.safe_load((REPO / "content/formulieren.yml").read_text(encoding="utf-8"))
    return {item["methode"]: item["titel"] for item in items}


def _parts(pdf: Path) -> list[tuple[str, int, int]]:
    """The top-level bookmarks: (title, first page, page count), pages from 1."""
    with pikepdf.open(pdf) as document, document.open_outline() as outline:
        pages = {page.obj.objgen: index for index, page in enumerate(document.pages, start=1)}
        starts = [(str(item.title), pages[item.destination[0].objgen]) for item in outline.root]
        total = len(document.pages)
    ends = [start for _, start in starts[1:]] + [total + 1]
    return [(title, start, end - start) for (title, start), end in zip(starts, ends, strict=True)]


def _text(pdf: Path, first: int = 1, count: int | None = None) -> str:
    pages = PdfReader(pdf).pages[first - 1 : None if count is None else first - 1 + count]
    return _squash(" ".join(page.extract_text() or "" for page in pages))


def _named(item: dict, kind: str) -> list[str]:
    """Ids of `kind` that an item names in its fields or its prose."""
    text = yaml.safe_dump(item, allow_unicode=True)
    return [*item.get(f"{kind}en", []), *re.findall(rf"\[\[{kind}:([a-z0-9-]+)", text)]


def test_every_module_has_a_trainers_pack_with_cover_programme_forms_and_kennisbronnen(real_site: Path) -> None:
    reflectors, sources, forms_of = _titles("reflectoren"), _titles("kennisbronnen"), _formulieren_by_methode()
    for module in _load("content/modules"):
        pdf = real_site / "pdf" / f"module-{module['id']}.pdf"
        parts = _parts(pdf)
        titles = [title for title, _, _ in parts]
        assert titles[0] == module["titel"], pdf.name
        for key in dict.fromkeys(_named(module, "reflector")):
            assert reflectors[key] in titles, (pdf.name, key)
        for methode in dict.fromkeys(_named(module, "methode")):
            if methode in forms_of:
                assert forms_of[methode] in titles, (pdf.name, methode)
        for key in dict.fromkeys(_named(module, "kennisbron")):
            assert f"Kennisbron: {sources[key]}" in titles, (pdf.name, key)
        for title, _, count in parts:
            if title.startswith("Kennisbron: "):
                assert count == 1, (pdf.name, title, count)  # one page each
        cover = _text(pdf, 1, parts[0][2])
        minutes = sum(step["minuten"] for step in module["sessieplan"])
        assert _squash(f"Duur: {minutes} minuten") in cover
        assert _squash(f"Totaal: {minutes} minuten.") in cover
        for step in module["sessieplan"]:
            assert _squash(step["titel"]) in cover, (pdf.name, step["titel"])
        assert "Leerdoelen" in cover and "Voorbereiding" in cover and "Programma" in cover
        assert _squash(module["voorbereiding"][0].split("[[")[0][:30]) in cover
        with pikepdf.open(pdf) as document:
            assert str(document.docinfo.Title) == f"Trainerspakket: {module['titel']}"


def test_every_leerarrangement_has_a_sessieplan_pdf_with_its_forms(real_site: Path) -> None:
    reflectors, forms_of = _titles("reflectoren"), _formulieren_by_methode()
    for arrangement in _load("leerarrangementen"):
        pdf = real_site / "pdf" / "sessieplannen" / f"{arrangement['id']}.pdf"
        parts = _parts(pdf)
        titles = [title for title, _, _ in parts]
        assert titles[0] == f"Leerarrangement {arrangement['nummer']}: {arrangement['titel']}"
        for key in dict.fromkeys(_named(arrangement, "reflector")):
            assert reflectors[key] in titles, (pdf.name, key)
        for methode in dict.fromkeys(_named(arrangement, "methode")):
            if methode in forms_of:
                assert forms_of[methode] in titles, (pdf.name, methode)
        plan = _text(pdf, 1, parts[0][2])
        assert "Leervraag" in plan and "Voorbereiding" in plan
        for step in arrangement.get("sessieplan", []):
            assert _squash(step["titel"]) in plan, (pdf.name, step["titel"])
        if arrangement.get("sessieplan"):
            assert _squash(f"Totaal: {sum(s['minuten'] for s in arrangement['sessieplan'])} minuten.") in plan


def test_the_module_and_leerarrangement_pages_link_their_pdfs(real_site: Path) -> None:
    for module in _load("content/modules"):
        page = (real_site / "modules" / module["id"] / "index.html").read_text(encoding="utf-8")
        assert f'href="../../pdf/module-{module["id"]}.pdf"' in page
        assert "Trainerspakket als PDF (A4)" in page
    for arrangement in _load("leerarrangementen"):
        page = (real_site / "leerarrangementen" / arrangement["id"] / "index.html").read_text(encoding="utf-8")
        assert f'href="../../pdf/sessieplannen/{arrangement["id"]}.pdf"' in page
        assert "Sessieplan afdrukken" in page


def test_no_part_of_a_pack_or_sessieplan_ends_on_a_spill_over_page(real_site: Path) -> None:
    from tests.test_forms import _lowest_ink

    pdfs = sorted((real_site / "pdf").glob("module-*.pdf")) + sorted((real_site / "pdf/sessieplannen").glob("*.pdf"))
    assert len(pdfs) >= 12
    for pdf in pdfs:
        for title, first, count in _parts(pdf):
            if count > 1:
                reach = _lowest_ink(pdf, first + count - 1)
                assert reach > 1 / 3, (pdf.name, title, count, round(reach, 2))
