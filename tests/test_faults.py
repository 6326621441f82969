"""Faults of the file system and of the editor: each one Dutch line `pad:regel:kolom: melding`, exit 1,
never a traceback, never a hang; and ids that would overwrite a file the generator writes are refused."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from generator import forms, load, render, site, validate
from generator.cli import main as cli_main
from generator.problems import Problems
from generator.registry import CONTENT_TYPES
from generator.render import Renderer, page_of
from tests.conftest import MINI, REPO, Run, run_cli

ECOGRAM = (MINI / "content/methoden/ecogram.yml").read_text(encoding="utf-8")
BEGRIPPEN = (MINI / "content/begrippen.yml").read_text(encoding="utf-8")
REFLECTOR = (MINI / "reflectoren/digitale-reflector.yml").read_text(encoding="utf-8")
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

LOOP = "symbolische link vormt een lus (verwijst via andere links naar zichzelf); verwijs naar een echt bestand"
DANGLING = "symbolische link verwijst naar een bestand dat niet bestaat; herstel de link of verwijder hem"
OUTSIDE = "symbolische link verwijst naar een bestand buiten de kennisbank; kopieer het bestand hierheen"
FOLDER = "is een map, geen bestand; hier hoort een YAML-bestand"
FIFO = "is geen gewoon bestand maar een FIFO (named pipe); hier hoort een YAML-bestand"
NO_ACCESS = "bestand kan niet worden gelezen: geen toegang; pas de rechten aan (leesrecht voor iedereen)"


def kb(root: Path, *args: str) -> Run:
    """`kennisbank --root ROOT ARGS` in-process; an exception is a failed test, not a result."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(["--root", str(root), *args])
    return Run(code, out.getvalue(), err.getvalue())


def errors(result: Run) -> list[str]:
    return [line for line in result.lines if ": waarschuwing: " not in line]


def assert_only_error(result: Run, line: str) -> None:
    """`check` failed with exactly this one error line (the mini fixture's warnings aside)."""
    assert "Traceback" not in result.err
    assert result.code == 1, result.out + result.err
    assert errors(result) == [line], result.out


# --- links, folders, FIFOs, access ----------------------------------------------------------------


def test_a_symlink_loop_is_one_line(mini_root: Path) -> None:
    (mini_root / "content/methoden/lus.yml").symlink_to("lus.yml")
    assert_only_error(kb(mini_root, "check"), f"content/methoden/lus.yml:1:1: {LOOP}")


def test_a_list_file_in_a_symlink_loop_is_one_line(mini_root: Path) -> None:
    begrippen = mini_root / "content/begrippen.yml"
    begrippen.unlink()
    begrippen.symlink_to("andere.link")
    (mini_root / "content/andere.link").symlink_to("begrippen.yml")
    assert_only_error(kb(mini_root, "check"), f"content/begrippen.yml:1:1: {LOOP}")


def test_a_folder_where_a_list_file_belongs(mini_root: Path) -> None:
    begrippen = mini_root / "content/begrippen.yml"
    begrippen.unlink()
    begrippen.mkdir()
    (begrippen / "x.yml").write_text(BEGRIPPEN, encoding="utf-8")  # not read: the list's folder has no .yml
    assert_only_error(kb(mini_root, "check"), f"content/begrippen.yml:1:1: {FOLDER}")


def test_a_folder_with_the_name_of_an_item_file(mini_root: Path) -> None:
    (mini_root / "content/methoden/oud.yml").mkdir()
    assert_only_error(kb(mini_root, "check"), f"content/methoden/oud.yml:1:1: {FOLDER}")


def test_a_file_where_a_folder_belongs(mini_root: Path) -> None:
    (mini_root / "content/begrippen").write_text("", encoding="utf-8")
    assert_only_error(
        kb(mini_root, "check"), "content/begrippen:1:1: is geen map; hier hoort een map met YAML-bestanden"
    )


def test_a_folder_in_a_symlink_loop(mini_root: Path) -> None:
    shutil.rmtree(mini_root / "content/methoden")
    (mini_root / "content/methoden").symlink_to("methoden")
    line = "content/methoden:1:1: symbolische link vormt een lus (verwijst via andere links naar zichzelf); " + (
        "verwijs naar een echte map"
    )
    result = kb(mini_root, "check")
    assert line in errors(result), result.out
    assert result.code == 1 and "Traceback" not in result.err


def test_a_fifo_as_a_list_file_does_not_hang(mini_root: Path) -> None:
    begrippen = mini_root / "content/begrippen.yml"
    begrippen.unlink()
    os.mkfifo(begrippen)
    found: list[Run] = []
    worker = threading.Thread(target=lambda: found.append(kb(mini_root, "check")), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # blocked in open(): a writer lets it go, so the test run can end
        os.close(os.open(begrippen, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("check hangs on a FIFO")
    assert_only_error(found[0], f"content/begrippen.yml:1:1: {FIFO}")


def test_a_list_file_that_cannot_be_read_is_reported_once_not_again_by_every_reference(mini_root: Path) -> None:
    bakens = mini_root / "content/bakens.yml"
    bakens.unlink()
    os.mkfifo(bakens)  # content/concepten.yml refers to baken 7
    assert_only_error(kb(mini_root, "check"), f"content/bakens.yml:1:1: {FIFO}")
    bakens.unlink()
    bakens.write_text("kapot: [\n", encoding="utf-8")
    line = "content/bakens.yml:2:1: YAML-syntaxfout: hier ontbreekt een waarde (gevonden het einde van het bestand)"
    assert_only_error(kb(mini_root, "check"), line)


def test_a_fifo_among_item_files(mini_root: Path) -> None:
    os.mkfifo(mini_root / "content/methoden/pijp.yml")
    document = load.load_document(mini_root / "content/methoden/pijp.yml", "pijp.yml", problems := Problems())
    assert document is None and [str(p) for p in problems.items] == [f"pijp.yml:1:1: {FIFO}"]
    assert_only_error(kb(mini_root, "check"), f"content/methoden/pijp.yml:1:1: {FIFO}")


def test_a_dangling_list_file_says_only_that(mini_root: Path) -> None:
    begrippen = mini_root / "content/begrippen.yml"
    begrippen.unlink()
    begrippen.symlink_to("../elders/begrippen.yml")
    result = kb(mini_root, "check")
    assert_only_error(result, f"content/begrippen.yml:1:1: {DANGLING}")
    assert "onbekend inhoudsbestand" not in result.out


def test_a_dangling_item_file_and_a_dangling_stray_file(mini_root: Path) -> None:
    (mini_root / "content/methoden/weg.yml").symlink_to("verhuisd.yml")
    (mini_root / "content/bakenz.yml").symlink_to("nergens.yml")
    result = kb(mini_root, "check")
    assert errors(result) == [f"content/bakenz.yml:1:1: {DANGLING}", f"content/methoden/weg.yml:1:1: {DANGLING}"]
    assert result.code == 1 and "Traceback" not in result.err


def test_an_unreadable_file(mini_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = str(mini_root / "content/methoden/ecogram.yml")
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == target:
            raise PermissionError(errno.EACCES, "Permission denied", target)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(load.os, "open", refusing_open)
    assert_only_error(kb(mini_root, "check"), f"content/methoden/ecogram.yml:1:1: {NO_ACCESS}")


def without_root_powers(probe: Path) -> list[str]:
    """A command prefix under which mode 000 means no access: none for a user, for root `setpriv` without
    the capabilities that override file modes; skips the test when there is no such way."""
    if not AS_ROOT:
        return []
    prefix = [
        "setpriv",
        "--bounding-set=-dac_override,-dac_read_search",
        "--inh-caps=-dac_override,-dac_read_search",
    ]
    probe.write_text("", encoding="utf-8")
    probe.chmod(0)
    try:
        done = subprocess.run([*prefix, sys.executable, "-c", f"open({str(probe)!r}).close()"], capture_output=True)
    except OSError:
        pytest.skip("root reads a file of mode 000, and setpriv is not there to drop that power")
    if b"PermissionError" not in done.stderr:
        pytest.skip("root reads a file of mode 000, and setpriv cannot drop that power here")
    return prefix


def test_an_unreadable_file_and_folder_for_real(mini_root: Path, tmp_path: Path) -> None:
    prefix = without_root_powers(tmp_path / "probe")
    (mini_root / "content/methoden/ecogram.yml").chmod(0)
    (mini_root / "kennisbronnen").chmod(0)
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "generator", "--root", str(mini_root), "check"],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
        )
    finally:
        (mini_root / "content/methoden/ecogram.yml").chmod(0o644)
        (mini_root / "kennisbronnen").chmod(0o755)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = done.stdout.splitlines()
    assert f"content/methoden/ecogram.yml:1:1: {NO_ACCESS}" in lines, done.stdout
    assert (
        "kennisbronnen:1:1: map kan niet worden gelezen: geen toegang; pas de rechten aan (leesrecht voor iedereen)"
        in lines
    ), done.stdout


def test_an_unreadable_folder(mini_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = str(mini_root / "content/methoden")
    real_scandir = os.scandir

    def refusing_scandir(path: Any = ".") -> Any:
        if os.fspath(path) == target:
            raise PermissionError(errno.EACCES, "Permission denied", target)
        return real_scandir(path)

    monkeypatch.setattr(validate.os, "scandir", refusing_scandir)
    line = (
        "content/methoden:1:1: map kan niet worden gelezen: geen toegang; pas de rechten aan (leesrecht voor iedereen)"
    )
    assert_only_error(kb(mini_root, "check"), line)  # and no reference to a methode is a second error


def test_a_symlink_out_of_the_knowledge_base_is_refused(mini_root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.yml"
    secret.write_text(ECOGRAM.replace("ecogram", "geheim"), encoding="utf-8")
    (mini_root / "content/methoden/geheim.yml").symlink_to(secret)
    assert_only_error(kb(mini_root, "check"), f"content/methoden/geheim.yml:1:1: {OUTSIDE}")
    linked, _ = site.check(mini_root)
    assert linked.kb.get("methode", "geheim") is None


def test_a_folder_out_of_the_knowledge_base_is_refused(mini_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    shutil.move(mini_root / "content/methoden", elsewhere)
    (mini_root / "content/methoden").symlink_to(elsewhere)
    result = kb(mini_root, "check")
    assert (
        "content/methoden:1:1: symbolische link verwijst naar een map buiten de kennisbank; kopieer de map hierheen"
        in result.lines
    ), result.out
    assert not [line for line in errors(result) if line.startswith("content/methoden/")]
    assert result.code == 1 and "Traceback" not in result.err


def test_content_out_of_the_knowledge_base_is_one_line(mini_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    shutil.move(mini_root / "content", elsewhere)
    (mini_root / "content").symlink_to(elsewhere)
    line = "content:1:1: symbolische link verwijst naar een map buiten de kennisbank; kopieer de map hierheen"
    assert_only_error(kb(mini_root, "check"), line)  # and no reference to what is in content/ is a second error


def test_a_symlink_inside_the_knowledge_base_is_read(mini_root: Path) -> None:
    (mini_root / "bewaard").mkdir()
    (mini_root / "bewaard/extra.yml").write_text(ECOGRAM.replace("ecogram", "extra"), encoding="utf-8")
    (mini_root / "content/methoden/extra.yml").symlink_to("../../bewaard/extra.yml")
    result = kb(mini_root, "check")
    assert (result.code, errors(result)) == (0, []), result.out
    linked, _ = site.check(mini_root)
    assert linked.kb.get("methode", "extra") is not None


# --- editor and OS artefacts -----------------------------------------------------------------------


def test_hidden_files_and_editor_backups_are_passed_over(mini_root: Path) -> None:
    methods = mini_root / "content/methoden"
    (methods / ".#ecogram.yml").symlink_to("root@host.1234:1700000000")  # an Emacs lock: a dangling link
    (methods / "._ecogram.yml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    (methods / "~ecogram.yml").write_text("kapot: [", encoding="utf-8")
    (methods / "#ecogram.yml#").write_text("kapot: [", encoding="utf-8")
    (methods / ".verborgen.yml").mkdir()
    (mini_root / "content/.bakens.yml").write_text("kapot: [", encoding="utf-8")
    (mini_root / "content/._bakens.yml").write_bytes(b"\x00\x05\x16\x07")
    (mini_root / "content/begrippen").mkdir()
    (mini_root / "content/begrippen/.#extra.yml").symlink_to("root@host.1:2")
    result = kb(mini_root, "check")
    assert (result.code, errors(result)) == (0, []), result.out
    assert "Traceback" not in result.err


# --- what a word processor makes of indentation ----------------------------------------------------


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\u00a0", "niet-afbreekbare spatie (U+00A0)"),
        ("\u202f", "smalle niet-afbreekbare spatie (U+202F)"),
        ("\u2003", "em-spatie (U+2003)"),
        ("\u2009", "smalle spatie (U+2009)"),
        ("\u3000", "ideografische spatie (U+3000)"),
    ],
)
def test_an_odd_space_as_indentation_is_pointed_at(mini_root: Path, character: str, name: str) -> None:
    text = ECOGRAM.replace("\n  Een ecogram", f"\n {character}Een ecogram")  # line 9, column 2
    (mini_root / "content/methoden/ecogram.yml").write_text(text, encoding="utf-8")
    line = f"content/methoden/ecogram.yml:9:2: {name} als inspringing; gebruik gewone spaties"
    assert_only_error(kb(mini_root, "check"), line)


def test_a_non_breaking_space_in_a_list_is_pointed_at_not_lines_later(mini_root: Path) -> None:
    text = BEGRIPPEN.replace("\n  term:", "\n\u00a0 term:", 1)  # line 3, column 1
    (mini_root / "content/begrippen.yml").write_text(text + "\n" * 8, encoding="utf-8")
    line = "content/begrippen.yml:3:1: niet-afbreekbare spatie (U+00A0) als inspringing; gebruik gewone spaties"
    assert_only_error(kb(mini_root, "check"), line)


def test_an_en_dash_for_a_list_item_is_pointed_at(mini_root: Path) -> None:
    second = BEGRIPPEN.split("\n", 1)[1].replace("sociale-netwerkstrategieen", "tweede").replace("SNS", "TW")
    second = second.replace("Sociale NetwerkStrategieën", "Tweede")
    (mini_root / "content/begrippen.yml").write_text(BEGRIPPEN + second.replace("- id:", "– id:"), encoding="utf-8")
    line = (
        "content/begrippen.yml:8:1: gedachtestreepje (–) aan het begin van de regel; begin een lijstregel met "
        "'- ' (een gewoon koppelteken en een spatie)"
    )
    assert_only_error(kb(mini_root, "check"), line)


def test_en_dashes_for_a_list_field_get_a_hint(mini_root: Path) -> None:
    text = ECOGRAM + "stappen:\n  – Teken de cliënt.\n  – Teken het netwerk.\n"
    (mini_root / "content/methoden/ecogram.yml").write_text(text, encoding="utf-8")
    line = (
        "content/methoden/ecogram.yml:11:3: veld 'stappen': verwacht een lijst (regels met '- '), gevonden tekst; "
        "begin elke regel met '- ' (een gewoon koppelteken), niet met '–'"
    )
    assert_only_error(kb(mini_root, "check"), line)


def test_a_dash_in_prose_is_prose() -> None:
    problems = Problems()
    document = load._parse("wat: |\n  Drie stappen:\n  – eerst\n  – dan\n", "f.yml", problems)
    assert document is not None and document.data == {"wat": "Drie stappen:\n– eerst\n– dan\n"}
    assert not problems.items


BRACKET_PROBLEM = (
    "verwacht ',' of ']' in een lijst tussen [ ], gevonden ':'; "
    "sluit de lijst met ']' of zet de tekst tussen aanhalingstekens"
)


def test_a_dash_in_prose_is_not_blamed_for_another_syntax_error() -> None:
    problems = Problems()
    assert load._parse("wat: |\n  Stappen:\n  – eerst\ntitel: [kapot\nsoort: x\n", "f.yml", problems) is None
    assert [str(p) for p in problems.items] == ["f.yml:5:6: YAML-syntaxfout: " + BRACKET_PROBLEM]


# --- Unicode normal form ---------------------------------------------------------------------------


def test_text_is_read_in_nfc(tmp_path: Path) -> None:
    path = tmp_path / "f.yml"
    path.write_text("titel: Strategiee\u0308n\nne\u0301: 1\n", encoding="utf-8")
    document = load.load_document(path, "f.yml", Problems())
    assert document is not None and document.data == {"titel": "Strategieën", "né": 1}


def test_a_glossary_term_written_decomposed_still_gets_its_tooltip(mini_root: Path) -> None:
    decomposed = "Sociale NetwerkStrategiee\u0308n"
    text = ECOGRAM + f"  Het ecogram hoort bij {decomposed}.\n"
    (mini_root / "content/methoden/ecogram.yml").write_text(text, encoding="utf-8")
    linked, problems = site.check(mini_root)
    assert not problems.errors, problems.errors
    pages = dict(Renderer(linked).pages())
    page = pages[page_of(CONTENT_TYPES["methode"], "ecogram")]
    assert decomposed not in page
    # The tooltip, as an abbreviation element in the page's HTML or as a Markdown abbreviation definition.
    assert (
        "Sociale NetwerkStrategieën</abbr>." in page
        or "*[Sociale NetwerkStrategieën]: Werkwijze waarin de burger met zijn netwerk een plan maakt." in page
    ), page


# --- ids that name a generated file ----------------------------------------------------------------


RESERVED = {
    "methode index": (
        "content/methoden/index.yml",
        ECOGRAM.replace("id: ecogram", "id: index"),
        "content/methoden/index.yml:2:5: id 'index' is gereserveerd: zo heet het overzicht van Methoden en "
        "instrumenten; kies een andere id (en hernoem het bestand)",
    ),
    "kennisbron index": (
        "kennisbronnen/index.yml",
        (MINI / "kennisbronnen/casusleren.yml").read_text(encoding="utf-8").replace("id: casusleren", "id: index"),
        "kennisbronnen/index.yml:2:5: id 'index' is gereserveerd: zo heet het overzicht van Kennisbronnen; "
        "kies een andere id (en hernoem het bestand)",
    ),
    "all reflectors": (
        "reflectoren/alle-reflectoren.yml",
        REFLECTOR.replace("id: digitale-reflector", "id: alle-reflectoren"),
        "reflectoren/alle-reflectoren.yml:2:5: id 'alle-reflectoren' is gereserveerd: zo heet de PDF met alle "
        "reflectoren; kies een andere id (en hernoem het bestand)",
    ),
    "a form's pdf": (
        "reflectoren/formulier-kantelbox.yml",
        REFLECTOR.replace("id: digitale-reflector", "id: formulier-kantelbox"),
        "reflectoren/formulier-kantelbox.yml:2:5: id 'formulier-kantelbox' is gereserveerd: een id die met "
        "'formulier-' begint, botst met de PDF van een formulier; kies een andere id (en hernoem het bestand)",
    ),
    "a module's pdf": (
        "reflectoren/module-basis.yml",
        REFLECTOR.replace("id: digitale-reflector", "id: module-basis"),
        "reflectoren/module-basis.yml:2:5: id 'module-basis' is gereserveerd: een id die met 'module-' begint, "
        "botst met de PDF van een trainingsmodule; kies een andere id (en hernoem het bestand)",
    ),
}


@pytest.mark.parametrize("case", RESERVED)
def test_an_id_that_names_a_generated_file_is_refused(mini_root: Path, case: str) -> None:
    path, text, line = RESERVED[case]
    (mini_root / path).write_text(text, encoding="utf-8")
    result = kb(mini_root, "check")
    assert line in errors(result), result.out
    # Refused once: the items that now have the same title or refer to it say nothing more.
    assert [error for error in errors(result) if error.startswith(path)] == [line]
    assert result.code == 1 and "Traceback" not in result.err


def test_a_reserved_id_in_a_list_of_pages_is_refused() -> None:
    problems = Problems()
    text = (
        "- id: index\n  titel: Overzicht\n  methode: x\n  samenvatting: Kort.\n  instructie: Vul in.\n"
        "  velden:\n    - label: Naam\n"
        "  status: vastgesteld\n  herkomst: Bijlage 5\n"
    )
    document = load._parse(text, "content/formulieren.yml", problems)
    assert document is not None
    found = validate._validate_document(
        CONTENT_TYPES["formulier"], document, Path("content/formulieren.yml"), broken := set(), problems
    )
    assert found == [] and broken == {("formulier", "index")}
    assert [str(p) for p in problems.items] == [
        "content/formulieren.yml:1:7: id 'index' is gereserveerd: zo heet het overzicht van Formulieren; "
        "kies een andere id"
    ]


def test_the_reserved_ids_match_what_the_generator_writes() -> None:
    for content_type in CONTENT_TYPES.values():
        overview = page_of(content_type)
        for key in ("index", "x"):
            collides = content_type.layout == "pages" and page_of(content_type, key) == overview
            assert bool(content_type.reserved(key)) == collides, (content_type.name, key)
        assert all(not page_of(content_type, "x").startswith(page) for page in render.SITE_PAGES)
    reflector = CONTENT_TYPES["reflector"]
    pdf = forms.Form("x", "t", "formulier", "", "", [], [], [], [])
    assert reflector.reserved(render.ALL_REFLECTORS_PDF.removeprefix("pdf/").removesuffix(".pdf"))
    assert reflector.reserved(pdf.pdf_path.removeprefix("pdf/").removesuffix(".pdf"))
    assert reflector.reserved(site.module_pdf("x").removeprefix("pdf/").removesuffix(".pdf"))
    assert not reflector.reserved("digitale-reflector") and not reflector.reserved("formulieren")


# --- kennisbank new -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "title", "message"),
    [
        ("methode", "Index", "id 'index' (uit de titel) is gereserveerd: zo heet het overzicht van Methoden en "),
        ("reflector", "Alle reflectoren", "id 'alle-reflectoren' (uit de titel) is gereserveerd: zo heet de PDF"),
        ("reflector", "Module: basis", "id 'module-basis' (uit de titel) is gereserveerd: een id die met 'module-'"),
    ],
)
def test_new_refuses_a_title_whose_id_is_reserved(mini_root: Path, kind: str, title: str, message: str) -> None:
    before = sorted(mini_root.rglob("*"))
    result = kb(mini_root, "new", kind, title)
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(message) and result.err.endswith("; kies een andere titel\n"), result.err
    assert sorted(mini_root.rglob("*")) == before


def test_new_works_beside_broken_content(mini_root: Path) -> None:
    (mini_root / "content/methoden/lus.yml").symlink_to("lus.yml")
    os.mkfifo(mini_root / "content/methoden/pijp.yml")
    (mini_root / "content/begrippen.yml").unlink()
    (mini_root / "content/begrippen.yml").mkdir()
    result = kb(mini_root, "new", "methode", "Lus")
    assert (result.code, result.out, result.err) == (0, "content/methoden/lus-2.yml\n", "")


def test_new_never_writes_through_a_link(mini_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders.yml"
    (mini_root / "content/methoden/mijn-methode.yml").symlink_to(elsewhere)  # dangling, out of the base
    result = kb(mini_root, "new", "methode", "Mijn methode")
    assert (result.code, result.out) == (0, "content/methoden/mijn-methode-2.yml\n")
    assert not elsewhere.exists()


def test_new_refuses_a_folder_out_of_the_knowledge_base(mini_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (mini_root / "content/modules").symlink_to(elsewhere)
    result = kb(mini_root, "new", "module", "Basis")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "content/modules:1:1: symbolische link verwijst naar een map buiten de kennisbank; kopieer de map hierheen\n"
    )
    assert list(elsewhere.iterdir()) == []


def test_new_names_the_link_that_leads_out(mini_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    shutil.move(mini_root / "content", elsewhere)
    (mini_root / "content").symlink_to(elsewhere)
    result = kb(mini_root, "new", "methode", "Nieuw")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "content:1:1: symbolische link verwijst naar een map buiten de kennisbank; kopieer de map hierheen\n"
    )
    assert sorted(path.name for path in (elsewhere / "methoden").iterdir()) == ["ecogram.yml", "sonestra.yml"]


@pytest.mark.parametrize(
    ("make", "line"),
    [
        (
            lambda folder: folder.symlink_to(folder.name),
            "content/modules:1:1: symbolische link vormt een lus (verwijst via andere links naar zichzelf); "
            "verwijs naar een echte map",
        ),
        (
            lambda folder: folder.symlink_to("weg"),
            "content/modules:1:1: symbolische link verwijst naar een map die niet bestaat; herstel de link of "
            "verwijder hem",
        ),
        (
            lambda folder: folder.write_text("", encoding="utf-8"),
            "content/modules:1:1: is geen map; hier hoort een map met YAML-bestanden",
        ),
    ],
    ids=["loop", "dangling", "file"],
)
def test_new_in_a_broken_folder_is_one_line(mini_root: Path, make: Any, line: str) -> None:
    make(mini_root / "content/modules")
    result = kb(mini_root, "new", "module", "Basis")
    assert (result.code, result.out, result.err) == (1, "", line + "\n")


def test_new_that_cannot_write_is_one_line(mini_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refusing_open(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("generator.new.open", refusing_open, raising=False)
    result = kb(mini_root, "new", "methode", "Mijn methode")
    assert (result.code, result.out) == (1, "")
    assert (
        result.err
        == "content/methoden/mijn-methode.yml:1:1: kan niet worden geschreven: geen schrijfrecht in deze map\n"
    )


def test_every_fault_at_once_through_the_real_command(mini_root: Path, tmp_path: Path) -> None:
    """The same faults in one run of `python -m generator check`, as an editor starts it."""
    methods = mini_root / "content/methoden"
    (methods / "lus.yml").symlink_to("lus.yml")
    (methods / "weg.yml").symlink_to("verhuisd.yml")
    (methods / "map.yml").mkdir()
    os.mkfifo(methods / "pijp.yml")
    (tmp_path / "buiten.yml").write_text(ECOGRAM.replace("ecogram", "buiten"), encoding="utf-8")
    (methods / "buiten.yml").symlink_to(tmp_path / "buiten.yml")
    (methods / ".#ecogram.yml").symlink_to("root@host.1:2")
    (methods / "index.yml").write_text(ECOGRAM.replace("id: ecogram", "id: index"), encoding="utf-8")
    (methods / "ecogram.yml").write_text(ECOGRAM.replace("\n  Een", "\n\u00a0 Een"), encoding="utf-8")
    result = run_cli(mini_root, "check")
    assert (result.code, "Traceback" in result.err) == (1, False), result.err
    assert errors(result) == [
        f"content/methoden/buiten.yml:1:1: {OUTSIDE}",
        "content/methoden/ecogram.yml:9:1: niet-afbreekbare spatie (U+00A0) als inspringing; gebruik gewone spaties",
        "content/methoden/index.yml:2:5: id 'index' is gereserveerd: zo heet het overzicht van Methoden en "
        "instrumenten; kies een andere id (en hernoem het bestand)",
        f"content/methoden/lus.yml:1:1: {LOOP}",
        f"content/methoden/map.yml:1:1: {FOLDER}",
        f"content/methoden/pijp.yml:1:1: {FIFO}",
        f"content/methoden/weg.yml:1:1: {DANGLING}",
    ]
