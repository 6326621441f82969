"""Every PDF of the site is tagged PDF/UA-1 in Dutch with a title, and reads in the right order.

A screen reader reads a tagged PDF along its structure tree, not by position on the page. These
tests walk that tree (pikepdf), take the text of each marked-content id from the page (pdfium), and
check what comes out: every item's text whole, before its answer boxes; the page footers not at all.
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium
import pytest
import yaml

from tests.conftest import REPO

PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}part"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _squash(text: str) -> str:
    return "".join(text.split())


def _pdfs(site: Path) -> list[Path]:
    found = sorted((site / "pdf").glob("*.pdf"))
    assert len(found) >= 14
    return found


def _marked_texts(path: Path) -> dict[tuple[int, int], str]:
    """The text of every marked-content sequence, by (page index, MCID)."""
    texts: dict[tuple[int, int], list[str]] = defaultdict(list)
    document = pypdfium2.PdfDocument(path)
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        for obj in page.get_objects():
            if obj.type != pdfium.FPDF_PAGEOBJ_TEXT:
                continue
            mcid = pdfium.FPDFPageObj_GetMarkedContentID(obj.raw)
            size = pdfium.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
            buffer = (ctypes.c_ushort * (size // 2))()
            pdfium.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
            texts[(index, mcid)].append(bytes(buffer)[: size - 2].decode("utf-16-le"))
    return {key: "".join(parts) for key, parts in texts.items()}


def structure_text(path: Path) -> tuple[list[str], set[tuple[int, int]]]:
    """The texts in the order of the structure tree, and every (page, MCID) the tree holds."""
    texts = _marked_texts(path)
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        order: list[tuple[int, int]] = []

        def walk(element: pikepdf.Object, page: int | None) -> None:
            if isinstance(element, pikepdf.Dictionary) and "/Pg" in element:
                page = pages[element.Pg.objgen]
            kids = element.get("/K") if isinstance(element, pikepdf.Dictionary) else None
            if kids is None:
                return
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, int):
                    assert page is not None
                    order.append((page, int(kid)))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    order.append((pages[kid.Pg.objgen], int(kid.MCID)))
                elif isinstance(kid, pikepdf.Dictionary):
                    walk(kid, page)

        walk(pdf.Root.StructTreeRoot, None)
    return [texts.get(key, "") for key in order], set(order)


def _reflectors() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "reflectoren").glob("*.yml"))]


def _eindterm_texts() -> dict[int, str]:
    items = yaml.safe_load((REPO / "content/eindtermen.yml").read_text(encoding="utf-8"))
    return {item["nummer"]: item["tekst"] for item in items}


def test_every_pdf_is_tagged_pdf_ua_in_dutch_with_its_title_shown(real_site: Path) -> None:
    for path in _pdfs(real_site):
        with pikepdf.open(path) as pdf:
            root = pdf.Root
            assert "/StructTreeRoot" in root, path.name
            assert root.MarkInfo.Marked is True, path.name
            assert str(root.Lang) == "nl", path.name
            assert root.ViewerPreferences.DisplayDocTitle is True, path.name
            title = str(pdf.docinfo.get("/Title", ""))
            assert len(title) > 5, path.name
            with pdf.open_metadata() as xmp:
                assert xmp.get(PDFUAID) == "1", path.name
                assert xmp.get(DC_TITLE) == title, path.name


def test_the_bundles_have_a_bookmark_per_reflector(real_site: Path) -> None:
    titles = [r["titel"] for r in _reflectors()]
    with pikepdf.open(real_site / "pdf/alle-reflectoren.pdf") as pdf, pdf.open_outline() as outline:
        assert [str(item.title) for item in outline.root] == titles
        assert str(pdf.docinfo.Title) == "Alle reflectoren"
    with pikepdf.open(real_site / "pdf/digitale-reflector.pdf") as pdf, pdf.open_outline() as outline:
        assert [str(item.title) for item in outline.root] == ["Digitale reflector"]
        assert "Leerruimte" in [str(child.title) for child in outline.root[0].children]


def test_every_item_reads_whole_before_its_answer_boxes(real_site: Path) -> None:
    """In structure order: '26. <whole text>' then 'huidig gewenst', for every item of every reflector."""
    texts = _eindterm_texts()
    for reflector in _reflectors():
        path = real_site / "pdf" / f"{reflector['id']}.pdf"
        reading, _ = structure_text(path)
        flat = _squash(" ".join(reading))
        position = 0
        if reflector["soort"] == "dialoog":
            items = [_squash(q) for q in reflector["vragen"]]
        else:
            items = [_squash(f"{n}. {texts[n]}") for n in reflector["eindtermen"]]
        for item in items:
            found = flat.find(item)
            assert found >= 0, (path.name, item)
            if reflector["soort"] == "schaal" and not item.startswith(("24.", "59.")):  # 24, 59 are open
                assert flat[found + len(item) :].startswith("huidiggewenst"), (path.name, item)
            position = found
        assert position > 0
        assert "Waarismijnleerruimtehetgrootst?" in flat


def test_every_item_comes_out_whole_in_plain_text_extraction_too(real_site: Path) -> None:
    """pdftotext ignores tags; with the row labels apart from the item text it still reads each item
    whole (items 26 and 55 of the digitale reflector were read interleaved with "huidig/gewenst")."""
    texts = _eindterm_texts()
    for reflector in _reflectors():
        path = real_site / "pdf" / f"{reflector['id']}.pdf"
        plain = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        flat = _squash(plain)
        for number in reflector.get("eindtermen", []):
            assert _squash(f"{number}. {texts[number]}") in flat, (path.name, number)


def test_footers_are_artifacts_and_all_text_is_in_the_tree(real_site: Path) -> None:
    for path in _pdfs(real_site):
        reading, held = structure_text(path)
        joined = " ".join(reading)
        assert "pagina 1 van" not in joined, path.name
        marked = set(_marked_texts(path))
        untagged = {key for key in marked if key[1] >= 0} - held
        assert not untagged, (path.name, sorted(untagged)[:5])


def test_the_pdf_ua_checker_finds_nothing(real_site: Path) -> None:
    """pdfua (PyPI) checks the machine-checkable part of PDF/UA-1; a person still has to check the rest."""
    checker = Path(sys.executable).parent / "pdfua"
    if not checker.exists():
        pytest.fail("pdfua ontbreekt: pip install -e '.[dev]'")
    done = subprocess.run(
        [str(checker), "check", *map(str, _pdfs(real_site))], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-3000:]
