"""Printable forms as a leercoach gets them: every form page and PDF, A4, every item whole on one page."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import REPO, run_cli
from tests.pages import article_text

A4 = (595.28, 841.89)
ARTIFACTS = REPO / "build" / "test-artifacts"


def _fold(text: str) -> str:
    return " ".join(text.split())


def _squash(text: str) -> str:
    """Text without any whitespace: a PDF's text layer adds spaces where lines wrap (after 'burger/')."""
    return "".join(text.split())


def _pages(pdf: Path) -> list[str]:
    return [_fold(page.extract_text() or "") for page in PdfReader(pdf).pages]


def _reflectors() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "reflectoren").glob("*.yml"))]


def _eindterm_texts() -> dict[int, str]:
    items = yaml.safe_load((REPO / "content/eindtermen.yml").read_text(encoding="utf-8"))
    return {item["nummer"]: _fold(item["tekst"]) for item in items}


def _expected_lines(reflector: dict) -> list[str]:
    texts = _eindterm_texts()
    if reflector["soort"] == "dialoog":
        return [_fold(q) for q in reflector["vragen"]]
    return [f"{n}. {texts[n]}" for n in reflector["eindtermen"]]


def test_every_reflector_page_has_its_form_and_pdf_link(real_site: Path) -> None:
    for reflector in _reflectors():
        page = real_site / "reflectoren" / reflector["id"] / "index.html"
        html = page.read_text(encoding="utf-8")
        assert 'class="kb-form"' in html
        assert ">Afdrukken</button>" in html
        assert f'href="../../pdf/{reflector["id"]}.pdf"' in html and "Download als PDF (A4)" in html
        assert (real_site / "pdf" / f"{reflector['id']}.pdf").is_file()


def test_every_formulier_has_a_page_and_a_pdf(real_site: Path) -> None:
    forms = yaml.safe_load((REPO / "content/formulieren.yml").read_text(encoding="utf-8"))
    assert {f["id"] for f in forms} >= {"kantelbox", "logboek-actie-leren", "cmo-analyse"}
    for form in forms:
        text = article_text(real_site / "formulieren" / form["id"] / "index.html")
        assert f"Formulier: {form['titel']}" in text
        pdf_pages = _pages(real_site / "pdf" / f"formulier-{form['id']}.pdf")
        for field in form["velden"]:
            assert any(_fold(field["label"]) in page for page in pdf_pages), (form["id"], field["label"])


def test_the_kantelbox_and_logboek_pdfs_hold_the_fields_of_bijlage_5(real_site: Path) -> None:
    kantelbox = " ".join(_pages(real_site / "pdf/formulier-kantelbox.pdf"))
    for label in ("Naam", "Wat heb je aangetroffen", "Wat heb je ermee gedaan", "Wat was jouw toegevoegde waarde"):
        assert label in kantelbox
    logboek = " ".join(_pages(real_site / "pdf/formulier-logboek-actie-leren.pdf"))
    for label in (
        "AL groep naam",
        "Dag en datum",
        "Leercoach naam",
        "Aanwezig",
        "Afwezig",
        "PROGRAMMA",
        "PROCES",
        "groepsproces",
        "eigen rol als leercoach",
        "Wat gaat goed?",
        "Wat heb je nog nodig?",
    ):
        assert label in logboek


def test_every_reflector_pdf_is_a4_with_every_item_whole_on_one_page(real_site: Path) -> None:
    for reflector in _reflectors():
        pdf = real_site / "pdf" / f"{reflector['id']}.pdf"
        reader = PdfReader(pdf)
        for page in reader.pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert abs(size[0] - A4[0]) < 1 and abs(size[1] - A4[1]) < 1, (pdf.name, size)
        pages = _pages(pdf)
        squashed = [_squash(page) for page in pages]
        for line in _expected_lines(reflector):
            assert sum(_squash(line) in page for page in squashed) == 1, (pdf.name, line)
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            assert f"pagina {number} van {total}" in page
            assert reflector["titel"] in page
        for label in ("Naam:", "Team:", "Datum:", "Leercoach:", "Leerruimte"):
            assert label in " ".join(pages)
        if len(_expected_lines(reflector)) <= 16:
            assert total <= 2, (pdf.name, total)


def test_the_scale_labels_head_every_group(real_site: Path) -> None:
    pages = _pages(real_site / "pdf/digitale-reflector.pdf")
    for page in pages:
        if "huidig" in page:
            assert "in zeer geringe mate" in page or "in zeer" in page


def test_the_bundles_hold_every_reflector(real_site: Path) -> None:
    bundle = " ".join(_pages(real_site / "pdf/alle-reflectoren.pdf"))
    for reflector in _reflectors():
        assert reflector["titel"] in bundle
    modules = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REPO / "content/modules").glob("*.yml")]
    for module in modules:
        if module.get("reflectoren"):
            assert (real_site / "pdf" / f"module-{module['id']}.pdf").is_file()


def test_page_one_of_a_reflector_as_png_for_review(real_site: Path) -> None:
    import pypdfium2

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(real_site / "pdf/transitie-en-transformatiecompetenties.pdf")
    image = document[0].render(scale=2).to_pil()
    target = ARTIFACTS / "reflector-transitie-en-transformatiecompetenties-p1.png"
    image.save(target)
    assert target.stat().st_size > 20_000
    assert image.size[0] < image.size[1]  # portrait


def test_a_missing_weasyprint_fails_the_build_clearly(mini_root: Path, tmp_path: Path) -> None:
    assert run_cli(mini_root, "build").code == 0
    before = {p: p.read_bytes() for p in (mini_root / "site").rglob("*") if p.is_file()}
    shutil.rmtree(mini_root / "build" / "pdf-cache")
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "weasyprint.py").write_text("raise OSError('cannot load library libpango-1.0-0')\n")
    env = {**os.environ, "PYTHONPATH": str(fake)}
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(mini_root), "build"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode == 1
    assert "PDF's maken lukt niet: WeasyPrint of Pango ontbreekt" in done.stderr
    assert "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in (mini_root / "site").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("name", ["kantelbox", "logboek-actie-leren"])
def test_a_formulier_fits_its_pages(real_site: Path, name: str) -> None:
    assert len(PdfReader(real_site / "pdf" / f"formulier-{name}.pdf").pages) <= 2


def _lowest_ink(pdf: Path, page: int) -> float:
    """How far down the page (0 top, 1 bottom) its content reaches, footer left out: pdftoppm -r 50, grey."""
    import subprocess

    gray = subprocess.run(
        ["pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    magic, width, height, _, pixels = gray.split(maxsplit=4)
    assert magic == b"P5"
    width, height = int(width), int(height)
    footer = int(height * 16 / 297)  # the bottom margin holds "pagina X van Y"
    rows = [pixels[y * width : (y + 1) * width] for y in range(height - footer)]
    inked = [y for y, row in enumerate(rows) if min(row) < 160]
    return (max(inked) if inked else 0) / height


def test_no_form_ends_on_a_page_holding_only_a_spill_over(real_site: Path) -> None:
    """The last page of every form is used: its content goes on below the top third."""
    forms = [p for p in sorted((real_site / "pdf").glob("*.pdf")) if not p.name.startswith(("alle-", "module-"))]
    assert len(forms) >= 10
    for pdf in forms:
        pages = len(PdfReader(pdf).pages)
        if pages > 1:
            assert _lowest_ink(pdf, pages) > 1 / 3, (pdf.name, pages, _lowest_ink(pdf, pages))
